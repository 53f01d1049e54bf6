/** `backup`: every rule refused before anything registers, and what the component creates and outputs with it. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dump, load } from "js-yaml";
import type { BackupArgs } from "../../sdk";
import { restoreCommands, restoreDrillCommands } from "../../sdk/k8s/restore-commands";
import { backupTarget } from "../../sdk/backup/target";
import { restoreDrillJobManifest, restoreJobManifest } from "../../sdk/k8s/restore-job";
import { cronGaps } from "../../sdk/validation/cron";
import { planApp } from "../../sdk/plan";
import { construct, EXAMPLE_BACKUP, exampleArgs } from "../support/app";
import { cli, ROOT } from "../support/cli";
import { kubectlRun } from "../support/kubectl-stub";
import { settle } from "../support/mocks";
import { problemAt, refused } from "../support/refused";

const backup = (overrides: Record<string, unknown>) => exampleArgs({ backup: { ...EXAMPLE_BACKUP, ...overrides } as BackupArgs });

describe("backup arguments refused before anything is created", () => {
    const cases: [id: string, what: string, name: string, args: unknown, path: string, message: RegExp, fix?: RegExp][] = [
        [
            "backup-name-length",
            "an instance name too long for the CronJob <name>-backup",
            "a".repeat(46),
            backup({}),
            "name",
            /46 characters; with backup it may have at most 45.*CronJob names of at most 52/,
            /shorter instance name/,
        ],
        [
            "backup-schedule",
            "a schedule that is not cron",
            "abaci-app",
            backup({ schedule: "hourly" }),
            "args.backup.schedule",
            /is not a cron schedule: it has 1 field/,
            /"0 \* \* \* \*"/,
        ],
        [
            "backup-schedule",
            "a schedule with an hour out of range",
            "abaci-app",
            backup({ schedule: "0 24 * * *" }),
            "args.backup.schedule",
            /hour field "24": 24 is outside 0-23/,
        ],
        [
            "backup-schedule",
            "a missing schedule",
            "abaci-app",
            backup({ schedule: undefined }),
            "args.backup.schedule",
            /empty or not a string/,
        ],
        [
            "backup-schedule",
            "a time-zone prefix",
            "abaci-app",
            backup({ schedule: "TZ=Europe/Paris 0 * * * *" }),
            "args.backup.schedule",
            /time zone prefix/,
        ],
        [
            "backup-schedule-never",
            "a schedule that never runs (30 February)",
            "abaci-app",
            backup({ schedule: "0 3 30 2 *" }),
            "args.backup.schedule",
            /\("0 3 30 2 \*"\) never runs: no month has that day/,
            /"30 2 28 \* \*"/,
        ],
        [
            "backup-schedule-never",
            "31 April and 31 June",
            "abaci-app",
            backup({ schedule: "0 0 31 4,6 *" }),
            "args.backup.schedule",
            /never runs/,
        ],
        [
            "backup-destination-bucket",
            'a destination without a bucket ("s3:")',
            "abaci-app",
            backup({ destination: "s3:" }),
            "args.backup.destination",
            /\("s3:"\) has no bucket or folder after the remote name: rclone would take the first folder of the snapshot path \(the namespace\) as the bucket/,
            /"s3:my-bucket\/backups"/,
        ],
        [
            "backup-keep-last",
            "keeping no snapshot",
            "abaci-app",
            backup({ keepLast: 0 }),
            "args.backup.keepLast",
            /must be a whole number of at least 1, got 0/,
            /retention never deletes the newest/,
        ],
        [
            "backup-max-source-lag",
            "a freshness bound of an hour",
            "abaci-app",
            backup({ maxSourceLagSeconds: 3600 }),
            "args.backup.maxSourceLagSeconds",
            /must be a whole number from 1 to 600, got 3600/,
            /e\.g\. 30 \(the default\)/,
        ],
        [
            "backup-max-age",
            "a 26-hour backup alert threshold with weekly backups",
            "abaci-app",
            exampleArgs({
                backup: { ...EXAMPLE_BACKUP, schedule: "@weekly" } as BackupArgs,
                metrics: { prometheusRule: true, thresholds: { backupMaxAgeHours: 26 } },
            }),
            "args.metrics.thresholds.backupMaxAgeHours",
            /\(26\) is shorter than the 168 hours backup.schedule "@weekly" can leave between two runs/,
            /leave it out for 170 \(the schedule's longest interval plus 2 hours\), or at least 168/,
        ],
        [
            "backup-destination",
            "a missing destination",
            "abaci-app",
            backup({ destination: undefined }),
            "args.backup.destination",
            /is required/,
            /"s3:my-bucket\/app"/,
        ],
        [
            "backup-destination",
            "a destination without a remote",
            "abaci-app",
            backup({ destination: "/backups/abaci" }),
            "args.backup.destination",
            /not an rclone remote path: it does not start with a remote name and a colon/,
            /RCLONE_CONFIG_<REMOTE>/,
        ],
        [
            "backup-destination",
            "a remote name environment variables cannot configure",
            "abaci-app",
            backup({ destination: "my-s3:bucket" }),
            "args.backup.destination",
            /the remote name "my-s3" has "-"/,
            /write "my_s3:bucket"/,
        ],
        [
            "backup-secret",
            "a missing rclone Secret name",
            "abaci-app",
            backup({ rcloneConfigSecret: undefined }),
            "args.backup.rcloneConfigSecret",
            /is required: the name of the Secret/,
            /The rclone Secret/,
        ],
        [
            "backup-secret",
            "a Secret name that is not a DNS subdomain",
            "abaci-app",
            backup({ rcloneConfigSecret: "Rclone_Config" }),
            "args.backup.rcloneConfigSecret",
            /must be a DNS subdomain/,
            /"rclone-config"/,
        ],
        [
            "backup-retention",
            "a retention that is not an rclone duration",
            "abaci-app",
            backup({ retention: "30 days" }),
            "args.backup.retention",
            /is not an rclone duration/,
            /"30d"/,
        ],
        [
            "backup-retention",
            "a bare number as retention",
            "abaci-app",
            backup({ retention: "30" }),
            "args.backup.retention",
            /is not an rclone duration/,
        ],
        [
            "backup-retention",
            "a retention under an hour",
            "abaci-app",
            backup({ retention: "30m" }),
            "args.backup.retention",
            /shorter than an hour/,
        ],
        [
            "backup-from",
            "an unknown source pod",
            "abaci-app",
            backup({ from: "replica-1" }),
            "args.backup.from",
            /must be "replica" or "primary"/,
        ],
        [
            "backup-image",
            "an rclone image with a space",
            "abaci-app",
            backup({ image: "rclone/rclone 1.69" }),
            "args.backup.image",
            /is not an image reference/,
            /an image with rclone/,
        ],
        [
            "backup-image",
            "an uppercase sqlite image",
            "abaci-app",
            backup({ sqliteImage: "Keinos/SQLite3:3" }),
            "args.backup.sqliteImage",
            /uppercase/,
        ],
        ["backup-image", "an empty curl image", "abaci-app", backup({ curlImage: "" }), "args.backup.curlImage", /it is empty/],
        [
            "backup-image",
            "an rclone image that follows latest",
            "abaci-app",
            backup({ image: "rclone/rclone" }),
            "args.backup.image",
            /follows "latest"/,
            /pinned by version or digest/,
        ],
        ["boolean-args", "suspend as a string", "abaci-app", backup({ suspend: "true" }), "args.backup.suspend", /must be true or false/],
        [
            "args-unknown",
            "a misspelt backup setting",
            "abaci-app",
            backup({ retenton: "30d" }),
            "args.backup.retenton",
            /not a known argument/,
            /"retention"/,
        ],
        [
            "args-unknown",
            "backup that is not an object",
            "abaci-app",
            exampleArgs({ backup: "s3:bucket" as unknown as BackupArgs }),
            "args.backup",
            /must be an object/,
        ],
    ];
    for (const [id, what, name, args, path, message, fix] of cases)
        it(`[${id}] refuses ${what}`, async () => {
            problemAt(await refused(name, args), path, message, fix, id);
        });

    it("warns on a schedule that runs more often than every 15 minutes, and not on one every 15 minutes", () => {
        const warnings = (schedule: string) => {
            const result = planApp("abaci-app", backup({ schedule }));
            assert.ok(result.ok);
            return result.warnings.filter((w) => w.includes("backup.schedule"));
        };
        assert.match(warnings("*/5 * * * *")[0], /"\*\/5 \* \* \* \*" runs 5 minutes apart at times/);
        assert.match(warnings("0,10 * * * *")[0], /10 minutes apart/);
        assert.match(warnings("* * * * *")[0], /every minute/);
        assert.deepEqual(warnings("*/15 * * * *"), []);
        assert.deepEqual(warnings("@hourly"), []);
    });

    it("derives LiteFSBackupTooOld's threshold from the schedule's longest interval, plus 2 hours", () => {
        const maxAge = (schedule: string) => {
            const result = planApp(
                "abaci-app",
                exampleArgs({ backup: { ...EXAMPLE_BACKUP, schedule }, metrics: { prometheusRule: true } }),
            );
            assert.ok(result.ok);
            return result.plan.metrics?.thresholds.backupMaxAgeHours;
        };
        assert.equal(maxAge("@daily"), 26);
        assert.equal(maxAge("0 * * * *"), 3);
        assert.equal(maxAge("@weekly"), 170, "the 26-hour default would page most of the week");
        assert.equal(maxAge("30 2 * * 1-5"), 74, "weekdays only: Friday to Monday is 72 hours");
        assert.equal(maxAge("@monthly"), 31 * 24 + 2);
        const given = planApp(
            "abaci-app",
            exampleArgs({
                backup: { ...EXAMPLE_BACKUP, schedule: "@weekly" },
                metrics: { prometheusRule: true, thresholds: { backupMaxAgeHours: 168 } },
            }),
        );
        assert.ok(given.ok, "a threshold equal to the interval is accepted");
    });

    it("computes a schedule's gaps as the CronJob controller runs it (robfig/cron: day of month OR day of week when both are set)", () => {
        assert.deepEqual(cronGaps("0 0 30 2 *"), undefined);
        assert.deepEqual(cronGaps("0 0 29 2 *"), { longestMinutes: 8 * 365 * 1440 + 1440, shortestMinutes: 4 * 365 * 1440 + 1440 });
        assert.deepEqual(cronGaps("*/20 * * * *"), { longestMinutes: 20, shortestMinutes: 20 });
        assert.deepEqual(cronGaps("0 9,17 * * *"), { longestMinutes: 16 * 60, shortestMinutes: 8 * 60 });
        // The 1st of the month or any Monday: never more than 7 days apart.
        assert.equal(cronGaps("0 0 1 * 1")?.longestMinutes, 7 * 1440);
        // "5/20" is 5-59/20: minutes 5, 25, 45.
        assert.deepEqual(cronGaps("5/20 * * * *"), { longestMinutes: 20, shortestMinutes: 20 });
    });

    it("accepts a 45-character name, every macro, and from: primary with one pod without a warning", () => {
        assert.equal(planApp("a".repeat(45), backup({})).ok, true);
        const primary = planApp(
            "abaci-app",
            exampleArgs({ replicas: 1, backup: { ...EXAMPLE_BACKUP, from: "primary", schedule: "@daily" } }),
        );
        assert.ok(primary.ok);
        assert.deepEqual(
            primary.warnings.filter((w) => w.includes("backup")),
            [],
        );
    });

    it('warns, rather than refuses, when from is "replica" and there is only pod-0', () => {
        for (const from of [undefined, "replica"] as const) {
            const result = planApp("abaci-app", exampleArgs({ replicas: 1, backup: { ...EXAMPLE_BACKUP, from } }));
            assert.ok(result.ok);
            const warning = result.warnings.find((w) => w.startsWith("backup.from"));
            assert.match(warning ?? "", /replicas is 1, so backups read pod-0: its export holds a write lock/);
            assert.match(warning ?? "", /set backup.from: "primary"/);
        }
    });
});

describe("backup in the component", () => {
    it("registers the scripts ConfigMap and the CronJob <name>-backup under the component, the CronJob after its scripts", async () => {
        const c = await construct("abaci-app", backup({}));
        const cronJob = c.named("kubernetes:batch/v1:CronJob", "abaci-app-backup");
        const scripts = c.named("kubernetes:core/v1:ConfigMap", "abaci-app-backup-scripts");
        assert.equal(cronJob.name, "abaci-app-backup");
        assert.equal(scripts.name, "abaci-app-backup-scripts");
        assert.equal(cronJob.inputs.metadata.namespace, "abaci");
        assert.equal(cronJob.inputs.spec.concurrencyPolicy, "Forbid");
        for (const child of ["kubernetes:batch/v1:CronJob::abaci-app-backup", "kubernetes:core/v1:ConfigMap::abaci-app-backup-scripts"])
            assert.equal(c.childOptions.get(child)?.parent, c.app, `${child} is not parented to the component`);
        const dependsOn = c.childOptions.get("kubernetes:batch/v1:CronJob::abaci-app-backup")?.dependsOn;
        assert.ok(Array.isArray(dependsOn) && dependsOn.length > 0, "the CronJob depends on its scripts");
    });

    it("creates no backup objects without backup, and says so in restoreCommands", async () => {
        const c = await construct("no-backup", exampleArgs({ namespace: "no-backup" }));
        assert.equal(c.resources.filter((r) => r.type === "kubernetes:batch/v1:CronJob").length, 0);
        assert.equal(c.resources.filter((r) => r.type === "kubernetes:core/v1:ConfigMap").length, 0);
        assert.match(await settle(c.app.restoreCommands), /has no backup argument/);
        const policy = c.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs;
        assert.equal(policy.spec.ingress[0].from.length, 1, "nothing new reaches the LiteFS API");
    });

    it("admits the backup and restore pods, and nothing else new, to the LiteFS API port", async () => {
        const c = await construct("abaci-app", backup({}));
        const policy = c.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs;
        const api = policy.spec.ingress.find((rule: any) => rule.ports.some((p: any) => p.port === 20202));
        assert.deepEqual(api.from, [
            { podSelector: { matchLabels: { "app.kubernetes.io/name": "litefs", "app.kubernetes.io/instance": "abaci-app" } } },
            { podSelector: { matchLabels: { "app.kubernetes.io/name": "litefs-backup", "app.kubernetes.io/instance": "abaci-app" } } },
        ]);
        const admitted = api.from[1].podSelector.matchLabels;
        const cronJob = c.named("kubernetes:batch/v1:CronJob", "abaci-app-backup").inputs;
        const podLabels = cronJob.spec.jobTemplate.spec.template.metadata.labels;
        for (const [key, value] of Object.entries(admitted)) assert.equal(podLabels[key], value, `backup pods carry ${key}`);
        const result = planApp("abaci-app", backup({}));
        assert.ok(result.ok);
        const target = backupTarget(result.plan);
        assert.ok(target);
        const restoreLabels = JSON.parse(JSON.stringify(restoreCommands(target))).join("\n");
        assert.match(restoreLabels, /app.kubernetes.io\/name: "litefs-backup"/);
        // The app's Services and PDB select only the app's pods: the backup pods share no selector label value.
        assert.notEqual(podLabels["app.kubernetes.io/name"], "litefs");
    });

    it("outputs restoreCommands, the same lines the generator prints", async () => {
        const c = await construct("abaci-app", backup({}));
        const result = planApp("abaci-app", backup({}));
        assert.ok(result.ok);
        const target = backupTarget(result.plan);
        assert.ok(target);
        assert.equal(await settle(c.app.restoreCommands), restoreCommands(target).join("\n"));
    });
});

describe("restore commands: one generator for the output, the CLI and docs/backups.md", () => {
    const restoreCli = (...args: string[]) => cli("restore", ...args);
    const flags = [
        "abaci-app",
        "--namespace",
        "abaci",
        "--replicas",
        "3",
        "--destination",
        "s3:my-bucket/abaci",
        "--rclone-config-secret",
        "abaci-backup-rclone",
    ];
    let dir: string;
    let argsFile: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-restore-"));
        argsFile = path.join(dir, "app.yaml");
        fs.writeFileSync(argsFile, dump({ name: "abaci-app", args: backup({}) }));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("are the same from the output, the CLI (flags and args file) and docs/backups.md", async () => {
        const c = await construct("abaci-app", backup({}));
        const output = await settle(c.app.restoreCommands);
        const fromFlags = await restoreCli(...flags);
        const fromFile = await restoreCli(argsFile);
        assert.equal(fromFlags.status, 0, fromFlags.stderr);
        assert.equal(fromFile.status, 0, fromFile.stderr);
        assert.equal(fromFlags.stdout, `${output}\n`);
        assert.equal(fromFile.stdout, `${output}\n`);
        const page = fs.readFileSync(path.join(ROOT, "docs", "backups.md"), "utf8");
        assert.ok(
            page.includes(`For the example app:\n\n\`\`\`sh\n${output}\n\`\`\``),
            "docs/backups.md does not show the example's restore commands",
        );
    });

    it("restore the snapshot --snapshot names", async () => {
        const run = await restoreCli(argsFile, "--snapshot", "2026-01-01T00-00-00Z.db.gz");
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /\{"name": "RESTORE_SNAPSHOT", "value": "2026-01-01T00-00-00Z.db.gz"\}/);
    });

    it("--verify prints a restore drill: a Job that never reaches LiteFS and never writes to the store", async () => {
        const result = planApp("abaci-app", backup({}));
        assert.ok(result.ok);
        const target = backupTarget(result.plan);
        assert.ok(target);
        const run = await restoreCli(argsFile, "--verify");
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout, `${restoreDrillCommands(target).join("\n")}\n`);
        const body = /<<'PULUMI_LITEFS_RESTORE_JOB'\n([\s\S]*?)\nPULUMI_LITEFS_RESTORE_JOB\n/.exec(run.stdout);
        assert.ok(body);
        const job = load(body[1]) as {
            metadata: { name: string };
            spec: {
                template: {
                    spec: {
                        initContainers: { name: string; env: { name: string }[] }[];
                        containers: { name: string; env: { name: string }[] }[];
                    };
                };
            };
        };
        assert.deepEqual(job, JSON.parse(JSON.stringify(restoreDrillJobManifest(target, { snapshot: "latest" }))));
        assert.equal(job.metadata.name, "abaci-app-restore-drill");
        const steps = [...job.spec.template.spec.initContainers, ...job.spec.template.spec.containers];
        assert.deepEqual(
            steps.map((c) => c.name),
            ["fetch", "report"],
        );
        const env = steps.flatMap((c) => c.env.map((e) => e.name));
        assert.ok(!env.includes("LITEFS_API_URL") && !env.includes("BACKUP_DIR"), "no step can reach LiteFS or knows where to write");
        const { calls } = kubectlRun(run.stdout);
        assert.deepEqual(
            calls.map((c) => c.split(" ").slice(0, 6).join(" ")),
            [
                "kubectl -n abaci run abaci-app-restore-list --rm",
                "kubectl -n abaci delete job abaci-app-restore-drill",
                "kubectl create -f -",
                "kubectl -n abaci get job abaci-app-restore-drill",
                "kubectl -n abaci logs job/abaci-app-restore-drill --all-containers",
                "kubectl -n abaci get job abaci-app-restore-drill",
            ],
        );
    });

    it("--from-app and --snapshot-dir read another folder; the default is the app's own <destination>/<namespace>/<name>/<database>", async () => {
        const own = await restoreCli(argsFile);
        assert.match(own.stdout, /\{"name": "RESTORE_FROM_DIR", "value": "s3:my-bucket\/abaci\/abaci\/abaci-app\/sqlite.db"\}/);
        const other = await restoreCli(argsFile, "--from-app", "old-ns/old-app");
        assert.equal(other.status, 0, other.stderr);
        assert.match(other.stdout, /\{"name": "RESTORE_FROM_DIR", "value": "s3:my-bucket\/abaci\/old-ns\/old-app\/sqlite.db"\}/);
        assert.match(other.stdout, /\{"name": "BACKUP_DIR", "value": "s3:my-bucket\/abaci\/abaci\/abaci-app\/sqlite.db"\}/);
        assert.match(other.stdout, /^# That is not this app's own folder/m);
        const dir = await restoreCli(argsFile, "--snapshot-dir", "s3:my-bucket/abaci/sqlite.db");
        assert.equal(dir.status, 0, dir.stderr);
        assert.match(dir.stdout, /\{"name": "RESTORE_FROM_DIR", "value": "s3:my-bucket\/abaci\/sqlite.db"\}/);
        assert.equal((await restoreCli(argsFile, "--from-app", "no-slash")).status, 2);
        assert.equal((await restoreCli(argsFile, "--from-app", "a/b", "--snapshot-dir", "s3:x")).status, 2);
        assert.equal((await restoreCli(argsFile, "--snapshot-dir", "no remote")).status, 2);
    });

    it("refuse bad flags by flag, with the rule and the fix, and print nothing", async () => {
        const run = await restoreCli("abaci-app", "--replicas", "two", "--destination", "/backups", "--rclone-config-secret", "Rclone");
        assert.equal(run.status, 1);
        assert.equal(run.stdout, "");
        assert.match(run.stderr, /--replicas \[replicas\]: must be a whole number/);
        assert.match(run.stderr, /--destination \[backup-destination\]: is not an rclone remote path.* Fix: /);
        assert.match(run.stderr, /--rclone-config-secret \[backup-secret\]: must be a DNS subdomain/);
        assert.match((await restoreCli("abaci-app")).stderr, /--destination \[backup-destination\]: is required/);
    });

    it("refuse an args file without backup, app flags next to an args file, a path outside the snapshots, and no app", async () => {
        const plain = path.join(dir, "plain.yaml");
        fs.writeFileSync(plain, dump({ name: "abaci-app", args: exampleArgs() }));
        const none = await restoreCli(plain);
        assert.equal(none.status, 1);
        assert.match(none.stderr, /args.backup \[cli-usage\]: is not set: this app has no backups/);
        assert.equal((await restoreCli(argsFile, "--namespace", "other")).status, 2);
        const outside = await restoreCli(argsFile, "--snapshot", "../other/x.db.gz");
        assert.equal(outside.status, 2);
        assert.match(outside.stderr, /--snapshot must be latest or a snapshot's path/);
        assert.equal((await restoreCli()).status, 2);
    });

    it("run under sh: list, save pod-0's copy, delete and create exactly the restore Job, wait, print its logs", () => {
        const result = planApp("abaci-app", backup({}));
        assert.ok(result.ok);
        const target = backupTarget(result.plan);
        assert.ok(target);
        const { calls, stdin } = kubectlRun(restoreCommands(target).join("\n"));
        assert.deepEqual(
            calls.map((c) => c.split(" ").slice(0, 6).join(" ")),
            [
                "kubectl -n abaci run abaci-app-restore-list --rm",
                "kubectl -n abaci exec abaci-app-0 -c",
                "kubectl -n abaci cp -c app",
                "kubectl -n abaci delete job abaci-app-restore",
                "kubectl create -f -",
                "kubectl -n abaci get job abaci-app-restore",
                "kubectl -n abaci logs job/abaci-app-restore --all-containers",
                "kubectl -n abaci get job abaci-app-restore",
            ],
        );
        assert.deepEqual(load(stdin), JSON.parse(JSON.stringify(restoreJobManifest(target, { snapshot: "latest" }))));
        const overrides = /--overrides=(\S+)/.exec(calls[0])?.[1] ?? "null";
        assert.equal(JSON.parse(overrides).spec.containers[0].envFrom[0].secretRef.name, "abaci-backup-rclone");
    });
});
