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
    /** The script was still running after `timeoutMs` and was stopped. */
    readonly timedOut: boolean;
}

/**
 * The stand-in litefs: `mount` saves its arguments and the config it is given; `run -url U -if-candidate -- CMD`
 * runs CMD only when U is listed in the file $PULUMI_LITEFS_STUB_CANDIDATES (a pod whose LiteFS is a candidate),
 * as cmd/litefs/run.go does after reading U's /info, and otherwise says so on stderr and exits 0.
 */
const LITEFS_STUB = `#!/bin/sh
if [ "$1" = run ]; then
  url=
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    if [ "$1" = -url ]; then url=$2; fi
    shift
  done
  shift
  if [ -n "\${PULUMI_LITEFS_STUB_CANDIDATES:-}" ] && grep -qxF "$url" "$PULUMI_LITEFS_STUB_CANDIDATES"; then exec "$@"; fi
  echo "node is not a candidate, skipping execution" >&2
  exit 0
fi
printf '%s\\n' "$@" > "$PULUMI_LITEFS_STUB_OUT/args"
while [ $# -gt 0 ]; do
  if [ "$1" = -config ]; then cp "$2" "$PULUMI_LITEFS_STUB_OUT/litefs.yml"; fi
  shift
done
`;

/**
 * Runs `script` as the container would (`<shell> -c script`) for the pod `podName` (undefined: POD_NAME
 * unset). `shell` defaults to `sh`; pass `dash`, `bash` or `busybox sh` paths to compare shells. `env` adds the
 * container's other variables (e.g. LITEFS_CONSUL_URL). A script still running after `timeoutMs` is stopped.
 */
export function simulateStart(
    script: string,
    podName: string | undefined,
    shell = "sh",
    env: Readonly<Record<string, string>> = {},
    timeoutMs = 10_000,
): SimulatedStart {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-start-"));
    try {
        const bin = path.join(dir, "bin");
        const out = path.join(dir, "out");
        fs.mkdirSync(bin);
        fs.mkdirSync(out);
        fs.writeFileSync(path.join(bin, "litefs"), LITEFS_STUB, { mode: 0o755 });
        fs.writeFileSync(path.join(bin, "fusermount3"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
        const processEnv: NodeJS.ProcessEnv = {
            ...env,
            PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`,
            LITEFS_CONFIG_DIR: path.join(dir, "etc-litefs"),
            PULUMI_LITEFS_STUB_OUT: out,
        };
        if (podName !== undefined) processEnv.POD_NAME = podName;
        const [command, ...shellArgs] = shell.split(" ");
        const run = spawnSync(command, [...shellArgs, "-c", script], { env: processEnv, encoding: "utf8", timeout: timeoutMs });
        const timedOut = (run.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
        if (run.error && !timedOut) throw run.error;
        const read = (file: string) => (fs.existsSync(path.join(out, file)) ? fs.readFileSync(path.join(out, file), "utf8") : undefined);
        return {
            exitCode: run.status ?? 1,
            stdout: run.stdout,
            stderr: run.stderr,
            config: read("litefs.yml"),
            litefsArgs: read("args")?.trimEnd().split("\n"),
            timedOut,
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
