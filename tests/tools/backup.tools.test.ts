/**
 * The backup and restore scripts, run under `sh` with the real curl, sqlite3, gzip and rclone against a stand-in
 * LiteFS cluster (tests/tools/support/fake-litefs.ts) and a local-filesystem rclone remote.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PRE_RESTORE_DIR } from "../../sdk/backup/layout";
import { BACKUP_STEPS, DRILL_STEPS, RESTORE_STEPS } from "../../sdk/backup/steps";
import { type BackupTarget, backupEnv, drillEnv, type RestoreSource, restoreEnv, targetSnapshotDir } from "../../sdk/backup/target";
import { appNames } from "../../sdk/naming";
import { FakeLiteFs } from "./support/fake-litefs";
import {
    gunzip,
    journalBytes,
    listFiles,
    makeDatabase,
    REMOTE_ENV,
    rowsOf,
    runPod,
    type Shell,
    shells,
    sqlite,
    tempDir,
} from "./support/pod";

const DB = "sqlite.db";
const ROWS = ["first note", "second note", "it's the third"];
const DAY = 24 * 60 * 60 * 1000;

interface Setup {
    readonly dir: string;
    /** The local directory behind `bk:<dir>/remote`. */
    readonly remote: string;
    /** `<remote>/<namespace>/<name>/<database>`: where the snapshots go. */
    readonly snapshots: string;
    readonly cluster: FakeLiteFs;
    readonly target: BackupTarget;
    work(): string;
}

let setups: Setup[] = [];

/** Seconds a source may take to catch up, and a restore to see every pod follow: short, so a stale pod fails fast. */
const BOUND_SECONDS = 2;

interface SetupOptions {
    readonly from?: "replica" | "primary";
    readonly namespace?: string;
    readonly name?: string;
    readonly keepLast?: number;
    /** Share another setup's remote (two apps, one destination). */
    readonly dir?: string;
    readonly txid?: number;
}

async function setup(replicas: number, database: Buffer | undefined, options: SetupOptions = {}): Promise<Setup> {
    const { from = "replica", namespace = "prod", name = "app", keepLast = 3 } = options;
    const dir = options.dir ?? tempDir("tools");
    const remote = path.join(dir, "remote");
    const cluster = await FakeLiteFs.start(replicas, DB, database, options.txid);
    const target: BackupTarget = {
        name,
        names: appNames(name, namespace, "cluster.local"),
        liteFsContainer: "app",
        replicas,
        database: DB,
        apiPort: 20202,
        schedule: "0 * * * *",
        destination: `bk:${remote}`,
        rcloneConfigSecret: "rclone",
        retention: "30d",
        keepLast,
        maxSourceLagSeconds: BOUND_SECONDS,
        from,
        suspend: false,
        images: { curl: "curl", sqlite: "sqlite", rclone: "rclone" },
        imagePullSecrets: [],
        labels: {},
    };
    let runs = 0;
    const s: Setup = {
        dir,
        remote,
        snapshots: path.join(remote, namespace, name, DB),
        cluster,
        target,
        // Each pod gets a fresh emptyDir.
        work: () => {
            const work = path.join(dir, `work-${name}-${runs++}`);
            fs.mkdirSync(work);
            return work;
        },
    };
    setups.push(s);
    return s;
}

afterEach(async () => {
    for (const s of setups) await s.cluster.stop();
    for (const s of setups) fs.rmSync(s.dir, { recursive: true, force: true });
    setups = [];
});

let shell: Shell;

async function backup(s: Setup, env: Record<string, string> = {}) {
    return runPod(shell, BACKUP_STEPS, s.work(), { ...REMOTE_ENV, ...backupEnv(s.target, s.cluster.urlPattern), ...env });
}

async function restore(s: Setup, snapshot: string, from?: string) {
    const source: RestoreSource = { snapshot, ...(from !== undefined && { from }) };
    return runPod(shell, RESTORE_STEPS, s.work(), {
        ...REMOTE_ENV,
        ...restoreEnv(s.target, source, s.cluster.urlPattern),
        RESTORE_VERIFY_SECONDS: String(BOUND_SECONDS),
    });
}

/** A snapshot file in the remote, as a backup writes it, with its modification time `ageDays` ago. */
function putSnapshot(s: Setup, name: string, database: Buffer, ageDays: number): void {
    const file = path.join(s.snapshots, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const plain = path.join(s.dir, "put.db");
    fs.writeFileSync(plain, database);
    fs.writeFileSync(file, execFileSync("gzip", ["-c", plain]));
    const when = new Date(Date.now() - ageDays * DAY);
    fs.utimesSync(file, when, when);
}

const exportHits = (s: Setup) => s.cluster.hits.filter((h) => h.path === "/export").map((h) => h.ordinal);

for (const current of shells())
    describe(`under ${current.name}`, () => {
        before(() => {
            shell = current;
        });

        describe("backup (real rclone, curl, sqlite3)", function () {
            this.timeout(120_000);

            it("uploads a gzip snapshot named for the UTC time that is a sound database with the rows, read from the highest replica", async () => {
                const s = await setup(3, makeDatabase(tempDir("db"), ROWS, "wal"));
                const before = new Date();
                const run = await backup(s);
                assert.ok(run.ok, run.log);
                const files = listFiles(s.snapshots);
                assert.equal(files.length, 1, run.log);
                const match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)Z-txid42\.db\.gz$/.exec(files[0]);
                assert.ok(match, `snapshot name ${files[0]}`);
                const [, y, mo, d, h, mi, sec] = match.map(Number);
                const named = Date.UTC(y, mo - 1, d, h, mi, sec);
                assert.ok(Math.abs(named - before.getTime()) < 5000, `named ${files[0]}, started at ${before.toISOString()}`);
                const database = gunzip(path.join(s.snapshots, files[0]));
                assert.deepEqual(rowsOf(database, s.dir), ROWS);
                const plain = path.join(s.dir, "check.db");
                fs.writeFileSync(plain, database);
                assert.equal(sqlite(`file:${plain}?immutable=1`, "PRAGMA integrity_check;"), "ok");
                assert.deepEqual(journalBytes(database), [2, 2], "an export keeps the journal mode");
                assert.deepEqual(exportHits(s), [2], "exports from the highest replica only, never pod-0");
                assert.equal(s.cluster.imports.length, 0);
            });

            it("falls back to the next replica when the highest is down, and never to pod-0", async () => {
                const s = await setup(3, makeDatabase(tempDir("db"), ROWS, "wal"));
                s.cluster.behaviour.set(2, "down");
                const run = await backup(s);
                assert.ok(run.ok, run.log);
                assert.ok(
                    s.cluster.hits.some((h) => h.ordinal === 2),
                    "the highest replica was tried first",
                );
                assert.match(run.log, /skipping http:\/\/127\.0\.2\.1:\d+: its copy of sqlite\.db is not fresh/);
                assert.deepEqual(exportHits(s), [1]);
                s.cluster.behaviour.set(1, "down");
                const failed = await backup(s);
                assert.equal(failed.ok, false, failed.log);
                assert.ok(!exportHits(s).includes(0), "pod-0 was exported from");
            });

            it("reads pod-0 with from: primary, and with a single pod", async () => {
                for (const [replicas, from] of [
                    [3, "primary"],
                    [1, "replica"],
                ] as const) {
                    const s = await setup(replicas, makeDatabase(tempDir("db"), ROWS, "delete"), { from });
                    const run = await backup(s);
                    assert.ok(run.ok, run.log);
                    assert.deepEqual(exportHits(s), [0]);
                }
            });

            it("deletes only snapshots older than the retention, and only snapshots", async () => {
                const database = makeDatabase(tempDir("db"), ROWS, "wal");
                const s = await setup(2, database);
                putSnapshot(s, "2020-01-01T00-00-00Z.db.gz", database, 45);
                putSnapshot(s, "2020-01-20T00-00-00Z.db.gz", database, 31);
                putSnapshot(s, "2020-02-01T00-00-00Z.db.gz", database, 29);
                putSnapshot(s, "2020-02-10T00-00-00Z.db.gz", database, 1);
                putSnapshot(s, `${PRE_RESTORE_DIR}/2020-01-01T00-00-00Z.db.gz`, database, 40);
                const notes = path.join(s.snapshots, "README.txt");
                fs.writeFileSync(notes, "not a snapshot");
                fs.utimesSync(notes, new Date(Date.now() - 400 * DAY), new Date(Date.now() - 400 * DAY));
                const run = await backup(s);
                assert.ok(run.ok, run.log);
                const files = listFiles(s.snapshots);
                assert.deepEqual(
                    files.filter((f) => f.startsWith("2020") || !f.endsWith(".db.gz")),
                    ["2020-02-01T00-00-00Z.db.gz", "2020-02-10T00-00-00Z.db.gz", "README.txt"],
                );
                assert.equal(files.filter((f) => f.startsWith("20") && !f.startsWith("2020")).length, 1, "the new snapshot is kept");
                assert.ok(!files.includes(`${PRE_RESTORE_DIR}/2020-01-01T00-00-00Z.db.gz`), "old pre-restore copies expire too");
            });

            for (const [what, behaviour, database, message] of [
                ["no database (no position on the primary, and a 404)", "ok", undefined, /has no position for sqlite\.db/],
                ["a truncated body", "truncated", makeDatabase(tempDir("db"), ROWS, "wal"), /failed \(curl exit 18\)/],
                ["a corrupt file", "corrupt", makeDatabase(tempDir("db"), ROWS, "wal"), /fails PRAGMA integrity_check/],
                ["an empty 200 (what a failed import leaves)", "empty", makeDatabase(tempDir("db"), ROWS, "wal"), /is empty \(0 bytes\)/],
            ] as const) {
                it(`fails on ${what} and uploads nothing`, async () => {
                    const s = await setup(2, database);
                    s.cluster.behaviour.set(1, behaviour);
                    const run = await backup(s);
                    assert.equal(run.ok, false, run.log);
                    assert.notEqual(run.steps.at(-1)?.code, 0);
                    assert.ok(
                        run.steps.every((step) => step.step !== "upload"),
                        `the upload step ran:\n${run.log}`,
                    );
                    assert.deepEqual(listFiles(s.remote), []);
                    assert.match(run.log, message);
                });
            }

            it("refuses a body that is not SQLite at all", async () => {
                const s = await setup(2, Buffer.from("<html>502 Bad Gateway</html>"));
                const run = await backup(s);
                assert.equal(run.ok, false);
                assert.match(run.log, /is not an SQLite database/);
                assert.deepEqual(listFiles(s.remote), []);
            });

            describe("fresh: every source is compared with the primary's position first", () => {
                const OLD_ROWS = ["first note"];

                it("skips a replica on another cluster id that reports lag 0 and still answers /export, and exports the next", async () => {
                    const scratch = tempDir("db");
                    const s = await setup(3, makeDatabase(scratch, OLD_ROWS, "wal"));
                    // pod-2 restarted with another cluster id: it keeps its old copy while the primary goes on.
                    s.cluster.strand(2, { clusterId: "LFSC_OTHER_CLUSTER" });
                    s.cluster.commit(makeDatabase(scratch, ROWS, "wal"), 5);
                    const run = await backup(s);
                    assert.ok(run.ok, run.log);
                    assert.match(run.log, /127\.0\.2\.1.* is on cluster id LFSC_OTHER_CLUSTER/);
                    assert.deepEqual(exportHits(s), [1], "the stranded replica's /export was never read");
                    const [file] = listFiles(s.snapshots);
                    assert.deepEqual(
                        rowsOf(gunzip(path.join(s.snapshots, file)), s.dir),
                        ROWS,
                        "the snapshot has the row committed before the run",
                    );
                    assert.match(file, /-txid47\.db\.gz$/);
                });

                it(`skips a replica whose transaction id stays behind the primary's for ${BOUND_SECONDS} s (same cluster id, lag 0)`, async () => {
                    const scratch = tempDir("db");
                    const s = await setup(3, makeDatabase(scratch, OLD_ROWS, "wal"));
                    s.cluster.strand(2);
                    s.cluster.commit(makeDatabase(scratch, ROWS, "wal"));
                    const started = Date.now();
                    const run = await backup(s);
                    assert.ok(run.ok, run.log);
                    assert.ok(Date.now() - started >= BOUND_SECONDS * 1000, "the stale replica was given the bound to catch up");
                    assert.match(run.log, /is stale: at transaction 42 of sqlite\.db after 2 s; the primary was at 43/);
                    assert.deepEqual(exportHits(s), [1]);
                    assert.deepEqual(rowsOf(gunzip(path.join(s.snapshots, listFiles(s.snapshots)[0])), s.dir), ROWS);
                });

                it("skips a replica ahead of the primary (another history)", async () => {
                    const scratch = tempDir("db");
                    const s = await setup(3, makeDatabase(scratch, ROWS, "wal"));
                    s.cluster.strand(2, { database: makeDatabase(scratch, ["another history"], "wal"), txid: 188 });
                    const run = await backup(s);
                    assert.ok(run.ok, run.log);
                    assert.match(run.log, /is at transaction 188 of sqlite\.db, beyond the primary's 42/);
                    assert.deepEqual(exportHits(s), [1]);
                });

                it("fails, uploading nothing, when no replica is fresh", async () => {
                    const scratch = tempDir("db");
                    const s = await setup(3, makeDatabase(scratch, OLD_ROWS, "wal"));
                    s.cluster.strand(2, { clusterId: "LFSC_OTHER_CLUSTER" });
                    s.cluster.strand(1);
                    s.cluster.commit(makeDatabase(scratch, ROWS, "wal"));
                    const run = await backup(s);
                    assert.equal(run.ok, false, run.log);
                    assert.equal(run.steps.at(-1)?.step, "export");
                    assert.match(run.log, /FAILED: no pod served a fresh copy of sqlite\.db; nothing is uploaded/);
                    assert.deepEqual(exportHits(s), [], "no export was read");
                    assert.deepEqual(listFiles(s.remote), []);
                });

                it("fails, uploading nothing, when the primary's position cannot be read", async () => {
                    const s = await setup(3, makeDatabase(tempDir("db"), ROWS, "wal"));
                    s.cluster.behaviour.set(0, "down");
                    const run = await backup(s);
                    assert.equal(run.ok, false, run.log);
                    assert.match(run.log, /cannot read the primary's position/);
                    assert.deepEqual(listFiles(s.remote), []);
                });

                it("reads a transaction id of a million or more as Go's Prometheus client prints it (1.234567e+06) into the name", async () => {
                    const s = await setup(2, makeDatabase(tempDir("db"), ROWS, "wal"), { txid: 1234567 });
                    const run = await backup(s);
                    assert.ok(run.ok, run.log);
                    assert.deepEqual(
                        listFiles(s.snapshots).map((f) => f.replace(/^[^Z]*Z/, "")),
                        ["-txid1234567.db.gz"],
                    );
                });
            });

            it("never deletes the newest keepLast snapshots, whatever their age", async () => {
                const database = makeDatabase(tempDir("db"), ROWS, "wal");
                const s = await setup(2, database, { keepLast: 4 });
                // Backups that stopped for months: every snapshot is older than the 30-day retention.
                const old = ["2020-01-01T00-00-00Z.db.gz", "2020-02-01T00-00-00Z-txid10.db.gz", "2020-03-01T00-00-00Z-txid20.db.gz"];
                const older = ["2019-11-01T00-00-00Z-txid1.db.gz", "2019-12-01T00-00-00Z-txid5.db.gz"];
                for (const [i, name] of [...older, ...old].entries()) putSnapshot(s, name, database, 400 - i * 30);
                const run = await backup(s);
                assert.ok(run.ok, run.log);
                const files = listFiles(s.snapshots);
                assert.equal(files.length, 4, files.join(", "));
                assert.deepEqual(files.slice(0, 3), old, "the three newest old snapshots are kept with the new one");
                assert.match(files[3], /-txid42\.db\.gz$/);
            });

            it("keeps two apps that share a destination and the database name apart (backup, retention, latest)", async () => {
                const scratch = tempDir("db");
                const staging = await setup(2, makeDatabase(scratch, ["staging"], "wal"), { namespace: "staging" });
                const prod = await setup(2, makeDatabase(scratch, ROWS, "wal"), { namespace: "prod", dir: staging.dir });
                putSnapshot(staging, "2020-01-01T00-00-00Z.db.gz", makeDatabase(scratch, ["staging old"], "wal"), 100);
                putSnapshot(staging, "2020-01-02T00-00-00Z.db.gz", makeDatabase(scratch, ["staging old"], "wal"), 99);
                putSnapshot(staging, "2020-01-03T00-00-00Z.db.gz", makeDatabase(scratch, ["staging old"], "wal"), 98);
                putSnapshot(staging, "2020-01-04T00-00-00Z.db.gz", makeDatabase(scratch, ["staging old"], "wal"), 97);
                const run = await backup(prod);
                assert.ok(run.ok, run.log);
                assert.equal(listFiles(staging.snapshots).length, 4, "prod's retention left staging's snapshots alone");
                assert.deepEqual(
                    listFiles(staging.remote).map((f) => f.split("/").slice(0, 3).join("/")),
                    ["prod/app/sqlite.db", ...Array<string>(4).fill("staging/app/sqlite.db")],
                );
                const restored = await restore(prod, "latest");
                assert.ok(restored.ok, restored.log);
                assert.deepEqual(rowsOf(prod.cluster.imports[0].body, prod.dir), ROWS, "prod's latest is prod's own snapshot");
            });

            it("fails when the upload fails (the remote is not configured) and says so", async () => {
                const s = await setup(2, makeDatabase(tempDir("db"), ROWS, "wal"));
                const run = await backup(s, { BACKUP_DIR: "missing:bucket" });
                assert.equal(run.ok, false, run.log);
                assert.equal(run.steps.at(-1)?.step, "upload");
            });
        });

        describe("restore drill (real rclone, sqlite3)", function () {
            this.timeout(120_000);

            it("restores the newest snapshot into a scratch file, prints its row counts and transaction id, and never touches LiteFS or the store", async () => {
                const scratch = tempDir("db");
                const s = await setup(2, makeDatabase(scratch, ["live"], "wal"));
                putSnapshot(s, "2026-01-01T00-00-00Z-txid70.db.gz", makeDatabase(scratch, ["old"], "wal"), 2);
                putSnapshot(s, "2026-01-02T00-00-00Z-txid77.db.gz", makeDatabase(scratch, ROWS, "wal"), 1);
                const before = listFiles(s.remote);
                const run = await runPod(shell, DRILL_STEPS, s.work(), { ...REMOTE_ENV, ...drillEnv(s.target, { snapshot: "latest" }) });
                assert.ok(run.ok, run.log);
                assert.match(run.stdout, /^snapshot: 2026-01-02T00-00-00Z-txid77\.db\.gz$/m);
                assert.match(run.stdout, /^transaction id: 77$/m);
                assert.match(run.stdout, /^rows in notes: 3$/m);
                assert.match(run.stdout, /^journal mode: wal$/m);
                assert.deepEqual(s.cluster.hits, [], "the drill never reaches LiteFS");
                assert.deepEqual(listFiles(s.remote), before, "the drill writes nothing to the store");
            });

            it("fails on a corrupt snapshot", async () => {
                const scratch = tempDir("db");
                const s = await setup(2, makeDatabase(scratch, ["live"], "wal"));
                const bad = makeDatabase(scratch, ROWS, "wal");
                bad.fill(0xa5, bad.readUInt16BE(16));
                putSnapshot(s, "2026-01-02T00-00-00Z-txid77.db.gz", bad, 1);
                const run = await runPod(shell, DRILL_STEPS, s.work(), { ...REMOTE_ENV, ...drillEnv(s.target, { snapshot: "latest" }) });
                assert.equal(run.ok, false, run.log);
                assert.match(run.log, /fails PRAGMA integrity_check/);
                assert.doesNotMatch(run.stdout, /rows in/);
            });
        });

        describe("restore (real rclone, curl, sqlite3)", function () {
            this.timeout(120_000);

            const OLD = ["before"];
            const NEWER = ["before", "after", "latest"];

            it("posts exactly the latest snapshot to pod-0 and nowhere else, and saves the live database first", async () => {
                const scratch = tempDir("db");
                const live = makeDatabase(scratch, ["live row written after the backup"], "wal");
                const s = await setup(3, live);
                const older = makeDatabase(scratch, OLD, "wal");
                const latest = makeDatabase(scratch, NEWER, "wal");
                putSnapshot(s, "2026-01-01T00-00-00Z.db.gz", older, 2);
                putSnapshot(s, "2026-01-02T00-00-00Z.db.gz", latest, 1);
                const run = await restore(s, "latest");
                assert.ok(run.ok, run.log);
                assert.equal(s.cluster.imports.length, 1);
                assert.equal(s.cluster.imports[0].ordinal, 0);
                assert.equal(s.cluster.imports[0].name, DB);
                assert.ok(s.cluster.imports[0].body.equals(latest), "the posted body is the latest snapshot, byte for byte");
                assert.deepEqual(
                    s.cluster.hits.filter((h) => h.method === "POST").map((h) => h.ordinal),
                    [0],
                );
                assert.deepEqual(rowsOf(s.cluster.database as Buffer, s.dir), NEWER);
                const saved = listFiles(path.join(s.snapshots, PRE_RESTORE_DIR));
                assert.equal(saved.length, 1);
                assert.deepEqual(rowsOf(gunzip(path.join(s.snapshots, PRE_RESTORE_DIR, saved[0])), s.dir), [
                    "live row written after the backup",
                ]);
            });

            it("takes the newest timestamped snapshot as latest, never a hand-uploaded file that sorts after it", async () => {
                const scratch = tempDir("db");
                const s = await setup(2, makeDatabase(scratch, ["live"], "wal"));
                const latest = makeDatabase(scratch, NEWER, "wal");
                putSnapshot(s, "2026-01-01T00-00-00Z.db.gz", makeDatabase(scratch, OLD, "wal"), 3);
                putSnapshot(s, "2026-01-03T00-00-00Z.db.gz", latest, 1);
                putSnapshot(s, "seed.db.gz", makeDatabase(scratch, ["seed"], "wal"), 0);
                const run = await restore(s, "latest");
                assert.ok(run.ok, run.log);
                assert.ok(s.cluster.imports[0].body.equals(latest));
            });

            it("fails, importing nothing, when the store cannot be listed", async () => {
                const s = await setup(2, makeDatabase(tempDir("db"), ["live"], "wal"));
                const run = await runPod(shell, RESTORE_STEPS, s.work(), {
                    ...REMOTE_ENV,
                    ...restoreEnv({ ...s.target, destination: "missing:bucket" }, { snapshot: "latest" }, s.cluster.urlPattern),
                });
                assert.equal(run.ok, false, run.log);
                assert.equal(run.steps.at(-1)?.step, "fetch");
                assert.match(run.log, /FAILED: cannot list missing:bucket\/prod\/app\/sqlite.db/);
                assert.equal(s.cluster.imports.length, 0);
            });

            it("restores a chosen snapshot by path", async () => {
                const scratch = tempDir("db");
                const s = await setup(2, makeDatabase(scratch, ["live"], "wal"));
                const older = makeDatabase(scratch, OLD, "wal");
                putSnapshot(s, "2026-01-01T00-00-00Z.db.gz", older, 2);
                putSnapshot(s, "2026-01-02T00-00-00Z.db.gz", makeDatabase(scratch, NEWER, "wal"), 1);
                const run = await restore(s, "2026-01-01T00-00-00Z.db.gz");
                assert.ok(run.ok, run.log);
                assert.equal(s.cluster.imports.length, 1);
                assert.ok(s.cluster.imports[0].body.equals(older));
            });

            it("brings a rollback-mode snapshot into the live database's WAL mode before importing (the replica-crash trap)", async () => {
                const scratch = tempDir("db");
                const s = await setup(3, makeDatabase(scratch, ["live"], "wal"));
                putSnapshot(s, "2026-01-01T00-00-00Z.db.gz", makeDatabase(scratch, NEWER, "delete"), 1);
                const run = await restore(s, "latest");
                assert.ok(run.ok, run.log);
                const posted = s.cluster.imports[0].body;
                assert.deepEqual(journalBytes(posted), [2, 2], "the posted file is in WAL mode");
                assert.deepEqual(rowsOf(posted, s.dir), NEWER);
                assert.match(run.log, /converting the snapshot from journal mode delete to wal/);
                assert.deepEqual(
                    fs.readdirSync(path.join(s.dir, "work-app-0")).filter((f) => /-(wal|shm|journal)$/.test(f)),
                    [],
                    "no -wal, -shm or -journal file is left beside the snapshot",
                );
            });

            it("brings a WAL snapshot into rollback mode when the live database is in rollback mode", async () => {
                const scratch = tempDir("db");
                const s = await setup(2, makeDatabase(scratch, ["live"], "delete"));
                putSnapshot(s, "2026-01-01T00-00-00Z.db.gz", makeDatabase(scratch, NEWER, "wal"), 1);
                const run = await restore(s, "latest");
                assert.ok(run.ok, run.log);
                assert.deepEqual(journalBytes(s.cluster.imports[0].body), [1, 1]);
                assert.deepEqual(rowsOf(s.cluster.imports[0].body, s.dir), NEWER);
            });

            it("restores into a new, empty cluster (every pod answers 404) in rollback mode, saving no pre-restore copy", async () => {
                const scratch = tempDir("db");
                const s = await setup(2, undefined);
                putSnapshot(s, "2026-01-01T00-00-00Z.db.gz", makeDatabase(scratch, NEWER, "wal"), 1);
                const run = await restore(s, "latest");
                assert.ok(run.ok, run.log);
                assert.deepEqual(journalBytes(s.cluster.imports[0].body), [1, 1]);
                assert.deepEqual(rowsOf(s.cluster.database as Buffer, s.dir), NEWER);
                assert.deepEqual(listFiles(path.join(s.snapshots, PRE_RESTORE_DIR)), []);
            });

            it("refuses a corrupt snapshot and imports nothing", async () => {
                const scratch = tempDir("db");
                const s = await setup(2, makeDatabase(scratch, ["live"], "wal"));
                const good = makeDatabase(scratch, NEWER, "wal");
                const bad = Buffer.from(good);
                bad.fill(0xa5, bad.readUInt16BE(16));
                putSnapshot(s, "2026-01-01T00-00-00Z.db.gz", bad, 1);
                const run = await restore(s, "latest");
                assert.equal(run.ok, false, run.log);
                assert.equal(run.steps.at(-1)?.step, "check");
                assert.equal(s.cluster.imports.length, 0);
                assert.ok(!s.cluster.hits.some((h) => h.method === "POST"));
            });

            it("refuses a missing snapshot, an empty destination and a path outside the snapshots, importing nothing", async () => {
                const scratch = tempDir("db");
                const s = await setup(2, makeDatabase(scratch, ["live"], "wal"));
                assert.match((await restore(s, "latest")).log, /FAILED: cannot list .* check backup.destination and the rclone Secret/);
                fs.mkdirSync(s.snapshots, { recursive: true });
                for (const [snapshot, message] of [
                    ["latest", /there is no snapshot/],
                    ["2026-01-01T00-00-00Z.db.gz", /./],
                    ["../other/2026-01-01T00-00-00Z.db.gz", /must be latest or a path below/],
                ] as const) {
                    const run = await restore(s, snapshot);
                    assert.equal(run.ok, false, run.log);
                    assert.match(run.log, message);
                }
                assert.equal(s.cluster.imports.length, 0);
            });

            it("tries the next pod when one cannot serve the live database (a crash-looping replica)", async () => {
                const scratch = tempDir("db");
                const s = await setup(3, makeDatabase(scratch, ["live"], "wal"));
                putSnapshot(s, "2026-01-01T00-00-00Z.db.gz", makeDatabase(scratch, NEWER, "wal"), 1);
                s.cluster.behaviour.set(2, "truncated");
                const run = await restore(s, "latest");
                assert.ok(run.ok, run.log);
                assert.match(run.log, /the export from http:\/\/127\.0\.2\.1:\d+ failed \(curl exit 18\); trying the next pod/);
                assert.match(run.log, /saved the live sqlite\.db from http:\/\/127\.0\.1\.1/);
                assert.deepEqual(rowsOf(s.cluster.database as Buffer, s.dir), NEWER);
            });

            it("falls back past an unreachable replica, imports, and then fails naming the pod that does not serve the restore", async () => {
                const scratch = tempDir("db");
                const s = await setup(3, makeDatabase(scratch, ["live"], "wal"));
                putSnapshot(s, "2026-01-01T00-00-00Z.db.gz", makeDatabase(scratch, NEWER, "wal"), 1);
                s.cluster.behaviour.set(2, "down");
                const run = await restore(s, "latest");
                assert.equal(run.ok, false, run.log);
                assert.equal(run.steps.find((step) => step.step === "export-live")?.code, 0, run.log);
                assert.equal(s.cluster.imports.length, 1);
                assert.equal(run.steps.at(-1)?.step, "import");
                assert.match(run.log, /127\.0\.2\.1:\d+ does not serve the restored sqlite\.db/);
                assert.match(run.log, /FAILED: 1 of 3 pods do not serve the restored sqlite\.db/);
                assert.doesNotMatch(run.log, /done:/);
            });

            it("fails when a replica on another cluster id still serves its own copy with lag 0 (the landed-check)", async () => {
                const scratch = tempDir("db");
                const s = await setup(3, makeDatabase(scratch, ["live"], "wal"));
                const snapshot = makeDatabase(scratch, NEWER, "wal");
                putSnapshot(s, "2026-01-01T00-00-00Z.db.gz", snapshot, 1);
                // Same page size and journal mode as the snapshot: the old header-only check passed on it.
                const stranded = makeDatabase(
                    scratch,
                    Array.from({ length: 188 }, (_, i) => `row ${i}`),
                    "wal",
                );
                s.cluster.strand(2, { database: stranded, clusterId: "LFSC_OTHER_CLUSTER", txid: 300 });
                const run = await restore(s, "latest");
                assert.equal(run.ok, false, run.log);
                assert.equal(s.cluster.imports.length, 1);
                assert.match(run.log, /skipping http:\/\/127\.0\.2\.1/, "the live copy is not read from it");
                assert.match(run.log, /127\.0\.2\.1:\d+ is on cluster id LFSC_OTHER_CLUSTER/);
                assert.match(run.log, /FAILED: 1 of 3 pods do not serve the restored sqlite\.db/);
                assert.match(run.log, /127\.0\.1\.1:\d+ serves the restored sqlite\.db \(transaction 43/);
            });

            it(`fails when a replica on the same cluster id does not apply the import within the deadline`, async () => {
                const scratch = tempDir("db");
                const s = await setup(2, makeDatabase(scratch, ["live"], "wal"));
                putSnapshot(s, "2026-01-01T00-00-00Z.db.gz", makeDatabase(scratch, NEWER, "wal"), 1);
                s.cluster.strand(1);
                const run = await restore(s, "latest");
                assert.equal(run.ok, false, run.log);
                assert.match(run.log, /127\.0\.1\.1:\d+ is stale: at transaction 42 of sqlite\.db after 2 s; the primary was at 43/);
                assert.match(run.log, /FAILED: 1 of 2 pods/);
            });

            it("restores from another app's folder when asked (disaster recovery into a new namespace), keeping the pre-restore copy in its own", async () => {
                const scratch = tempDir("db");
                const s = await setup(2, makeDatabase(scratch, ["live"], "wal"), { namespace: "recovered" });
                const lost = await setup(2, undefined, { namespace: "lost", dir: s.dir });
                const theirs = makeDatabase(scratch, NEWER, "wal");
                putSnapshot(lost, "2026-01-01T00-00-00Z-txid9.db.gz", theirs, 1);
                assert.equal((await restore(s, "latest")).ok, false, "its own folder is empty: nothing is imported by default");
                const run = await restore(s, "latest", targetSnapshotDir(lost.target));
                assert.ok(run.ok, run.log);
                assert.ok(s.cluster.imports[0].body.equals(theirs));
                assert.equal(listFiles(path.join(s.snapshots, PRE_RESTORE_DIR)).length, 1);
                assert.deepEqual(
                    listFiles(lost.snapshots),
                    ["2026-01-01T00-00-00Z-txid9.db.gz"],
                    "nothing is written to the other app's folder",
                );
            });

            it("stops before importing when no pod serves the live database", async () => {
                const scratch = tempDir("db");
                const s = await setup(2, makeDatabase(scratch, ["live"], "wal"));
                putSnapshot(s, "2026-01-01T00-00-00Z.db.gz", makeDatabase(scratch, NEWER, "wal"), 1);
                s.cluster.behaviour.set(1, "truncated");
                s.cluster.behaviour.set(0, "truncated");
                const run = await restore(s, "latest");
                assert.equal(run.ok, false, run.log);
                assert.equal(run.steps.at(-1)?.step, "export-live");
                assert.match(run.log, /FAILED: no pod served the live sqlite.db/);
                assert.equal(s.cluster.imports.length, 0);
            });

            it("stops before importing when the primary does not answer", async () => {
                const scratch = tempDir("db");
                const s = await setup(2, makeDatabase(scratch, ["live"], "wal"));
                putSnapshot(s, "2026-01-01T00-00-00Z.db.gz", makeDatabase(scratch, NEWER, "wal"), 1);
                s.cluster.behaviour.set(0, "down");
                const run = await restore(s, "latest");
                assert.equal(run.ok, false, run.log);
                assert.equal(run.steps.at(-1)?.step, "export-live");
                assert.equal(s.cluster.imports.length, 0);
            });
        });
    });
