/**
 * The labeller: a small container in each pod under `failover` that keeps its own pod's `litefs.io/role` label
 * equal to what LiteFS says, so the write Service (which selects `litefs.io/role: primary`) follows the Consul
 * lease. POSIX sh and curl only, so it runs in the pinned curl image the backups use (Alpine: busybox ash).
 *
 * What it reads, from LiteFS v0.5.14's source:
 * - `GET /events` (http/server.go `Server.handleGetEvents`) answers 200 `application/json` and writes one JSON
 *   object per line with `json.Encoder` (compact, key order as declared), flushing after each. The first line is
 *   `{"type":"init","data":{"isPrimary":…,"hostname":…}}` (store.go `Store.SubscribeEvents`), then
 *   `{"type":"primaryChange","data":{"isPrimary":…}}` whenever the lease or the known primary changes
 *   (store.go `Store.setLease`, `Store.setPrimaryInfo` → `notifyPrimaryChange`) and `{"type":"tx","db":…}` for
 *   every transaction. A reader that falls 1024 events behind is disconnected (store.go `notifyEvent`).
 * - A primary that loses the Consul lease (renewal failed past the TTL, or handed off) calls `setLease(nil)`:
 *   a `primaryChange` with `"isPrimary":false` (store.go `Store.monitorLeaseAsPrimary`).
 *
 * What it does: one PATCH of `/api/v1/namespaces/<ns>/pods/<own pod>` with a JSON merge patch of the label,
 * whenever the role changes, with the pod's service-account token (re-read each time: projected tokens rotate).
 * It never lists, watches, creates or reads another pod, so a Role limited by `resourceNames` to this
 * StatefulSet's pods is enough. Fail-closed: a pod whose LiteFS does not answer is labelled `replica`, and a
 * PATCH that fails is retried from a fresh `init` event until the label is right.
 *
 * Everything it needs comes from environment variables (`LABELLER_ENV`), so no value is quoted into the script.
 */
import { ROLE_LABEL } from "../naming";

/** The environment variables the labeller reads (besides KUBERNETES_SERVICE_HOST/PORT, which the kubelet sets). */
export const LABELLER_ENV = {
    /** The pod's name and namespace, from the downward API. */
    podName: "POD_NAME",
    podNamespace: "POD_NAMESPACE",
    /** LiteFS's API in the same pod: `http://localhost:<apiPort>`. */
    liteFsUrl: "LITEFS_API_URL",
    /** The directory of the projected service-account token: `token` and `ca.crt`. */
    tokenDir: "LABELLER_TOKEN_DIR",
    /** A writable directory (an emptyDir) for the event pipe and the last answer. */
    runDir: "LABELLER_RUN_DIR",
    /** Seconds one event stream is followed before it is reopened (a fresh `init` re-checks the label). */
    resyncSeconds: "LABELLER_RESYNC_SECONDS",
    /** Seconds between attempts while LiteFS does not answer or a PATCH fails. */
    retrySeconds: "LABELLER_RETRY_SECONDS",
} as const;

/** The label's values. */
export type Role = "primary" | "replica";

/** The merge patch the labeller sends for a role: exactly this body (tests compare it byte for byte). */
export function rolePatch(role: Role): string {
    return JSON.stringify({ metadata: { labels: { [ROLE_LABEL]: role } } });
}

const patchBody = (role: Role) => rolePatch(role).replace(/"/g, '\\"');

export const LABELLER_SCRIPT = `# pulumi-litefs labeller: keeps this pod's ${ROLE_LABEL} label equal to LiteFS's role (see docs/failover.md).
set -u
log() { echo "pulumi-litefs labeller: $*" >&2; }
: "\${POD_NAME:?POD_NAME is not set}"
: "\${POD_NAMESPACE:?POD_NAMESPACE is not set}"
: "\${LITEFS_API_URL:?LITEFS_API_URL is not set}"
: "\${LABELLER_TOKEN_DIR:?LABELLER_TOKEN_DIR is not set}"
: "\${LABELLER_RUN_DIR:?LABELLER_RUN_DIR is not set}"
: "\${KUBERNETES_SERVICE_HOST:?KUBERNETES_SERVICE_HOST is not set}"
: "\${KUBERNETES_SERVICE_PORT:?KUBERNETES_SERVICE_PORT is not set}"
resync=\${LABELLER_RESYNC_SECONDS:-60}
retry=\${LABELLER_RETRY_SECONDS:-2}
host=$KUBERNETES_SERVICE_HOST
case "$host" in *:*) host="[$host]" ;; esac
pod_url="https://$host:$KUBERNETES_SERVICE_PORT/api/v1/namespaces/$POD_NAMESPACE/pods/$POD_NAME"
current=
pid=

# label ROLE: one merge-patch PATCH of this pod's label, unless it is known to be set already. The token goes to
# curl on its standard input (a config line), never on a command line another process could read.
label() {
  [ "$1" = "$current" ] && return 0
  case "$1" in
    primary) body="${patchBody("primary")}" ;;
    *) body="${patchBody("replica")}" ;;
  esac
  code=$(printf 'header = "Authorization: Bearer %s"\\n' "$(cat "$LABELLER_TOKEN_DIR/token")" |
    curl -sS -K - --connect-timeout 5 --max-time 15 --cacert "$LABELLER_TOKEN_DIR/ca.crt" \\
      -X PATCH -H 'Content-Type: application/merge-patch+json' -H 'Accept: application/json' \\
      --data-binary "$body" -o "$LABELLER_RUN_DIR/patch.out" -w '%{http_code}' "$pod_url") || code=
  if [ "$code" = 200 ]; then
    current=$1
    log "$POD_NAME is now labelled ${ROLE_LABEL}=$1"
    return 0
  fi
  current=
  log "could not label $POD_NAME ${ROLE_LABEL}=$1 (HTTP \${code:-no answer}): $(head -c 300 "$LABELLER_RUN_DIR/patch.out" 2>/dev/null)"
  return 1
}

# follow: reads LiteFS's event stream, one JSON object per line; only init and primaryChange carry the role.
follow() {
  seen=
  while IFS= read -r line; do
    case "$line" in
      '{"type":"init",'* | '{"type":"primaryChange",'*) seen=1 ;;
      *) continue ;;
    esac
    case "$line" in
      *'"isPrimary":true'*) label primary || return 1 ;;
      *) label replica || return 1 ;;
    esac
  done
  return 0
}

stop() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  exit 0
}
trap stop TERM INT

events="$LABELLER_RUN_DIR/events"
rm -f "$events"
mkfifo "$events" || { log "cannot create $events"; exit 1; }
while :; do
  curl -sS -N --connect-timeout 5 --max-time "$resync" "$LITEFS_API_URL/events" > "$events" 2> "$LABELLER_RUN_DIR/events.err" &
  pid=$!
  follow < "$events"
  followed=$?
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  pid=
  if [ "$followed" -ne 0 ]; then
    # A PATCH failed: start again from a fresh init event after a pause.
    sleep "$retry"
  elif [ -z "$seen" ]; then
    # LiteFS did not answer: nothing says this pod holds the lease, so it must not receive writes.
    log "LiteFS at $LITEFS_API_URL did not answer: $(head -c 300 "$LABELLER_RUN_DIR/events.err" 2>/dev/null)"
    label replica || :
    sleep "$retry"
  fi
  # Otherwise the stream ended after it began (resync, or LiteFS closed it): reopen it at once; its init event
  # tells the role again, and an unchanged role sends no PATCH.
done
`;
