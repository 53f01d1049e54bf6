/**
 * Runs a pod's start-up script on this machine, with a stand-in for `litefs` (and, unless asked for the real
 * ones, for `fusermount3` and sidecar mode's busybox and musl loader), to see exactly what the pod would write
 * and run. Used by the offline renderer and by the tests.
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
    /** Each `fusermount3` call's arguments, in order, and what the script had done by then. */
    readonly fusermountCalls: string[][];
    /** Sidecar mode: the tools directory when `litefs` started, file name → mode and size (`0755 1234`). */
    readonly tools: Readonly<Record<string, string>>;
}

export interface SimulateOptions {
    /** The shell, `sh` by default; `dash`, `bash` or `busybox sh` to compare shells. */
    readonly shell?: string;
    /**
     * Real tools instead of stand-ins: a `fusermount3` path (each call is still recorded), and, for sidecar mode,
     * whether the machine's own busybox and `/lib/ld-musl-*.so.1` are copied.
     */
    readonly realFusermount3?: string;
    readonly realBusybox?: boolean;
    /** The container's other variables (e.g. LITEFS_CONSUL_URL). */
    readonly env?: Readonly<Record<string, string>>;
    /** A script still running after this many milliseconds (default 10 000) is stopped. */
    readonly timeoutMs?: number;
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
for f in "$LITEFS_TOOLS_DIR"/* "$LITEFS_TOOLS_DIR"/.*; do
  [ -f "$f" ] && printf '%s %s %s\\n' "\${f##*/}" "$(stat -c %a "$f")" "$(stat -c %s "$f")" >> "$PULUMI_LITEFS_STUB_OUT/tools"
done
while [ $# -gt 0 ]; do
  if [ "$1" = -config ]; then cp "$2" "$PULUMI_LITEFS_STUB_OUT/litefs.yml"; fi
  shift
done
`;

/** Records each call (one line of arguments), then runs the real tool or succeeds. */
function fusermountShim(real?: string): string {
    return `#!/bin/sh
printf '%s\\n' "$*" >> "$PULUMI_LITEFS_STUB_OUT/fusermount3"
${real ? `exec ${real} "$@"` : "exit 0"}
`;
}

/** Runs `script` as the container would (`<shell> -c script`) for the pod `podName` (undefined: POD_NAME unset). */
export function simulateStart(script: string, podName: string | undefined, options: SimulateOptions | string = {}): SimulatedStart {
    const opts: SimulateOptions = typeof options === "string" ? { shell: options } : options;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-start-"));
    try {
        const bin = path.join(dir, "bin");
        const out = path.join(dir, "out");
        fs.mkdirSync(bin);
        fs.mkdirSync(out);
        fs.writeFileSync(path.join(bin, "litefs"), LITEFS_STUB, { mode: 0o755 });
        fs.writeFileSync(path.join(bin, "fusermount3"), fusermountShim(opts.realFusermount3), { mode: 0o755 });
        const env: NodeJS.ProcessEnv = {
            ...opts.env,
            PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`,
            LITEFS_CONFIG_DIR: path.join(dir, "etc-litefs"),
            LITEFS_TOOLS_DIR: path.join(dir, "tools"),
            PULUMI_LITEFS_STUB_OUT: out,
        };
        if (!opts.realBusybox) {
            // Last on PATH: a stand-in only where the machine has no busybox (and never the shell that runs the script).
            const fallback = path.join(dir, "fallback-bin");
            fs.mkdirSync(fallback);
            fs.writeFileSync(path.join(fallback, "busybox"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
            env.PATH = `${env.PATH}:${fallback}`;
            fs.writeFileSync(path.join(dir, "ld-musl-stub.so.1"), "", { mode: 0o755 });
            env.LITEFS_MUSL_LOADER = path.join(dir, "ld-musl-stub.so.1");
        }
        if (podName !== undefined) env.POD_NAME = podName;
        const [command, ...shellArgs] = (opts.shell ?? "sh").split(" ");
        const run = spawnSync(command, [...shellArgs, "-c", script], { env, encoding: "utf8", timeout: opts.timeoutMs ?? 10_000 });
        const timedOut = (run.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
        if (run.error && !timedOut) throw run.error;
        const read = (file: string) => (fs.existsSync(path.join(out, file)) ? fs.readFileSync(path.join(out, file), "utf8") : undefined);
        const lines = (file: string) => read(file)?.trimEnd().split("\n") ?? [];
        return {
            exitCode: run.status ?? 1,
            stdout: run.stdout,
            stderr: run.stderr,
            config: read("litefs.yml"),
            litefsArgs: read("args")?.trimEnd().split("\n"),
            timedOut,
            fusermountCalls: lines("fusermount3").map((line) => line.split(" ")),
            tools: Object.fromEntries(
                lines("tools").map((line) => {
                    const [name, ...rest] = line.split(" ");
                    return [name, rest.join(" ")];
                }),
            ),
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
