/**
 * The container's start-up script: POSIX sh only (the image's /bin/sh may be dash or busybox). It decides
 * from POD_NAME whether this pod is the primary (static lease) or a candidate (Consul lease), writes that
 * role's litefs.yml (rendered ahead of time, so the shell expands nothing in it), and replaces itself with
 * `litefs mount -no-expand-env`.
 */

import { LITEFS_IMAGE } from "../litefs/facts";
import { CONSUL_URL_PLACEHOLDER, ORDINAL_PLACEHOLDER, type Role, renderLiteFsYaml } from "../litefs/litefs-yaml";
import type { AppPlan } from "../plan";

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

export function startupScript(plan: AppPlan): string {
    // Names are validated DNS labels ([a-z0-9-]), so they are safe unquoted in shell patterns.
    const prefix = `${plan.names.statefulSet}-`;
    return `# pulumi-litefs start-up script for StatefulSet ${plan.names.statefulSet}: writes litefs.yml, then runs LiteFS.
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
command -v litefs >/dev/null 2>&1 || fail "litefs is not on PATH in this image; add it: COPY --from=${LITEFS_IMAGE} /usr/local/bin/litefs /usr/local/bin/litefs"
command -v fusermount3 >/dev/null 2>&1 || fail "fusermount3 is not in this image; install the fuse3 package (apt-get install fuse3, or apk add fuse3)"
config="$LITEFS_CONFIG_DIR/litefs.yml"
mkdir -p "$LITEFS_CONFIG_DIR"
${plan.lease.type === "consul" ? consulLease(plan, plan.lease.candidates) : staticLease(plan)}
export LITEFS_CANDIDATE
echo "pulumi-litefs: $POD_NAME starts as $role with $config:"
cat "$config"
exec litefs mount -config "$config" -no-expand-env
`;
}
