/**
 * Runs the steps of a backup or restore pod as Kubernetes would: each step's script under `sh`, in order,
 * sharing one work directory, stopping at the first that fails. The tools are the real ones (Debian's curl,
 * sqlite3, gzip and rclone); rclone's remote `bk` is the local filesystem, configured only through
 * `RCLONE_CONFIG_*` variables as the Secret does in the cluster.
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SCRIPTS } from "../../../sdk/backup/scripts";
import type { Step } from "../../../sdk/backup/steps";

/**
 * The shells the scripts run under: Debian's sh (dash), and busybox ash with busybox's own od, gzip, sed, … as
 * in the Alpine images the pods run (rclone's, sqlite3's and curl's). curl, sqlite3 and rclone are Debian's.
 */
export interface Shell {
    readonly name: string;
    readonly argv: readonly string[];
    /** Directories put before PATH. */
    readonly path: readonly string[];
}

const APPLETS = [
    "awk",
    "cat",
    "date",
    "grep",
    "gzip",
    "head",
    "mkdir",
    "mv",
    "od",
    "printf",
    "rm",
    "sed",
    "sleep",
    "sort",
    "tail",
    "tr",
    "wc",
];

export function shells(): Shell[] {
    const busybox = tempDir("busybox");
    for (const applet of APPLETS)
        fs.symlinkSync(execFileSync("sh", ["-c", "command -v busybox"], { encoding: "utf8" }).trim(), path.join(busybox, applet));
    return [
        { name: "sh (dash)", argv: ["sh"], path: [] },
        { name: "busybox ash with busybox's tools", argv: ["busybox", "sh"], path: [busybox] },
    ];
}

/** The rclone remote every test uses: `bk:<dir>` is a local directory. */
export const REMOTE_ENV = { RCLONE_CONFIG: "", RCLONE_CONFIG_BK_TYPE: "local" } as const;

export interface StepResult {
    readonly step: string;
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

export interface PodRun {
    /** Every step that ran, in order; the last one failed when `ok` is false. */
    readonly steps: StepResult[];
    readonly ok: boolean;
    /** Every step's stderr, for assertion messages. */
    readonly log: string;
    /** Every step's stdout: what a report prints. */
    readonly stdout: string;
}

/** Runs `steps` under `shell` with `env` on top of a minimal environment (PATH and HOME only: nothing leaks in from the host). */
export async function runPod(shell: Shell, steps: readonly Step[], work: string, env: Record<string, string>): Promise<PodRun> {
    const PATH = [...shell.path, process.env.PATH ?? "/usr/bin:/bin"].join(":");
    const results: StepResult[] = [];
    for (const step of steps) {
        const result = await new Promise<StepResult>((resolve) => {
            execFile(
                shell.argv[0],
                [...shell.argv.slice(1), "-c", SCRIPTS[step.script]],
                { env: { PATH, HOME: work, WORK: work, ...env }, timeout: 60_000 },
                (error, stdout, stderr) =>
                    resolve({ step: step.name, code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
            );
        });
        results.push(result);
        if (result.code !== 0) break;
    }
    return {
        steps: results,
        ok: results.length === steps.length && results.every((r) => r.code === 0),
        log: results.map((r) => `--- ${r.step} (exit ${r.code})\n${r.stderr}`).join("\n"),
        stdout: results.map((r) => r.stdout).join(""),
    };
}

export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `pulumi-litefs-${prefix}-`));
}

/** A database built with the sqlite3 CLI: table `notes` with the given rows, in the given journal mode. */
export function makeDatabase(dir: string, rows: readonly string[], mode: "wal" | "delete"): Buffer {
    const file = path.join(dir, `source-${mode}-${rows.length}.db`);
    fs.rmSync(file, { force: true });
    const values = rows.map((row) => `('${row.replace(/'/g, "''")}')`).join(", ");
    sqlite(
        file,
        `PRAGMA journal_mode = ${mode}; CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL); INSERT INTO notes (body) VALUES ${values};`,
    );
    return fs.readFileSync(file);
}

/** Runs SQL on a file with the sqlite3 CLI and returns its output. */
export function sqlite(file: string, sql: string): string {
    return execFileSync("sqlite3", [file, sql], { encoding: "utf8" }).trim();
}

/** The rows of `notes` in a database held in memory, read with the sqlite3 CLI from a scratch copy. */
export function rowsOf(database: Buffer, scratch: string): string[] {
    const file = path.join(scratch, `read-${process.hrtime.bigint()}.db`);
    fs.writeFileSync(file, database);
    const out = sqlite(`file:${file}?immutable=1`, "SELECT body FROM notes ORDER BY id;");
    return out === "" ? [] : out.split("\n");
}

/** Header bytes 18 and 19: 1 for rollback, 2 for WAL. */
export function journalBytes(database: Buffer): [number, number] {
    return [database[18], database[19]];
}

/** Decompresses a snapshot file the way a person restoring by hand would: `gzip -dc`. */
export function gunzip(file: string): Buffer {
    return execFileSync("gzip", ["-dc", file]);
}

/** Every file below `dir`, as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return (fs.readdirSync(dir, { recursive: true }) as string[])
        .filter((entry) => fs.statSync(path.join(dir, entry)).isFile())
        .map((entry) => entry.split(path.sep).join("/"))
        .sort();
}
