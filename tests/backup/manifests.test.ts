/** The backup CronJob, its scripts ConfigMap and the restore Job, field by field, and against Kubernetes' schema. */
import * as assert from "node:assert/strict";
import { load } from "js-yaml";
import type { BackupArgs, LiteFsAppArgs } from "../../sdk";
import { BACKUP_JOB } from "../../sdk/backup/job";
import { restoreCommands } from "../../sdk/k8s/restore-commands";
import { shellWord } from "../../sdk/shell-loop";
import { SCRIPTS } from "../../sdk/backup/scripts";
import { BACKUP_STEPS, RESTORE_STEPS } from "../../sdk/backup/steps";
import { type BackupTarget, backupSources, backupTarget, restoreSources } from "../../sdk/backup/target";
import { backupCronJobManifest } from "../../sdk/k8s/backup-cronjob";
import { backupScriptsManifest } from "../../sdk/k8s/backup-scripts";
import { restoreJobManifest } from "../../sdk/k8s/restore-job";
import { DEFAULTS, planApp } from "../../sdk/plan";
import { MIN_RETENTION_SECONDS } from "../../sdk/plan/backup";
import { validateObjects } from "../../sdk/render/validate";
import { formatProblem } from "../../sdk/validation/problem";
import { EXAMPLE_BACKUP, exampleArgs } from "../support/app";

function target(args: Partial<LiteFsAppArgs> = {}, backup: Partial<BackupArgs> = {}): BackupTarget {
    const result = planApp("abaci-app", exampleArgs({ labels: { team: "web" }, ...args, backup: { ...EXAMPLE_BACKUP, ...backup } }));
    assert.ok(result.ok, result.ok ? "" : result.problems.map(formatProblem).join("\n"));
    const found = backupTarget(result.plan);
    assert.ok(found);
    return found;
}

const json = (value: unknown): any => JSON.parse(JSON.stringify(value));
const env = (container: any): Record<string, string> => Object.fromEntries(container.env.map((e: any) => [e.name, e.value]));
const API_URL = "http://abaci-app-%d.abaci-app-headless.abaci.svc.cluster.local:20202";

describe("backup CronJob", () => {
    const cronJob = json(backupCronJobManifest(target()));
    const job = cronJob.spec.jobTemplate.spec;
    const pod = job.template.spec;
    const containers: any[] = [...pod.initContainers, ...pod.containers];

    it("is <name>-backup in the app's namespace, on the schedule, in UTC", () => {
        assert.equal(cronJob.apiVersion, "batch/v1");
        assert.equal(cronJob.metadata.name, "abaci-app-backup");
        assert.equal(cronJob.metadata.namespace, "abaci");
        assert.equal(cronJob.spec.schedule, "0 * * * *");
        assert.equal(cronJob.spec.timeZone, "Etc/UTC");
    });

    it("runs one backup at a time, within a starting deadline, keeping a few Jobs, retrying twice within an hour", () => {
        assert.equal(cronJob.spec.concurrencyPolicy, "Forbid");
        assert.equal(cronJob.spec.startingDeadlineSeconds, 600);
        assert.equal(cronJob.spec.successfulJobsHistoryLimit, 3);
        assert.equal(cronJob.spec.failedJobsHistoryLimit, 3);
        assert.equal(cronJob.spec.suspend, false);
        assert.equal(json(backupCronJobManifest(target({}, { suspend: true }))).spec.suspend, true);
        assert.equal(job.backoffLimit, 2);
        assert.equal(job.activeDeadlineSeconds, 3600);
        assert.ok(MIN_RETENTION_SECONDS >= job.activeDeadlineSeconds, "a retention shorter than a run could delete the run's own snapshot");
        assert.equal(pod.restartPolicy, "Never");
    });

    it("labels its pods for the NetworkPolicy, with no label of the app's selector", () => {
        const labels = job.template.metadata.labels;
        assert.deepEqual(labels, {
            team: "web",
            "app.kubernetes.io/name": "litefs-backup",
            "app.kubernetes.io/instance": "abaci-app",
            "app.kubernetes.io/component": "backup",
        });
        assert.deepEqual(cronJob.metadata.labels, labels);
    });

    it("runs non-root with no service-account token, no Service links and the RuntimeDefault seccomp profile", () => {
        assert.equal(pod.automountServiceAccountToken, false);
        assert.equal(pod.enableServiceLinks, false);
        assert.deepEqual(pod.securityContext, {
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
            fsGroup: 65532,
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.equal(pod.serviceAccountName, undefined);
    });

    it("runs every step unprivileged: no escalation, drop ALL, read-only root filesystem", () => {
        for (const container of containers)
            assert.deepEqual(container.securityContext, {
                runAsNonRoot: true,
                privileged: false,
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
            });
    });

    it("runs export (curl), check (sqlite3) and upload (rclone) in that order, each from its script, in its pinned image", () => {
        assert.deepEqual(
            containers.map((c) => [c.name, c.image, c.command]),
            [
                ["export", "docker.io/curlimages/curl:8.11.1", ["sh", "/scripts/backup-export.sh"]],
                ["check", "docker.io/keinos/sqlite3:3.47.2", ["sh", "/scripts/backup-check.sh"]],
                ["upload", "docker.io/rclone/rclone:1.69.1", ["sh", "/scripts/backup-upload.sh"]],
            ],
        );
        assert.deepEqual(
            BACKUP_STEPS.map((s) => s.name),
            containers.map((c) => c.name),
        );
        for (const key of ["backup.image", "backup.sqliteImage", "backup.curlImage"] as const)
            assert.match(DEFAULTS[key], /^docker\.io\/[a-z0-9/]+:\d+(\.\d+)+$/);
    });

    it("uses the images it is given", () => {
        const images = { image: "registry.local/rclone:1", sqliteImage: "registry.local/sqlite:2", curlImage: "registry.local/curl:3" };
        const given = json(backupCronJobManifest(target({ imagePullSecrets: ["mirror"] }, images))).spec.jobTemplate.spec.template.spec;
        assert.deepEqual(
            [...given.initContainers, ...given.containers].map((c: any) => c.image),
            [images.curlImage, images.sqliteImage, images.image],
        );
        assert.deepEqual(given.imagePullSecrets, [{ name: "mirror" }]);
    });

    it("gives the rclone Secret to the upload step only, and each step only the variables it reads", () => {
        assert.deepEqual(
            containers.map((c) => c.envFrom),
            [undefined, undefined, [{ secretRef: { name: "abaci-backup-rclone" } }]],
        );
        const [exporter, check, upload] = containers.map(env);
        const position = { LITEFS_DATABASE: "sqlite.db", LITEFS_API_URL: API_URL, LITEFS_PRIMARY_ORDINAL: "0", LITEFS_REPLICAS: "3" };
        assert.deepEqual(exporter, { ...position, LITEFS_SOURCE_ORDINALS: "2 1", BACKUP_MAX_SOURCE_LAG_SECONDS: "30", WORK: "/work" });
        assert.deepEqual(check, { LITEFS_DATABASE: "sqlite.db", WORK: "/work", TMPDIR: "/work" });
        assert.deepEqual(upload, {
            LITEFS_DATABASE: "sqlite.db",
            BACKUP_DIR: "s3:my-bucket/abaci/abaci/abaci-app/sqlite.db",
            BACKUP_RETENTION: "30d",
            BACKUP_KEEP_LAST: "3",
            WORK: "/work",
            HOME: "/work",
            RCLONE_CONFIG: "",
        });
    });

    it("shares an emptyDir between the steps and mounts the scripts read-only", () => {
        assert.deepEqual(pod.volumes, [
            { name: "work", emptyDir: {} },
            { name: "scripts", configMap: { name: "abaci-app-backup-scripts", defaultMode: 0o444 } },
        ]);
        for (const container of containers)
            assert.deepEqual(container.volumeMounts, [
                { name: "work", mountPath: "/work" },
                { name: "scripts", mountPath: "/scripts", readOnly: true },
            ]);
    });

    it("requests little and caps memory", () => {
        for (const container of containers)
            assert.deepEqual(container.resources, { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "512Mi" } });
    });

    it("passes Kubernetes' schema and rules, with its ConfigMap and the restore Job", () => {
        const objects = [cronJob, json(backupScriptsManifest(target())), json(restoreJobManifest(target(), { snapshot: "latest" }))];
        const result = validateObjects(objects);
        assert.deepEqual(result.problems, []);
        assert.deepEqual(result.unchecked, []);
    });
});

describe("backup sources", () => {
    it("export from the highest replica first, never pod-0, unless from is primary or there is one pod", () => {
        assert.deepEqual(backupSources({ replicas: 3, from: "replica" }), [2, 1]);
        assert.deepEqual(backupSources({ replicas: 2, from: "replica" }), [1]);
        assert.deepEqual(backupSources({ replicas: 1, from: "replica" }), [0]);
        assert.deepEqual(backupSources({ replicas: 3, from: "primary" }), [0]);
        assert.deepEqual(backupSources({ replicas: 300, from: "replica" }), [299, 298, 297]);
    });

    it("keep the pods' specs the same size for 10 or 300 replicas: one URL pattern, at most three sources", () => {
        const size = (replicas: number) =>
            JSON.stringify([
                backupCronJobManifest(target({ replicas })),
                restoreJobManifest(target({ replicas }), { snapshot: "latest" }),
            ]).replace(/\d+/g, "0").length;
        assert.equal(size(300), size(10));
    });

    it("a restore reads the live database from the replicas first, pod-0 last", () => {
        assert.deepEqual(restoreSources({ replicas: 3 }), [2, 1, 0]);
        assert.deepEqual(restoreSources({ replicas: 300 }), [299, 298, 297, 0]);
        assert.deepEqual(restoreSources({ replicas: 1 }), [0]);
    });
});

describe("backup scripts ConfigMap", () => {
    it("holds every script under its name, labelled like the backup pods", () => {
        const configMap = json(backupScriptsManifest(target()));
        assert.equal(configMap.metadata.name, "abaci-app-backup-scripts");
        assert.deepEqual(configMap.data, SCRIPTS);
        assert.equal(configMap.metadata.labels["app.kubernetes.io/name"], "litefs-backup");
        for (const step of [...BACKUP_STEPS, ...RESTORE_STEPS]) assert.ok(configMap.data[step.script], step.script);
    });
});

describe("restore Job", () => {
    const job = json(restoreJobManifest(target(), { snapshot: "2026-01-01T00-00-00Z.db.gz" }));
    const pod = job.spec.template.spec;
    const containers: any[] = [...pod.initContainers, ...pod.containers];

    it("is <name>-restore, never retried, labelled as a restore pod the NetworkPolicy admits", () => {
        assert.equal(job.metadata.name, "abaci-app-restore");
        assert.equal(job.spec.backoffLimit, 0);
        assert.equal(job.spec.activeDeadlineSeconds, BACKUP_JOB.activeDeadlineSeconds);
        assert.deepEqual(job.spec.template.metadata.labels, {
            team: "web",
            "app.kubernetes.io/name": "litefs-backup",
            "app.kubernetes.io/instance": "abaci-app",
            "app.kubernetes.io/component": "restore",
        });
        assert.equal(pod.automountServiceAccountToken, false);
    });

    it("saves the live database, fetches the chosen snapshot, checks it and imports it into pod-0", () => {
        assert.deepEqual(
            containers.map((c) => [c.name, c.image]),
            [
                ["export-live", DEFAULTS["backup.curlImage"]],
                ["fetch", DEFAULTS["backup.image"]],
                ["check", DEFAULTS["backup.sqliteImage"]],
                ["import", DEFAULTS["backup.curlImage"]],
            ],
        );
        const [live, fetch, , importer] = containers.map(env);
        const position = { LITEFS_DATABASE: "sqlite.db", LITEFS_API_URL: API_URL, LITEFS_PRIMARY_ORDINAL: "0", LITEFS_REPLICAS: "3" };
        assert.deepEqual(live, { ...position, LITEFS_SOURCE_ORDINALS: "2 1 0", BACKUP_MAX_SOURCE_LAG_SECONDS: "30", WORK: "/work" });
        assert.equal(fetch.RESTORE_SNAPSHOT, "2026-01-01T00-00-00Z.db.gz");
        assert.equal(fetch.RESTORE_FROM_DIR, "s3:my-bucket/abaci/abaci/abaci-app/sqlite.db", "the app's own folder by default");
        assert.equal(fetch.BACKUP_DIR, "s3:my-bucket/abaci/abaci/abaci-app/sqlite.db");
        assert.deepEqual(importer, { ...position, LITEFS_REPLICAS: "3", RESTORE_VERIFY_SECONDS: "120", WORK: "/work" });
        assert.deepEqual(
            containers.map((c) => c.envFrom),
            [undefined, [{ secretRef: { name: "abaci-backup-rclone" } }], undefined, undefined],
        );
    });
});

describe("restore commands", () => {
    const lines = restoreCommands(target());
    const text = lines.join("\n");

    it("create exactly the restore Job the builder makes, for latest by default or the chosen snapshot", () => {
        for (const snapshot of ["latest", "2026-01-01T00-00-00Z.db.gz"]) {
            const body = /<<'PULUMI_LITEFS_RESTORE_JOB'\n([\s\S]*?)\nPULUMI_LITEFS_RESTORE_JOB\n/.exec(
                restoreCommands(target(), { snapshot }).join("\n"),
            );
            assert.ok(body, "no Job heredoc");
            assert.deepEqual(load(body[1]), json(restoreJobManifest(target(), { snapshot })));
        }
    });

    it("list the snapshots in the cluster with the backup's Secret, then save pod-0's copy, then restore and wait", () => {
        const list = lines.find((l) => l.includes(" run abaci-app-restore-list "));
        assert.ok(list, text);
        const overrides = JSON.parse(/--overrides='([^']*)'/.exec(list)?.[1] ?? "null");
        const container = overrides.spec.containers[0];
        assert.equal(container.name, "abaci-app-restore-list");
        assert.deepEqual(container.envFrom, [{ secretRef: { name: "abaci-backup-rclone" } }]);
        assert.deepEqual(container.args.slice(-1), ["s3:my-bucket/abaci/abaci/abaci-app/sqlite.db"]);
        assert.equal(overrides.spec.automountServiceAccountToken, false);
        const order = [
            " run abaci-app-restore-list ",
            "exec abaci-app-0 -c app -- litefs export -url http://localhost:20202 -name sqlite.db",
            "delete job abaci-app-restore --ignore-not-found",
            "kubectl create -f - <<'PULUMI_LITEFS_RESTORE_JOB'",
            "logs job/abaci-app-restore --all-containers",
        ].map((needle) => lines.findIndex((l) => l.includes(needle)));
        assert.ok(
            order.every((i, n) => i >= 0 && (n === 0 || i > order[n - 1])),
            `steps out of order: ${order}`,
        );
    });

    it("say what happens to writes made during a restore", () => {
        assert.match(text, /Writes\n# committed after the snapshot was taken are not in it/);
        assert.match(text, /Writes\n# that arrive during the import wait for it, then apply to the restored database/);
    });

    it("quote what the shell would otherwise split or expand", () => {
        assert.equal(shellWord("s3:bucket/path"), "s3:bucket/path");
        assert.equal(shellWord("it's $HOME"), `'it'\\''s $HOME'`);
    });
});
