/** The metrics sidecar and the dashboard model, as built from explicit inputs. */
import * as assert from "node:assert/strict";
import { dashboard, dashboardPanels, dashboardUid } from "../../sdk/metrics/dashboard";
import { metricsProxyConfig } from "../../sdk/metrics/nginx-conf";
import { metricsSidecarContainer, metricsSidecarVolume, scrapeAnnotations } from "../../sdk/k8s/metrics-sidecar";
import { METRICS_RUN_VOLUME } from "../../sdk/naming";
import { assertOnlyLiteFsElevated } from "../../sdk/k8s/pod-security";
import { alertTarget } from "../support/metrics";
import { planBasics } from "../../sdk/plan/basics";

/** The embedded layout: the container named "app" holds the litefs role. */
const EMBEDDED = planBasics({ image: "x", port: 3000, command: "x" }, "app").layout;

const SIDECAR = { image: "nginxinc/nginx-unprivileged:1.28.0-alpine", port: 20203, apiPort: 20202, resources: {} };
describe("metrics: sidecar and monitoring objects", () => {
    it("the sidecar runs unprivileged: non-root, read-only root, no privilege escalation, ALL dropped, RuntimeDefault seccomp", () => {
        const container = metricsSidecarContainer(SIDECAR);
        assert.deepEqual(container.securityContext, {
            runAsNonRoot: true,
            runAsUser: 101,
            runAsGroup: 101,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.deepEqual(container.ports, [{ name: "metrics", containerPort: 20203, protocol: "TCP" }]);
        assert.deepEqual(container.volumeMounts, [{ name: METRICS_RUN_VOLUME, mountPath: "/tmp" }]);
        assert.equal(metricsSidecarVolume().name, METRICS_RUN_VOLUME);
    });

    it("the only-LiteFS-elevated check admits the sidecar and refuses it with any elevated right", () => {
        const app = { name: "app", image: "x", securityContext: { privileged: true } };
        const sidecar = metricsSidecarContainer(SIDECAR);
        assertOnlyLiteFsElevated({ containers: [app, sidecar] }, EMBEDDED);
        const contexts = [
            { ...(sidecar.securityContext as object), allowPrivilegeEscalation: true },
            { ...(sidecar.securityContext as object), privileged: true },
            { ...(sidecar.securityContext as object), capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } },
        ];
        for (const securityContext of contexts)
            assert.throws(
                () => assertOnlyLiteFsElevated({ containers: [app, { ...sidecar, securityContext }] }, EMBEDDED),
                /"metrics" must run unprivileged/,
            );
    });

    it("the sidecar's command carries the generated nginx.conf, so a config change changes the pod template", () => {
        const command = metricsSidecarContainer(SIDECAR).command as string[];
        assert.deepEqual(command.slice(0, 2), ["/bin/sh", "-c"]);
        assert.match(command[2], /^printf '%s' "\$1" > \/tmp\/nginx\.conf && exec nginx -e stderr -c \/tmp\/nginx\.conf -g 'daemon off;'$/);
        assert.equal(command[4], metricsProxyConfig({ listenPort: 20203, upstreamPort: 20202, runDir: "/tmp" }));
        assert.match(command[4], /listen 20203 default_server;/);
        assert.match(command[4], /proxy_pass http:\/\/127\.0\.0\.1:20202\/metrics;/);
        const other = metricsSidecarContainer({ ...SIDECAR, apiPort: 30000 }).command as string[];
        assert.notEqual(other[4], command[4]);
    });

    it("scrape annotations name the metrics port and path", () => {
        assert.deepEqual(scrapeAnnotations(20203), {
            "prometheus.io/scrape": "true",
            "prometheus.io/port": "20203",
            "prometheus.io/path": "/metrics",
        });
    });

    it("the dashboard's uid is stable per app and fits Grafana's 40 characters", () => {
        const uid = dashboardUid(alertTarget());
        assert.equal(uid, dashboardUid(alertTarget()));
        assert.ok(uid.length <= 40);
        assert.notEqual(dashboardUid({ name: "abaci-app", namespace: "other" }), uid);
        assert.equal((dashboard(alertTarget()) as { uid: string }).uid, uid);
    });

    it("the dashboard has the issue's panels, each with a query", () => {
        const titles = dashboardPanels(alertTarget()).map((p) => p.title);
        assert.deepEqual(titles, [
            "Primary",
            "Replicas streaming from the primary",
            "Replication lag",
            "Transaction ID",
            "Commits per second",
            "Data volume use",
            "Container restarts",
        ]);
        for (const panel of dashboard(alertTarget()).panels as { targets: { expr: string }[]; datasource: unknown; gridPos: unknown }[]) {
            assert.ok(panel.targets.length > 0);
            assert.deepEqual(panel.datasource, { type: "prometheus", uid: "${datasource}" });
        }
    });
});
