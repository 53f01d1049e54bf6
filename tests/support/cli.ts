/**
 * The `pulumi-litefs` command line, in-process through `runCli` (fast: no Node start-up, no module loading
 * per call), or as a real child process for the few tests that need one: the binary itself, and rendering
 * a compiled program, which installs its own Pulumi mocks and so cannot share this process's.
 */
import { spawn, spawnSync } from "node:child_process";
import * as path from "node:path";
import { runCli } from "../../sdk/cli/run";

export const ROOT = path.resolve(__dirname, "../../..");
export const BIN = path.join(ROOT, "bin/sdk/cli/main.js");

export interface CliRun {
    readonly status: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs one command line in this process; paths are relative to the repository root, as for the binary. */
export async function cli(...args: string[]): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const status = await runCli(args, {
        out: (text) => {
            stdout += text;
        },
        err: (text) => {
            stderr += text;
        },
    });
    return { status, stdout, stderr };
}

/** Runs the binary as a child process from the repository root. */
export function cliProcess(...args: string[]): CliRun {
    const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8" });
    if (run.error) throw run.error;
    return { status: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
}

/** A child process from the repository root, without blocking this one: its exit code and output. */
export function spawnCollect(command: string, args: string[]): Promise<CliRun> {
    return new Promise<CliRun>((resolve, reject) => {
        const child = spawn(command, args, { cwd: ROOT });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => resolve({ status: code ?? 1, stdout, stderr }));
    });
}

const started = new Map<string, Promise<CliRun>>();

/**
 * The binary as a child process, once per command line, without blocking: rendering a program loads the
 * Pulumi SDK (about a second per process), so tests start these early and they overlap.
 */
export function cliProcessOnce(...args: string[]): Promise<CliRun> {
    const key = JSON.stringify(args);
    let run = started.get(key);
    if (!run) {
        run = spawnCollect(process.execPath, [BIN, ...args]);
        started.set(key, run);
    }
    return run;
}
