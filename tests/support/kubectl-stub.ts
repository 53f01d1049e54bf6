/**
 * Runs printed kubectl commands (the debug, recovery and restore commands) under `sh` with a stub `kubectl` first
 * on PATH that logs each call: what the loops over ordinals expand to, one `kubectl …` line per call. It keeps
 * what `kubectl create -f -` reads, and answers `get job` with Complete, so a wait loop on a Job ends.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const STUB = `#!/bin/sh
printf 'kubectl' >> "$KUBECTL_LOG"
for arg in "$@"; do printf ' %s' "$arg" >> "$KUBECTL_LOG"; done
printf '\\n' >> "$KUBECTL_LOG"
if [ "$1" = create ]; then cat >> "$KUBECTL_LOG.stdin"; fi
case " $* " in *" get job "*) echo Complete ;; esac
`;

export function kubectlCalls(commands: string): string[] {
    return kubectlRun(commands).calls;
}

/** The calls, and everything the calls that read standard input (`create -f -`) were given. */
export function kubectlRun(commands: string): { calls: string[]; stdin: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-kubectl-"));
    try {
        fs.writeFileSync(path.join(dir, "kubectl"), STUB, { mode: 0o755 });
        const log = path.join(dir, "calls.log");
        fs.writeFileSync(log, "");
        fs.writeFileSync(`${log}.stdin`, "");
        const run = spawnSync("sh", ["-c", commands], {
            cwd: dir,
            encoding: "utf8",
            env: { PATH: `${dir}:${process.env.PATH}`, KUBECTL_LOG: log },
        });
        if (run.error) throw run.error;
        if (run.stderr !== "") throw new Error(`sh printed errors: ${run.stderr}`);
        return { calls: fs.readFileSync(log, "utf8").split("\n").filter(Boolean), stdin: fs.readFileSync(`${log}.stdin`, "utf8") };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
