import * as assert from "node:assert/strict";
import { defaultBackupMaxAgeHours, planBackup, MAX_NAME_WITH_BACKUP } from "../../sdk/plan/backup";
import { DEFAULTS } from "../../sdk/plan/defaults";
import { planApp } from "../../sdk/plan";
import { planMetrics } from "../../sdk/plan/metrics";
import { METRICS_CONTAINER_NAME, METRICS_RUN_VOLUME, PORT_NAMES } from "../../sdk/naming";
import type { BackupArgs, MetricsArgs, MetricsPeerArgs } from "../../sdk/args";
import { args, ctx, rulesOf, run } from "./support";

const required: BackupArgs = { schedule: "0 * * * *", destination: "s3:bucket/app", rcloneConfigSecret: "app-backup-rclone" };

describe("plan/backup: schedule, destination, retention, source and images", () => {
    it("is absent without backup, and defaults every optional part", () => {
        assert.deepEqual(run(planBackup, args()), { value: undefined, problems: [] });
        assert.deepEqual(run(planBackup, args({ backup: required })), {
            value: {
                ...required,
                retention: DEFAULTS["backup.retention"],
                keepLast: DEFAULTS["backup.keepLast"],
                maxSourceLagSeconds: DEFAULTS["backup.maxSourceLagSeconds"],
                from: DEFAULTS["backup.from"],
                suspend: DEFAULTS["backup.suspend"],
                images: { rclone: DEFAULTS["backup.image"], sqlite: DEFAULTS["backup.sqliteImage"], curl: DEFAULTS["backup.curlImage"] },
            },
            problems: [],
        });
    });

    it("keeps every option given", () => {
        const images = {
            rclone: "docker.io/rclone/rclone:1.68.0",
            sqlite: "docker.io/keinos/sqlite3:3.46.0",
            curl: "docker.io/curlimages/curl:8.10.0",
        };
        const given = {
            schedule: "30 2 * * *",
            destination: "gcs:b/x",
            rcloneConfigSecret: "s",
            retention: "12w",
            keepLast: 7,
            maxSourceLagSeconds: 120,
        } as const;
        assert.deepEqual(
            planBackup(
                args({
                    backup: {
                        ...given,
                        from: "primary",
                        suspend: true,
                        image: images.rclone,
                        sqliteImage: images.sqlite,
                        curlImage: images.curl,
                    },
                }),
                ctx,
            ),
            { value: { ...given, from: "primary", suspend: true, images }, problems: [] },
        );
    });

    it("refuses each backup mistake by its rule", () => {
        const rules = (backup: Partial<BackupArgs>, name = ctx.name) =>
            rulesOf(run(planBackup, args({ backup: { ...required, ...backup } as BackupArgs }), name));
        assert.deepEqual(rules({}, "n".repeat(MAX_NAME_WITH_BACKUP)), []);
        assert.deepEqual(rules({}, "n".repeat(MAX_NAME_WITH_BACKUP + 1)), ["backup-name-length"]);
        assert.deepEqual(rules({ schedule: "every hour" }), ["backup-schedule"]);
        assert.deepEqual(rules({ schedule: "0 0 30 2 *" }), ["backup-schedule-never"]);
        assert.deepEqual(rules({ schedule: "0 0 29 2 *" }), [], "29 February comes every four years");
        assert.deepEqual(rules({ destination: "s3:" }), ["backup-destination-bucket"]);
        assert.deepEqual(rules({ destination: "s3:/" }), ["backup-destination-bucket"]);
        assert.deepEqual(rules({ keepLast: 0 }), ["backup-keep-last"]);
        assert.deepEqual(rules({ keepLast: 2.5 }), ["backup-keep-last"]);
        assert.deepEqual(rules({ maxSourceLagSeconds: 0 }), ["backup-max-source-lag"]);
        assert.deepEqual(rules({ maxSourceLagSeconds: "30" as never }), ["backup-max-source-lag"]);
        assert.deepEqual(rules({ destination: "bucket/app" }), ["backup-destination"]);
        assert.deepEqual(rules({ destination: undefined }), ["backup-destination"]);
        assert.deepEqual(rules({ rcloneConfigSecret: "" }), ["backup-secret"]);
        assert.deepEqual(rules({ rcloneConfigSecret: "Not_A_Name" }), ["backup-secret"]);
        assert.deepEqual(rules({ retention: "59m" }), ["backup-retention"]);
        assert.deepEqual(rules({ retention: "1h" }), []);
        assert.deepEqual(rules({ retention: "forever" }), ["backup-retention"]);
        assert.deepEqual(rules({ from: "secondary" as never }), ["backup-from"]);
        assert.deepEqual(rules({ suspend: "yes" as never }), ["boolean-args"]);
        assert.deepEqual(rules({ image: "docker.io/Rclone:UPPER CASE" }), ["backup-image"]);
        assert.deepEqual(rules({ sqliteImage: 3 as never }), ["backup-image"]);
        assert.deepEqual(rules({ curlImage: "" }), ["backup-image"]);
        assert.deepEqual(rules({ image: "rclone/rclone:latest" }), ["backup-image"]);
        assert.deepEqual(rules({ sqliteImage: "keinos/sqlite3" }), ["backup-image"]);
    });
});

describe("plan/metrics: sidecar, scrapers, monitoring objects and thresholds", () => {
    const thresholdDefaults = {
        replicaLagSeconds: DEFAULTS["metrics.thresholds.replicaLagSeconds"],
        behindPrimarySeconds: DEFAULTS["metrics.thresholds.behindPrimarySeconds"],
        volumeUsagePercent: DEFAULTS["metrics.thresholds.volumeUsagePercent"],
        restartsPerHour: DEFAULTS["metrics.thresholds.restartsPerHour"],
        backupMaxAgeHours: defaultBackupMaxAgeHours(undefined),
    };

    it("is absent without metrics, and defaults every part for metrics: {}", () => {
        assert.deepEqual(run(planMetrics, args()), { value: {}, problems: [] });
        assert.deepEqual(run(planMetrics, args({ metrics: {} })), {
            value: {
                metrics: {
                    port: DEFAULTS["metrics.port"],
                    image: DEFAULTS["metrics.image"],
                    allowFrom: DEFAULTS["metrics.allowFrom"],
                    podMonitor: DEFAULTS["metrics.podMonitor"],
                    prometheusRule: DEFAULTS["metrics.prometheusRule"],
                    dashboard: DEFAULTS["metrics.dashboard"],
                    thresholds: thresholdDefaults,
                },
            },
            problems: [],
        });
    });

    it("keeps every option given", () => {
        const thresholds = {
            replicaLagSeconds: 12.5,
            behindPrimarySeconds: 60,
            volumeUsagePercent: 90,
            restartsPerHour: 5,
            backupMaxAgeHours: 2,
        };
        const allowFrom: MetricsPeerArgs[] = [
            { namespaceSelector: { "kubernetes.io/metadata.name": "monitoring" } },
            { podSelector: { app: "prometheus" } },
            { namespaceSelector: { team: "ops" }, podSelector: { app: "vm" } },
        ];
        const metrics: MetricsArgs = {
            port: 9100,
            image: "docker.io/nginxinc/nginx-unprivileged@sha256:" + "1".repeat(64),
            allowFrom,
            podMonitor: true,
            prometheusRule: true,
            dashboard: true,
            thresholds,
        };
        assert.deepEqual(run(planMetrics, args({ metrics, backup: required })), {
            value: { metrics: { ...metrics, allowFrom, thresholds } },
            problems: [],
        });
        // A partial thresholds object keeps the defaults of the rest.
        const partial = run(planMetrics, args({ metrics: { prometheusRule: true, thresholds: { restartsPerHour: 10 } } }));
        assert.deepEqual(partial.value.metrics?.thresholds, { ...thresholdDefaults, restartsPerHour: 10 });
    });

    it("refuses each metrics mistake by its rule", () => {
        const rules = (metrics: MetricsArgs, overrides: Parameters<typeof args>[0] = {}) =>
            rulesOf(run(planMetrics, args({ ...overrides, metrics })));
        assert.deepEqual(rules("on" as never), ["metrics-object"]);
        assert.deepEqual(rules({ port: 80 }), ["metrics-port"]);
        assert.deepEqual(rules({ port: 20203.5 }), ["metrics-port"]);
        // The clashes are read from the pod layout's reserved table, by the names and pod-extensions modules.
        const appRules = (metrics: MetricsArgs, overrides: Parameters<typeof args>[0] = {}) => {
            const planned = planApp("notes", args({ ...overrides, metrics }));
            return planned.ok ? [] : planned.problems.map((p) => p.rule);
        };
        assert.deepEqual(appRules({ port: 3000 }), ["metrics-port-clash"]);
        assert.deepEqual(appRules({ port: DEFAULTS.apiPort }), ["metrics-port-clash"]);
        assert.deepEqual(appRules({ port: DEFAULTS["proxy.port"] }, { proxy: {} }), ["metrics-port-clash"]);
        assert.deepEqual(
            appRules({}, { sidecars: [{ name: "exporter", image: "a:1", ports: [{ containerPort: DEFAULTS["metrics.port"] }] }] }),
            ["metrics-port-clash"],
        );
        assert.deepEqual(
            appRules({}, { sidecars: [{ name: "exporter", image: "a:1", ports: [{ containerPort: 9, name: PORT_NAMES.metrics }] }] }),
            ["metrics-port-clash"],
        );
        assert.deepEqual(appRules({}, { sidecars: [{ name: METRICS_CONTAINER_NAME, image: "a:1" }] }), ["metrics-reserved-name"]);
        assert.deepEqual(appRules({}, { initContainers: [{ name: METRICS_CONTAINER_NAME, image: "a:1" }] }), ["metrics-reserved-name"]);
        assert.deepEqual(appRules({}, { volumes: [{ name: METRICS_RUN_VOLUME, emptyDir: {} }] }), ["metrics-reserved-name"]);
        assert.deepEqual(rules({ image: "nginx:latest" }), ["metrics-image"]);
        assert.deepEqual(rules({ image: "nginx" }), ["metrics-image"]);
        assert.deepEqual(rules({ image: "nginx: 1.28" }), ["metrics-image"]);
        assert.deepEqual(rules({ image: "Nginx:1.28" }), ["metrics-image"]);
        assert.deepEqual(rules({ podMonitor: "true" as never }), ["metrics-boolean"]);
        assert.deepEqual(rules({ prometheusRule: 1 as never }), ["metrics-boolean"]);
        assert.deepEqual(rules({ dashboard: "yes" as never }), ["metrics-boolean"]);
        assert.deepEqual(rules({ allowFrom: [] }), ["metrics-allow-from"]);
        assert.deepEqual(rules({ allowFrom: {} as never }), ["metrics-allow-from"]);
        assert.deepEqual(rules({ allowFrom: [{}] }), ["metrics-allow-from"]);
        assert.deepEqual(rules({ allowFrom: [{ namespaceSelector: {}, ipBlock: {} } as never] }), ["metrics-allow-from"]);
        assert.deepEqual(rules({ allowFrom: [{ podSelector: "app=prometheus" as never }] }), ["metrics-allow-from"]);
        assert.deepEqual(rules({ allowFrom: [{ podSelector: { "bad key!": "x" } }] }), ["metrics-allow-from"]);
        assert.deepEqual(rules({ allowFrom: [{ namespaceSelector: {} }] }, { networkPolicy: false }), ["metrics-allow-from"]);
        assert.deepEqual(rules({ thresholds: {} }), ["metrics-thresholds"]);
        assert.deepEqual(rules({ prometheusRule: true, thresholds: "high" as never }), ["metrics-thresholds"]);
        assert.deepEqual(rules({ prometheusRule: true, thresholds: { backupMaxAgeHours: 26 } }), ["metrics-thresholds"]);
        assert.deepEqual(rules({ prometheusRule: true, thresholds: { replicaLagSeconds: 0 } }), ["metrics-thresholds"]);
        assert.deepEqual(rules({ prometheusRule: true, thresholds: { behindPrimarySeconds: 1.5 } }), ["metrics-thresholds"]);
        assert.deepEqual(rules({ prometheusRule: true, thresholds: { volumeUsagePercent: 100 } }), ["metrics-thresholds"]);
        assert.deepEqual(rules({ prometheusRule: true, thresholds: { restartsPerHour: 0 } }), ["metrics-thresholds"]);
        assert.deepEqual(rules({ prometheusRule: true, thresholds: { backupMaxAgeHours: "26" as never } }, { backup: required }), [
            "metrics-thresholds",
        ]);
    });
});
