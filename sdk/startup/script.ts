/**
 * The container's start-up script: POSIX sh only (the image's /bin/sh may be dash or busybox). It decides
 * from POD_NAME whether this pod is the primary, writes that role's litefs.yml (rendered ahead of time, so
 * the shell expands nothing in it), and replaces itself with `litefs mount -no-expand-env`.
 */

import { LITEFS_IMAGE } from "../litefs/facts";
import { type Role, renderLiteFsYaml } from "../litefs/litefs-yaml";
import type { AppPlan } from "../plan";

const DELIMITER: Record<Role, string> = { primary: "PULUMI_LITEFS_PRIMARY_CONFIG", replica: "PULUMI_LITEFS_REPLICA_CONFIG" };

/** A quoted here-document: the shell copies the text verbatim, `$` included. */
function heredoc(role: Role, yaml: string): string {
    if (yaml.split("\n").includes(DELIMITER[role])) throw new Error(`litefs.yml contains the line ${DELIMITER[role]}`);
    return `cat > "$config" <<'${DELIMITER[role]}'\n${yaml}${DELIMITER[role]}`;
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
if [ "$ordinal" = 0 ]; then
  LITEFS_CANDIDATE=true
  ${heredoc("primary", renderLiteFsYaml(plan, "primary"))}
else
  LITEFS_CANDIDATE=false
  ${heredoc("replica", renderLiteFsYaml(plan, "replica"))}
fi
export LITEFS_CANDIDATE
echo "pulumi-litefs: $POD_NAME starts as $([ "$LITEFS_CANDIDATE" = true ] && echo primary || echo replica of ${plan.names.primaryPod}) with $config:"
cat "$config"
exec litefs mount -config "$config" -no-expand-env
`;
}
