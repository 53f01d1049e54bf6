/**
 * The LiteFS container's start-up script, one source for both modes and both leases: POSIX sh only (the image's
 * /bin/sh may be dash or busybox). It decides from POD_NAME whether this pod is the primary (static lease) or a
 * candidate (Consul lease), writes that role's litefs.yml (rendered ahead of time, so the shell expands nothing
 * in it), and replaces itself with `litefs mount -no-expand-env`.
 *
 * - embedded: in the app's image; litefs.yml's `exec` starts the app (and `migrate` on the primary).
 * - sidecar: in the LiteFS image, as a native sidecar; no `exec` (LiteFS runs alone until a signal:
 *   cmd/litefs/mount_linux.go, `MountCommand.execCmds` returns at once without commands). It first copies
 *   busybox and its musl loader for the app container (`sidecar-tools.ts`) and clears a stale mount.
 */

import { LITEFS_IMAGE, LITEFS_SIDECAR_IMAGE } from "../litefs/facts";
import { CONSUL_URL_PLACEHOLDER, ORDINAL_PLACEHOLDER, type Role, renderLiteFsYaml } from "../litefs/litefs-yaml";
import type { AppPlan } from "../plan";
import { shellWord } from "../shell-loop";
import { TOOLS } from "./sidecar-tools";

export type StartupMode = "embedded" | "sidecar";

const DELIMITER: Record<Role, string> = { primary: "PULUMI_LITEFS_PRIMARY_CONFIG", replica: "PULUMI_LITEFS_REPLICA_CONFIG" };

/** The environment variable that carries `failover.consul.url` (an Input) into the LiteFS container. */
export const CONSUL_URL_ENV = "LITEFS_CONSUL_URL";

/** Seconds between the primary guard's checks; only tests shorten it. */
export const GUARD_INTERVAL_ENV = "PULUMI_LITEFS_GUARD_SECONDS";

/** A quoted here-document: the shell copies the text verbatim, `$` included. */
function heredoc(role: Role, yaml: string, target: string): string {
    if (yaml.split("\n").includes(DELIMITER[role])) throw new Error(`litefs.yml contains the line ${DELIMITER[role]}`);
    return `cat > ${target} <<'${DELIMITER[role]}'\n${yaml}${DELIMITER[role]}`;
}

/**
 * Never two static primaries: before LiteFS starts as the static primary, LiteFS's own binary asks every other
 * pod's LiteFS (through the headless Service, which publishes pods before they are Ready) whether it is a
 * candidate: `litefs run -if-candidate` reads GET /info and runs its command only on a candidate
 * (cmd/litefs/run.go `RunCommand.Run`), and under the static lease a candidate is a primary from the moment its
 * LiteFS starts (lease.go `StaticLeaser.Acquire`). The litefs binary is the one HTTP client every image that runs
 * this script has. While another pod is one, this pod waits, unready, so a rollout of a new `primaryOrdinal`
 * stops at it until the old primary is fenced (deleted: it returns as a replica). A pod whose LiteFS does not
 * answer is not running one.
 */
function primaryGuard(plan: AppPlan): string {
    if (plan.replicas < 2) return "";
    const url = `http://${plan.names.podFqdn("$i")}:${plan.apiPort}`;
    return `  others_primary() {
    found=
    i=0
    while [ "$i" -lt ${plan.replicas} ]; do
      if [ "$i" != "$ordinal" ] && [ "$($timeout litefs run -url "${url}" -if-candidate -- echo candidate 2>/dev/null)" = candidate ]; then
        found="$found ${plan.names.pod("$i")}"
      fi
      i=$((i + 1))
    done
    [ -n "$found" ]
  }
  timeout=
  if command -v timeout >/dev/null 2>&1; then timeout="timeout 10"; fi
  while others_primary; do
    echo "pulumi-litefs: $POD_NAME is the configured primary, but$found still runs LiteFS as the primary; waiting for it to stop (delete that pod: it comes back as a replica; see docs/failover.md)." >&2
    sleep "\${${GUARD_INTERVAL_ENV}:-5}"
  done
`;
}

/** The static lease: pod `primaryOrdinal` is the primary, every other pod its replica. */
function staticLease(plan: AppPlan): string {
    return `if [ "$ordinal" = ${plan.names.primaryOrdinal} ]; then
${primaryGuard(plan)}  LITEFS_CANDIDATE=true
  ${heredoc("primary", renderLiteFsYaml(plan, "primary"), '"$config"')}
else
  LITEFS_CANDIDATE=false
  ${heredoc("replica", renderLiteFsYaml(plan, "replica"), '"$config"')}
fi
role="$([ "$LITEFS_CANDIDATE" = true ] && echo primary || echo "replica of ${plan.names.primaryPod}")"`;
}

/**
 * The Consul lease: pods 0 to candidates-1 may take it. The rendered file has placeholders for the pod's ordinal
 * (its own FQDN is its hostname and advertise-url) and Consul's URL, which comes from the environment (it may be
 * an Output). The URL is checked as the plan checks a plain one, so it is safe in sed's replacement.
 */
function consulLease(plan: AppPlan, candidates: number): string {
    return `url=\${${CONSUL_URL_ENV}:-}
case "$url" in
  http://?* | https://?*) ;;
  *) fail "${CONSUL_URL_ENV} must be Consul's http:// or https:// URL (failover.consul.url), got '$url'" ;;
esac
case "$url" in
  *[!]A-Za-z0-9._~:/%[-]*) fail "${CONSUL_URL_ENV} may hold only a scheme, a host, a port and a path, without credentials (give failover.consul.tokenSecret), got '$url'" ;;
esac
if [ "$ordinal" -lt ${candidates} ]; then
  LITEFS_CANDIDATE=true
  ${heredoc("primary", renderLiteFsYaml(plan, "primary"), '"$config.in"')}
else
  LITEFS_CANDIDATE=false
  ${heredoc("replica", renderLiteFsYaml(plan, "replica"), '"$config.in"')}
fi
sed -e "s|${ORDINAL_PLACEHOLDER}|$ordinal|g" -e "s|${CONSUL_URL_PLACEHOLDER}|$url|g" "$config.in" > "$config"
rm -f "$config.in"
role="$([ "$LITEFS_CANDIDATE" = true ] && echo "a candidate for the Consul lease" || echo "a replica (not a candidate)")"`;
}

export function startupMode(plan: Pick<AppPlan, "liteFsSidecar">): StartupMode {
    return plan.liteFsSidecar ? "sidecar" : "embedded";
}

/** What the image must hold, checked before anything is written; each failure says how to fix the image. */
function imageChecks(mode: StartupMode): string {
    if (mode === "embedded")
        return `command -v litefs >/dev/null 2>&1 || fail "litefs is not on PATH in this image; add it: COPY --from=${LITEFS_IMAGE} /usr/local/bin/litefs /usr/local/bin/litefs"
command -v fusermount3 >/dev/null 2>&1 || fail "fusermount3 is not in this image; install the fuse3 package (apt-get install fuse3, or apk add fuse3)"`;
    const image = `use the official image (liteFsSidecar.image: ${LITEFS_SIDECAR_IMAGE}) or a copy of it`;
    return `command -v litefs >/dev/null 2>&1 || fail "litefs is not on PATH in the LiteFS image; ${image}"
command -v fusermount3 >/dev/null 2>&1 || fail "fusermount3 is not in the LiteFS image; ${image}"
[ -n "\${LITEFS_TOOLS_DIR:-}" ] || fail "LITEFS_TOOLS_DIR is not set"
# The app container's probes and the migrate gate run this image's busybox through its musl loader, copied
# into an emptyDir: the app image needs no shell and no libc of its own. Renamed into place, so a probe
# running the previous copy is not disturbed.
# (LITEFS_MUSL_LOADER is only ever set by pulumi-litefs's simulator, on machines without musl.)
for loader in \${LITEFS_MUSL_LOADER:-/lib/ld-musl-*.so.1}; do break; done
busybox=$(command -v busybox) || busybox=
[ -f "$loader" ] && [ -f "$busybox" ] || fail "the LiteFS image has no busybox or /lib/ld-musl-<arch>.so.1 (Alpine's); ${image}"
mkdir -p "$LITEFS_TOOLS_DIR"
cp "$loader" "$LITEFS_TOOLS_DIR/.${TOOLS.loader}.new"
cp "$busybox" "$LITEFS_TOOLS_DIR/.${TOOLS.busybox}.new"
chmod 0755 "$LITEFS_TOOLS_DIR/.${TOOLS.loader}.new" "$LITEFS_TOOLS_DIR/.${TOOLS.busybox}.new"
mv -f "$LITEFS_TOOLS_DIR/.${TOOLS.loader}.new" "$LITEFS_TOOLS_DIR/${TOOLS.loader}"
mv -f "$LITEFS_TOOLS_DIR/.${TOOLS.busybox}.new" "$LITEFS_TOOLS_DIR/${TOOLS.busybox}"`;
}

/**
 * Sidecar mode: a LiteFS killed before it unmounted (a crash, SIGKILL, a failed startup probe) leaves its mount
 * behind, "Transport endpoint is not connected". LiteFS's own unmount at start (fuse/file_system.go,
 * `FileSystem.Mount`) is not lazy and fails on it, and LiteFS then stops with `mkdir …: file exists`: detach it
 * lazily first. Not mounted is the usual case, and fine.
 */
function clearStaleMount(mode: StartupMode, fuseDir: string): string {
    if (mode === "embedded") return "";
    return `fusermount3 -u -z ${shellWord(fuseDir)} 2>/dev/null || echo "pulumi-litefs: no stale mount at ${fuseDir}"\n`;
}

export function startupScript(plan: AppPlan): string {
    const mode = startupMode(plan);
    // Names are validated DNS labels ([a-z0-9-]), so they are safe unquoted in shell patterns.
    const prefix = `${plan.names.statefulSet}-`;
    return `# pulumi-litefs start-up script for StatefulSet ${plan.names.statefulSet}${mode === "sidecar" ? " (LiteFS sidecar)" : ""}: writes litefs.yml, then runs LiteFS.
set -eu
fail() { echo "pulumi-litefs: $*" >&2; exit 1; }
[ -n "\${POD_NAME:-}" ] || fail "POD_NAME is not set; it must come from the downward API (fieldRef metadata.name)"
[ -n "\${LITEFS_CONFIG_DIR:-}" ] || fail "LITEFS_CONFIG_DIR is not set"
case "$POD_NAME" in
  ${prefix}*) ordinal=\${POD_NAME#${prefix}} ;;
  *) fail "pod $POD_NAME is not a pod of StatefulSet ${plan.names.statefulSet}" ;;
esac
case "$ordinal" in
  ''|*[!0-9]*) fail "pod $POD_NAME is not a pod of StatefulSet ${plan.names.statefulSet}" ;;
esac
${imageChecks(mode)}
config="$LITEFS_CONFIG_DIR/litefs.yml"
mkdir -p "$LITEFS_CONFIG_DIR"
${plan.lease.type === "consul" ? consulLease(plan, plan.lease.candidates) : staticLease(plan)}
export LITEFS_CANDIDATE
echo "pulumi-litefs: $POD_NAME starts as $role with $config:"
cat "$config"
${clearStaleMount(mode, plan.fuseDir)}exec litefs mount -config "$config" -no-expand-env
`;
}
