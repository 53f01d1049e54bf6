/** Every input rule of `metrics`: the error names the input, the rule and the fix, and nothing is registered. */
import * as assert from "node:assert/strict";
import { construct, exampleArgs, STATEFULSET } from "../support/app";

const PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
import { problemAt, refused } from "../support/refused";

describe("metrics arguments refused before anything is created", () => {
    it("[metrics-object] refuses metrics that is not an object, suggesting {}", async () => {
        const error = await refused("abaci-app", { ...exampleArgs(), metrics: true });
        problemAt(error, "args.metrics", /must be an object/, /metrics: \{\}/, "metrics-object");
    });

    for (const port of [80, 0, 70000, 9090.5, "20203"])
        it(`[metrics-port] refuses metrics.port ${JSON.stringify(port)}: a whole number from 1024, as the sidecar is not root`, async () => {
            const error = await refused("abaci-app", { ...exampleArgs(), metrics: { port } });
            problemAt(error, "args.metrics.port", /from 1024 to 65535.*non-root/, /20203/, "metrics-port");
        });

    for (const [clash, args] of [
        ["port", { port: 9100, metrics: { port: 9100 } }],
        ["apiPort", { apiPort: 9100, metrics: { port: 9100 } }],
        ["proxy.port", { proxy: {}, metrics: { port: 8080 } }],
    ] as const)
        it(`[metrics-port-clash] refuses a metrics.port equal to ${clash}`, async () => {
            const error = await refused("abaci-app", exampleArgs({ ...args }));
            problemAt(
                error,
                "args.metrics.port",
                new RegExp(`same port as ${clash.replace(".", "\\.")}`),
                /^leave metrics\.port at its default 20203\.$/,
                "metrics-port-clash",
            );
        });

    it("[metrics-port-clash] blames the app's port 20203, not the metrics port the caller left at its default", async () => {
        const error = await refused("abaci-app", exampleArgs({ metrics: {}, port: 20203 }));
        problemAt(
            error,
            "args.port",
            /metrics sidecar's port \(metrics\.port\) by default/,
            /another port for args\.port/,
            "metrics-port-clash",
        );
    });

    it("[metrics-port-clash] refuses a sidecar port with the metrics port's number or name", async () => {
        const error = await refused(
            "abaci-app",
            exampleArgs({
                metrics: {},
                sidecars: [
                    { name: "exporter", image: "example/exporter:1.0", ports: [{ containerPort: 20203 }] },
                    { name: "other", image: "example/other:1.0", ports: [{ name: "metrics", containerPort: 9100 }] },
                ],
            }),
        );
        problemAt(error, "args.sidecars[0].ports[0]", /metrics sidecar's port/, /another port/, "metrics-port-clash");
        problemAt(error, "args.sidecars[1].ports[0]", /metrics sidecar's port/, /another port/, "metrics-port-clash");
    });

    it("[metrics-reserved-name] refuses a sidecar, init container or volume named like the metrics sidecar's", async () => {
        const error = await refused(
            "abaci-app",
            exampleArgs({
                metrics: {},
                sidecars: [{ name: "metrics", image: "example/exporter:1.0" }],
                initContainers: [{ name: "metrics", image: "example/init:1.0" }],
                volumes: [{ name: "metrics-run", emptyDir: {} }],
            }),
        );
        problemAt(error, "args.sidecars[0].name", /metrics sidecar's container/, /another name/, "metrics-reserved-name");
        problemAt(error, "args.initContainers[0].name", /metrics sidecar's container/, /another name/, "metrics-reserved-name");
        problemAt(error, "args.volumes[0].name", /metrics sidecar's volume/, /another name/, "metrics-reserved-name");
    });

    it("accepts user sidecars beside the metrics sidecar", async () => {
        const c = await construct(
            "two-sidecars",
            exampleArgs({ namespace: "two-sidecars", metrics: {}, sidecars: [{ name: "shipper", image: "example/shipper:1.0" }] }),
        );
        const names = c.one(STATEFULSET).inputs.spec.template.spec.containers.map((x: { name: string }) => x.name);
        assert.deepEqual(names, ["app", "metrics", "shipper"]);
    });

    for (const image of ["nginxinc/nginx-unprivileged", "nginxinc/nginx-unprivileged:latest", "nginx unprivileged:1.28", "", "Nginx:1"])
        it(`[metrics-image] refuses metrics.image ${JSON.stringify(image)}: a valid reference pinned by version or digest`, async () => {
            const error = await refused("abaci-app", exampleArgs({ metrics: { image } }));
            problemAt(
                error,
                "args.metrics.image",
                /latest|reference/,
                /"docker\.io\/nginxinc\/nginx-unprivileged:1\.28\.0-alpine"/,
                "metrics-image",
            );
        });

    it("[metrics-boolean] refuses podMonitor, prometheusRule or dashboard written as strings", async () => {
        const error = await refused("abaci-app", {
            ...exampleArgs(),
            metrics: { podMonitor: "true", prometheusRule: "yes", dashboard: 1 },
        });
        for (const key of ["podMonitor", "prometheusRule", "dashboard"])
            problemAt(error, `args.metrics.${key}`, /must be true or false/, /unquoted/, "metrics-boolean");
    });

    it("[metrics-allow-from] refuses an empty list: nothing could scrape", async () => {
        const error = await refused("abaci-app", exampleArgs({ metrics: { allowFrom: [] } }));
        problemAt(error, "args.metrics.allowFrom", /admit no one/, /namespaceSelector/, "metrics-allow-from");
    });

    it("[metrics-allow-from] refuses a peer without a selector, an unknown field, a selector that is no label map, and bad labels", async () => {
        const error = await refused("abaci-app", {
            ...exampleArgs(),
            metrics: {
                allowFrom: [
                    {},
                    { namespaceSelector: {}, ipBlock: { cidr: "10.0.0.0/8" } },
                    { podSelector: "app=prometheus" },
                    { namespaceSelector: { "kubernetes.io/metadata.name": "Not Valid!" } },
                ],
            },
        });
        problemAt(error, "args.metrics.allowFrom[0]", /at least one of them/, /namespaceSelector: \{\}/, "metrics-allow-from");
        problemAt(error, "args.metrics.allowFrom[1].ipBlock", /not a peer field/, /remove it/, "metrics-allow-from");
        problemAt(error, "args.metrics.allowFrom[2].podSelector", /map of labels/, /\{\}/, "metrics-allow-from");
        assert.ok(
            error.problems.some((p) => p.rule === "metrics-allow-from" && p.path.startsWith("args.metrics.allowFrom[3].namespaceSelector")),
        );
    });

    it("[metrics-allow-from] refuses allowFrom with networkPolicy: false, where it would do nothing", async () => {
        const error = await refused(
            "abaci-app",
            exampleArgs({ networkPolicy: false, metrics: { allowFrom: [{ namespaceSelector: {} }] } }),
        );
        problemAt(
            error,
            "args.metrics.allowFrom",
            /networkPolicy is false/,
            /remove networkPolicy: false, or remove allowFrom/,
            "metrics-allow-from",
        );
    });

    it("[metrics-thresholds] refuses thresholds without prometheusRule: there are no alerts to tune", async () => {
        const error = await refused("abaci-app", exampleArgs({ metrics: { thresholds: { replicaLagSeconds: 60 } } }));
        problemAt(error, "args.metrics.thresholds", /no alerts/, /prometheusRule: true/, "metrics-thresholds");
    });

    it("[metrics-thresholds] refuses backupMaxAgeHours without backup", async () => {
        const error = await refused("abaci-app", exampleArgs({ metrics: { prometheusRule: true, thresholds: { backupMaxAgeHours: 48 } } }));
        problemAt(error, "args.metrics.thresholds.backupMaxAgeHours", /backup alerts/, /set backup/, "metrics-thresholds");
    });

    it("[metrics-thresholds] refuses thresholds out of range", async () => {
        const error = await refused("abaci-app", {
            ...exampleArgs(),
            metrics: {
                prometheusRule: true,
                thresholds: {
                    replicaLagSeconds: 0,
                    behindPrimarySeconds: 90.5,
                    volumeUsagePercent: 100,
                    restartsPerHour: "3",
                    backupMaxAgeHours: -1,
                },
            },
        });
        problemAt(error, "args.metrics.thresholds.replicaLagSeconds", /greater than 0/, /30/, "metrics-thresholds");
        problemAt(error, "args.metrics.thresholds.behindPrimarySeconds", /whole number of at least 1/, /e\.g\. 1/, "metrics-thresholds");
        problemAt(error, "args.metrics.thresholds.volumeUsagePercent", /below 100/, /80/, "metrics-thresholds");
        problemAt(error, "args.metrics.thresholds.restartsPerHour", /whole number/, /unquoted: 3/, "metrics-thresholds");
        problemAt(error, "args.metrics.thresholds.backupMaxAgeHours", /greater than 0/, /unquoted/, "metrics-thresholds");
    });

    it("accepts every metrics argument at once", async () => {
        const c = await construct(
            "full-metrics",
            exampleArgs({
                namespace: "full-metrics",
                metrics: {
                    port: 9464,
                    image: "nginxinc/nginx-unprivileged:1.28.0-alpine",
                    allowFrom: [
                        {
                            namespaceSelector: { "kubernetes.io/metadata.name": "monitoring" },
                            podSelector: { "app.kubernetes.io/name": "prometheus" },
                        },
                    ],
                    podMonitor: true,
                    prometheusRule: true,
                    dashboard: true,
                    thresholds: {
                        replicaLagSeconds: 60,
                        behindPrimarySeconds: 300,
                        volumeUsagePercent: 90,
                        restartsPerHour: 5,
                        backupMaxAgeHours: 48,
                    },
                },
                backup: { schedule: "@daily", destination: "s3:bucket/abaci", rcloneConfigSecret: "abaci-rclone" },
            }),
        );
        const rules = c.one(PROMETHEUS_RULE).inputs.spec.groups[0].rules;
        const tooOld = rules.find((r: { alert: string }) => r.alert === "LiteFSBackupTooOld");
        assert.match(tooOld.expr, /cronjob="full-metrics-backup"/);
        assert.match(tooOld.expr, /> 172800 /, "48 hours");
    });
});
