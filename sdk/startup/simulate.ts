/**
 * Runs a pod's start-up script on this machine, with stand-ins for `litefs` and `fusermount3`, to see
 * exactly what the pod would write and run. Used by the offline renderer and by the tests.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface SimulatedStart {
    readonly exitCode: number;
    readonly stdout: string;
    readonly stderr: string;
    /** The litefs.yml the script handed to `litefs mount`, if it got that far. */
    readonly config?: string;
    /** The arguments `litefs` was started with. */
    readonly litefsArgs?: string[];
}

const LITEFS_STUB = `#!/bin/sh
printf '%s\\n' "$@" > "$PULUMI_LITEFS_STUB_OUT/args"
while [ $# -gt 0 ]; do
  if [ "$1" = -config ]; then cp "$2" "$PULUMI_LITEFS_STUB_OUT/litefs.yml"; fi
  shift
done
`;

/**
 * Runs `script` as the container would (`<shell> -c script`) for the pod `podName` (undefined: POD_NAME
 * unset). `shell` defaults to `sh`; pass `dash`, `bash` or `busybox sh` paths to compare shells.
 */
export function simulateStart(script: string, podName: string | undefined, shell = "sh"): SimulatedStart {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-start-"));
    try {
        const bin = path.join(dir, "bin");
        const out = path.join(dir, "out");
        fs.mkdirSync(bin);
        fs.mkdirSync(out);
        fs.writeFileSync(path.join(bin, "litefs"), LITEFS_STUB, { mode: 0o755 });
        fs.writeFileSync(path.join(bin, "fusermount3"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
        const env: NodeJS.ProcessEnv = {
            PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`,
            LITEFS_CONFIG_DIR: path.join(dir, "etc-litefs"),
            PULUMI_LITEFS_STUB_OUT: out,
        };
        if (podName !== undefined) env.POD_NAME = podName;
        const [command, ...shellArgs] = shell.split(" ");
        const run = spawnSync(command, [...shellArgs, "-c", script], { env, encoding: "utf8", timeout: 10_000 });
        if (run.error) throw run.error;
        const read = (file: string) => (fs.existsSync(path.join(out, file)) ? fs.readFileSync(path.join(out, file), "utf8") : undefined);
        return {
            exitCode: run.status ?? 1,
            stdout: run.stdout,
            stderr: run.stderr,
            config: read("litefs.yml"),
            litefsArgs: read("args")?.trimEnd().split("\n"),
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
