/**
 * Sidecar mode's tools: what the app container's probes and the migrate gate run without anything from the app
 * image (a distroless image has no shell, no `cat`, no libc of the right kind). The LiteFS sidecar's start-up
 * script copies the official image's busybox and Alpine's musl loader into an emptyDir; a command here runs
 * `<loader> <busybox> <applet> …`: the loader runs a program it is handed explicitly, and busybox's only library,
 * musl's libc, is the loader itself (musl's dynamic linker maps the name `libc.musl-<arch>.so.1` to itself), so
 * nothing is looked up in the app image's /lib. The node runs both images, so both are of the same architecture.
 */
import { LAG_FILE, SIDECAR_TOOLS_DIR } from "../litefs/facts";
import { splitCommand } from "../litefs/exec";

/** The file names in the tools emptyDir (`LITEFS_TOOLS_DIR`, mounted at SIDECAR_TOOLS_DIR). */
export const TOOLS = { loader: "ld-musl.so.1", busybox: "busybox" } as const;

/** `busybox <applet> <args…>` run through the copied musl loader. */
export function busybox(applet: string, ...args: string[]): string[] {
    return [`${SIDECAR_TOOLS_DIR}/${TOOLS.loader}`, `${SIDECAR_TOOLS_DIR}/${TOOLS.busybox}`, applet, ...args];
}

/**
 * The app container's liveness check: reading `.lag` fails with "Transport endpoint is not connected" once the
 * LiteFS that made the mount is gone, which a restarted sidecar leaves the app holding.
 */
export function mountAliveCommand(fuseDir: string): string[] {
    return busybox("cat", `${fuseDir}/${LAG_FILE}`);
}

/**
 * The migrate init container's command: a busybox sh that runs `migrate` on pod-0 only and succeeds at once on
 * every other pod. `migrate` is split as LiteFS would split an `exec` entry (go-shellwords, no shell), and the
 * words are handed over as "$@": the shell never re-parses them, so they run exactly as in embedded mode.
 */
export function migrateGateCommand(migrate: string, primaryPod: string): string[] {
    const gate = `[ -n "\${POD_NAME:-}" ] || { echo "pulumi-litefs: POD_NAME is not set" >&2; exit 1; }
case "$POD_NAME" in
  ${primaryPod}) echo "pulumi-litefs: $POD_NAME is the primary: running migrate"; exec "$@" ;;
  *) echo "pulumi-litefs: $POD_NAME is a replica: migrate runs on ${primaryPod} only" ;;
esac`;
    return busybox("sh", "-c", gate, "pulumi-litefs-migrate", ...splitCommand(migrate).words);
}
