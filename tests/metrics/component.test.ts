/** `metrics` on a LiteFsApp: the sidecar in the pods, the NetworkPolicy, and the monitoring objects registered as children. */
import { defaultBackupMaxAgeHours } from "../../sdk/plan/backup";
import * as assert from "node:assert/strict";
import type { LiteFsAppArgs } from "../../sdk";
import { alertRules } from "../../sdk/metrics/alerts";
import { dashboard } from "../../sdk/metrics/dashboard";
import { metricsProxyConfig } from "../../sdk/metrics/nginx-conf";
import { DEFAULTS } from "../../sdk/plan";
import { construct, exampleArgs, NETWORK_POLICY, STATEFULSET } from "../support/app";

const POD_MONITOR = "kubernetes:monitoring.coreos.com/v1:PodMonitor";
const PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";

async function app(name: string, args: Partial<LiteFsAppArgs>) {
    return construct(name, exampleArgs({ namespace: name, ...args }));
}

describe("metrics: on a LiteFsApp", () => {
    it("adds nothing without metrics", async () => {
        const c = await app("no-metrics", {});
        const pod = c.one(STATEFULSET).inputs.spec.template;
        assert.deepEqual(
            pod.spec.containers.map((x: { name: string }) => x.name),
            ["app"],
        );
        assert.equal(pod.metadata.annotations?.["prometheus.io/scrape"], undefined);
        assert.equal(c.resources.filter((r) => [POD_MONITOR, PROMETHEUS_RULE, CONFIG_MAP].includes(r.type)).length, 0);
    });

    it("runs the sidecar next to the app on the metrics port, with its emptyDir and scrape annotations", async () => {
        const c = await app("with-metrics", { metrics: {} });
        const template = c.one(STATEFULSET).inputs.spec.template;
        const [appContainer, sidecar] = template.spec.containers;
        assert.equal(appContainer.name, "app");
        assert.equal(sidecar.name, "metrics");
        assert.equal(sidecar.image, DEFAULTS["metrics.image"]);
        assert.deepEqual(sidecar.ports, [{ name: "metrics", containerPort: DEFAULTS["metrics.port"], protocol: "TCP" }]);
        assert.equal(sidecar.command[4], metricsProxyConfig({ listenPort: DEFAULTS["metrics.port"], upstreamPort: 20202, runDir: "/tmp" }));
        assert.equal(sidecar.securityContext.readOnlyRootFilesystem, true);
        assert.deepEqual(sidecar.resources, { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "64Mi" } });
        assert.ok(template.spec.volumes.some((v: { name: string; emptyDir?: object }) => v.name === "metrics-run" && v.emptyDir));
        assert.deepEqual(
            Object.fromEntries(
                Object.entries(template.metadata.annotations).filter(([k]) => k.startsWith("prometheus.io/") || k.startsWith("kubectl.")),
            ),
            {
                "prometheus.io/scrape": "true",
                "prometheus.io/port": String(DEFAULTS["metrics.port"]),
                "prometheus.io/path": "/metrics",
                "kubectl.kubernetes.io/default-container": "app",
            },
        );
        // The sidecar does not open LiteFS's API port: only the app container lists it.
        assert.ok(!sidecar.ports.some((p: { containerPort: number }) => p.containerPort === 20202));
    });

    it("follows apiPort, metrics.port and metrics.image, and a changed config changes the pod template", async () => {
        const c = await app("custom-metrics", {
            apiPort: 20300,
            metrics: { port: 9464, image: "registry.example/nginx-unprivileged:1.28.0" },
        });
        const sidecar = c.one(STATEFULSET).inputs.spec.template.spec.containers[1];
        assert.equal(sidecar.image, "registry.example/nginx-unprivileged:1.28.0");
        assert.equal(sidecar.command[4], metricsProxyConfig({ listenPort: 9464, upstreamPort: 20300, runDir: "/tmp" }));
    });

    it("leaves out the scrape annotations when a PodMonitor scrapes, so nothing scrapes twice", async () => {
        const c = await app("monitored", { metrics: { podMonitor: true } });
        const annotations = c.one(STATEFULSET).inputs.spec.template.metadata.annotations ?? {};
        assert.equal(annotations["prometheus.io/scrape"], undefined);
        assert.equal(annotations["kubectl.kubernetes.io/default-container"], "app");
    });

    it("admits the metrics port from allowFrom only (default: every pod in every namespace), and keeps the API port fenced", async () => {
        const selector = { "app.kubernetes.io/name": "litefs", "app.kubernetes.io/instance": "fenced" };
        const byDefault = (await app("fenced", { metrics: {} })).one(NETWORK_POLICY).inputs.spec.ingress;
        assert.deepEqual(byDefault, [
            { from: [{ podSelector: { matchLabels: selector } }], ports: [{ protocol: "TCP", port: 20202 }] },
            { ports: [{ protocol: "TCP", port: 3000 }] },
            { from: [{ namespaceSelector: { matchLabels: {} } }], ports: [{ protocol: "TCP", port: DEFAULTS["metrics.port"] }] },
        ]);
        const narrowed = (
            await app("narrowed", {
                metrics: {
                    allowFrom: [
                        {
                            namespaceSelector: { "kubernetes.io/metadata.name": "monitoring" },
                            podSelector: { "app.kubernetes.io/name": "prometheus" },
                        },
                        { podSelector: { role: "scraper" } },
                    ],
                },
            })
        ).one(NETWORK_POLICY).inputs.spec.ingress[2];
        assert.deepEqual(narrowed, {
            from: [
                {
                    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } },
                    podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
                },
                { podSelector: { matchLabels: { role: "scraper" } } },
            ],
            ports: [{ protocol: "TCP", port: DEFAULTS["metrics.port"] }],
        });
    });

    it("registers the PodMonitor, PrometheusRule and dashboard ConfigMap as children of the component", async () => {
        const c = await app("observed", { labels: { team: "web" }, metrics: { podMonitor: true, prometheusRule: true, dashboard: true } });
        const selector = { "app.kubernetes.io/name": "litefs", "app.kubernetes.io/instance": "observed" };
        const labels = { ...selector, team: "web" };

        const monitor = c.one(POD_MONITOR);
        assert.equal(monitor.name, "observed-podmonitor");
        assert.deepEqual(monitor.inputs, {
            apiVersion: "monitoring.coreos.com/v1",
            kind: "PodMonitor",
            metadata: { name: "observed", namespace: "observed", labels },
            spec: { selector: { matchLabels: selector }, podMetricsEndpoints: [{ port: "metrics", path: "/metrics" }] },
        });

        const rule = c.one(PROMETHEUS_RULE);
        assert.equal(rule.name, "observed-prometheusrule");
        assert.deepEqual(rule.inputs.metadata, { name: "observed", namespace: "observed", labels });
        const group = alertRules({
            name: "observed",
            namespace: "observed",
            replicas: 3,
            thresholds: thresholdsDefault(),
            liteFsContainer: "app",
            primaryPod: "observed-0",
        });
        assert.deepEqual(rule.inputs.spec, JSON.parse(JSON.stringify({ groups: [group] })));

        const map = c.one(CONFIG_MAP);
        assert.equal(map.name, "observed-dashboard");
        assert.deepEqual(map.inputs.metadata, {
            name: "observed-dashboard",
            namespace: "observed",
            labels: { ...labels, grafana_dashboard: "1" },
        });
        assert.deepEqual(Object.keys(map.inputs.data), ["litefs-observed-observed.json"]);
        const model = JSON.parse(map.inputs.data["litefs-observed-observed.json"]);
        assert.deepEqual(model, JSON.parse(JSON.stringify(dashboard({ name: "observed", namespace: "observed" }))));
        assert.equal(model.title, "LiteFS: observed/observed");

        for (const child of [monitor, rule, map])
            assert.equal(c.childOptions.get(`${child.type}::${child.name}`)?.parent, c.app, child.name);
    });

    it("registers each monitoring object only when asked", async () => {
        const only = await app("only-rule", { metrics: { prometheusRule: true } });
        assert.deepEqual(
            only.resources.filter((r) => [POD_MONITOR, PROMETHEUS_RULE, CONFIG_MAP].includes(r.type)).map((r) => r.type),
            [PROMETHEUS_RULE],
        );
        const single = await app("single-pod", { replicas: 1, metrics: { prometheusRule: true } });
        const alerts = single.one(PROMETHEUS_RULE).inputs.spec.groups[0].rules.map((r: { alert: string }) => r.alert);
        assert.ok(!alerts.includes("LiteFSReplicasNotStreaming"), "one pod: no replica to stream");
    });

    it("adds the backup alerts for the backup CronJob <name>-backup when backups are on, and only then", async () => {
        const backup = { schedule: "0 * * * *", destination: "s3:bucket/saved", rcloneConfigSecret: "saved-rclone" };
        const c = await app("saved", { backup, metrics: { prometheusRule: true } });
        const rules = c.one(PROMETHEUS_RULE).inputs.spec.groups[0].rules as { alert: string; expr: string }[];
        const byName = Object.fromEntries(rules.map((r) => [r.alert, r.expr]));
        assert.match(byName.LiteFSBackupFailed, /owner_kind="CronJob", owner_name="saved-backup"/);
        assert.match(byName.LiteFSBackupTooOld, /cronjob="saved-backup"/);
        // Hourly backups: the default threshold follows the schedule, 1 hour plus the 2-hour margin.
        assert.match(byName.LiteFSBackupTooOld, new RegExp(`> ${3 * 3600} `));
        const group = alertRules({
            name: "saved",
            namespace: "saved",
            replicas: 3,
            thresholds: { ...thresholdsDefault(), backupMaxAgeHours: defaultBackupMaxAgeHours(backup.schedule) },
            liteFsContainer: "app",
            primaryPod: "saved-0",
            backupCronJob: "saved-backup",
        });
        assert.deepEqual(c.one(PROMETHEUS_RULE).inputs.spec.groups, JSON.parse(JSON.stringify([group])));
        const without = await app("unsaved", { metrics: { prometheusRule: true } });
        const alerts = without.one(PROMETHEUS_RULE).inputs.spec.groups[0].rules.map((r: { alert: string }) => r.alert);
        assert.ok(!alerts.includes("LiteFSBackupFailed") && !alerts.includes("LiteFSBackupTooOld"));
    });

    it("passes thresholds into the rules", async () => {
        const c = await app("tuned", { metrics: { prometheusRule: true, thresholds: { replicaLagSeconds: 90, volumeUsagePercent: 70 } } });
        const rules = Object.fromEntries(
            c.one(PROMETHEUS_RULE).inputs.spec.groups[0].rules.map((r: { alert: string; expr: string }) => [r.alert, r.expr]),
        );
        assert.match(rules.LiteFSReplicaLagging, /> 90$/);
        assert.match(rules.LiteFSVolumeNearlyFull, /> 70$/);
        assert.match(rules.LiteFSPodRestarting, new RegExp(`>= ${DEFAULTS["metrics.thresholds.restartsPerHour"]}$`));
    });
});

function thresholdsDefault() {
    return {
        replicaLagSeconds: DEFAULTS["metrics.thresholds.replicaLagSeconds"],
        behindPrimarySeconds: DEFAULTS["metrics.thresholds.behindPrimarySeconds"],
        volumeUsagePercent: DEFAULTS["metrics.thresholds.volumeUsagePercent"],
        restartsPerHour: DEFAULTS["metrics.thresholds.restartsPerHour"],
        backupMaxAgeHours: defaultBackupMaxAgeHours(undefined),
    };
}
