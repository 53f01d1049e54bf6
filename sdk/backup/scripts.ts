/**
 * The shell scripts of a backup, a restore and a restore drill, one per step (each step is one container, in the
 * image of the tool it needs: see `steps.ts`). POSIX sh only: every image here is Alpine, so /bin/sh is busybox ash.
 *
 * The scripts are constant text: every value comes from environment variables that the pod sets (`STEP_ENV`),
 * so nothing is ever quoted into shell code. They share one work directory (an emptyDir at `$WORK`) and hand
 * over files there: a step never pipes a download into an upload, so a failed download can't become a
 * 0-byte snapshot. Any failure exits non-zero, which fails the pod, the Job and, for `kubectl get cronjob`
 * and alerts, the run.
 */
import { PRE_RESTORE_DIR, SNAPSHOT_NAME_ERE, SNAPSHOT_SUFFIX } from "./layout";

/** The environment variables the scripts read. */
export const STEP_ENV = {
    /** The database file name, as LiteFS serves it (`args.database`). */
    database: "LITEFS_DATABASE",
    /**
     * A pod's LiteFS API base URL, as a printf format with one `%d` for the ordinal (through the headless
     * Service's DNS name). One pattern rather than a list keeps the pods' specs the same size for any replicas.
     */
    apiUrl: "LITEFS_API_URL",
    /** The number of pods. */
    replicas: "LITEFS_REPLICAS",
    /** The primary's ordinal: the pod whose position a source must have reached, and the one a restore imports into. */
    primaryOrdinal: "LITEFS_PRIMARY_ORDINAL",
    /** The ordinals to export from, in order of preference, space-separated. */
    sourceOrdinals: "LITEFS_SOURCE_ORDINALS",
    /** Seconds a source may take to reach the primary's position before it is refused as stale (`backup.maxSourceLagSeconds`). */
    maxSourceLag: "BACKUP_MAX_SOURCE_LAG_SECONDS",
    /** The app's own snapshot folder (`layout.ts`): where a backup uploads and a restore keeps its pre-restore copy. */
    snapshotDir: "BACKUP_DIR",
    /** Snapshots older than this are deleted after each upload (`backup.retention`, an rclone duration)... */
    retention: "BACKUP_RETENTION",
    /** ...except the newest this many, whatever their age (`backup.keepLast`). */
    keepLast: "BACKUP_KEEP_LAST",
    /** `latest`, or a snapshot's path below the folder the restore reads from, as the list command prints it. */
    snapshot: "RESTORE_SNAPSHOT",
    /** The folder a restore reads from: the app's own, or another app's for a disaster recovery into a new namespace. */
    restoreFrom: "RESTORE_FROM_DIR",
    /** Seconds a restore waits for every pod to have applied the import before it fails. */
    verifySeconds: "RESTORE_VERIFY_SECONDS",
    /** The work directory the steps share. */
    work: "WORK",
} as const;

/** `date -u` format of a snapshot's time (see `SNAPSHOT_NAME_ERE`). */
const TIMESTAMP = "+%Y-%m-%dT%H-%M-%SZ";

const PRELUDE = `set -eu
log() { printf 'pulumi-litefs %s: %s\\n' "$STEP" "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }
work=\${WORK:?WORK is not set}
db=\${LITEFS_DATABASE:?LITEFS_DATABASE is not set}
cd "$work"
api_url() { printf "\${LITEFS_API_URL:?LITEFS_API_URL is not set}" "$1"; }`;

/**
 * What a node says about its position, read the cheapest reliable way LiteFS v0.5.14 offers on its API port (the
 * only port a backup pod reaches):
 * - `txid_of URL`: the database's transaction id, the gauge `litefs_db_txid{db="<name>"}` of `GET /metrics`
 *   (db.go: dbTXIDMetricVec, set in DB.setPos on every commit and every applied LTX file; http/server.go:
 *   serveHTTP "/metrics"). Go's Prometheus client prints a gauge with strconv 'g', so a transaction id of a
 *   million or more reads "1.234567e+06": awk turns it back into a whole number. Exit 1 when the node does not
 *   answer, 2 when it has no such series (no such database on that node).
 * - `cluster_of URL`: the node's cluster id, `"clusterID"` of `GET /info` (http/server.go: handleGetInfo). A
 *   replica on another cluster id never streams from the primary ("cannot stream from primary with a different
 *   cluster id"), yet it still answers /export and reports lag 0.
 * No endpoint reports a position without streaming but these (/events only reports transactions as they happen),
 * and lag is no freshness signal: it is 0 on a replica that never synced.
 */
const POSITION = `txid_of() {
  metrics=$(curl -sS --connect-timeout 10 --max-time 30 "$1/metrics") || return 1
  printf '%s\\n' "$metrics" | awk -v db="$db" '
    $1 == "litefs_db_txid{db=\\"" db "\\"}" { printf "%.0f\\n", $2; found = 1; exit }
    END { if (!found) exit 2 }'
}
cluster_of() {
  curl -sS --connect-timeout 10 --max-time 30 "$1/info" | sed -n 's/^[[:space:]]*"clusterID":[[:space:]]*"\\([^"]*\\)".*/\\1/p'
}
primary=\${LITEFS_PRIMARY_ORDINAL:?LITEFS_PRIMARY_ORDINAL is not set}
primary_url=$(api_url "$primary")`;

/**
 * `follows URL MIN WAIT`: whether the node at URL follows the primary: the primary's cluster id, and a transaction
 * id for the database of at least MIN (the primary's when the run started) within WAIT seconds, yet not beyond
 * the primary's own (a node ahead of the primary holds another history). Sets `txid` to the node's position.
 */
const FOLLOWS = `follows() {
  want_cluster=$(cluster_of "$primary_url") || want_cluster=
  deadline=$(( $(date +%s) + $3 ))
  while :; do
    txid=
    cluster=$(cluster_of "$1") || cluster=
    if [ -n "$want_cluster" ] && [ -n "$cluster" ] && [ "$cluster" != "$want_cluster" ]; then
      log "$1 is on cluster id $cluster, the primary on $want_cluster: it does not replicate from the primary"
      return 1
    fi
    if txid=$(txid_of "$1"); then
      if [ "$txid" -ge "$2" ]; then
        now=$(txid_of "$primary_url") || { log "cannot read the primary's position at $primary_url"; return 1; }
        if [ "$txid" -gt "$now" ]; then
          log "$1 is at transaction $txid of $db, beyond the primary's $now: it holds another history"
          return 1
        fi
        return 0
      fi
    else
      txid=
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "$1 is stale: at transaction \${txid:-none} of $db after $3 s; the primary was at $2 when this run started"
      return 1
    fi
    sleep 1
  done
}`;

/**
 * Downloads one database export to a file. Prints the HTTP status on success (curl exited 0), which is also
 * when a 404 or 503 arrives; a transfer cut short is a curl error (exit 18), never a status.
 * `--speed-limit` ends a stalled transfer; the Job's active deadline bounds the whole step.
 */
const FETCH_EXPORT = `fetch_export() {
  curl -sS --connect-timeout 10 --speed-limit 1024 --speed-time 60 -o "$2" -w '%{http_code}' "$1/export?name=$db"
}`;

/** The backups' own snapshots in an rclone listing, one name a line, oldest first: never a hand-uploaded file. */
const SNAPSHOT_NAMES = `snapshot_names() { printf '%s\\n' "$1" | grep -E '${SNAPSHOT_NAME_ERE}' | sort; }`;

/** Sets `mode` from the SQLite header's journal-mode bytes (offsets 18 and 19): "1 1" rollback, "2 2" WAL. */
const JOURNAL_MODE = `journal_mode() {
  bytes=$(od -An -tu1 -j18 -N2 "$1" | tr -s ' \\n' '  ' | sed 's/^ *//; s/ *$//')
  case "$bytes" in
    '1 1') mode=delete ;;
    '2 2') mode=wal ;;
    *) fail "$2 has an unknown journal mode (header bytes 18-19: $bytes)" ;;
  esac
}`;

/**
 * The check every snapshot passes before it is uploaded or imported. It runs in the sqlite3 image
 * (`backup.sqliteImage`, see steps.ts): rclone's image is Alpine without sqlite3, and the check needs SQLite itself. Measured on LiteFS: a 0-byte file passes
 * \`PRAGMA integrity_check\` (and a failed import leaves an empty database that exports as 0 bytes), so size,
 * header and tables are checked too. The file is opened read-only as immutable: a plain -readonly open of a WAL
 * file leaves -wal and -shm files behind.
 */
const CHECK_SQLITE = `${JOURNAL_MODE}
check_sqlite() {
  [ -s "$1" ] || fail "$2 is empty (0 bytes); an empty file passes integrity_check, so it is refused"
  magic=$(od -An -tx1 -N16 "$1" | tr -d ' \\n')
  [ "$magic" = 53514c69746520666f726d6174203300 ] || fail "$2 is not an SQLite database (no 'SQLite format 3' header)"
  uri="file:$1?immutable=1"
  result=$(sqlite3 -readonly "$uri" 'PRAGMA integrity_check;' 2>&1) || true
  [ "$result" = ok ] || fail "$2 fails PRAGMA integrity_check: $(printf '%s\\n' "$result" | head -n 5)"
  tables=$(sqlite3 -readonly "$uri" "SELECT count(*) FROM sqlite_master WHERE type = 'table';")
  [ "$tables" -gt 0 ] || fail "$2 has no tables"
  journal_mode "$1" "$2"
  log "$2 is sound: $(wc -c < "$1" | tr -d ' ') bytes, $tables tables, journal mode $mode"
}`;

/** Turns the downloaded snapshot (`snapshot.download`, named in `snapshot.name`) into `snapshot.db`. */
const UNPACK = `[ -f snapshot.download ] || fail "no snapshot.download: the fetch step did not finish"
name=$(cat snapshot.name)
rm -f snapshot.db snapshot.db-wal snapshot.db-shm snapshot.db-journal
case "$name" in
  *.gz) gzip -t snapshot.download || fail "$name is not a whole gzip file"; gzip -dc snapshot.download > snapshot.db ;;
  *) mv snapshot.download snapshot.db ;;
esac`;

/**
 * Fresh means: the source has every transaction the primary had committed when the run started. Lag is no such
 * signal (a replica on another cluster id reports 0 and still serves its old copy), so each source must reach the
 * primary's transaction id within BACKUP_MAX_SOURCE_LAG_SECONDS, on the primary's cluster id; a stale one is
 * skipped for the next, and the run fails when none is fresh.
 */
const BACKUP_EXPORT = `STEP=export
${PRELUDE}
${POSITION}
${FOLLOWS}
${FETCH_EXPORT}
rm -f snapshot.db snapshot.part txid
# The snapshot is named for the time the export started: it holds what was committed before then.
date -u '${TIMESTAMP}' > timestamp
max_lag=\${BACKUP_MAX_SOURCE_LAG_SECONDS:?BACKUP_MAX_SOURCE_LAG_SECONDS is not set}
start=$(txid_of "$primary_url") || case $? in
  2) fail "the primary $primary_url has no position for $db (no litefs_db_txid series): is the database created yet? Nothing is uploaded" ;;
  *) fail "cannot read the primary's position at $primary_url/metrics: without it no snapshot can be shown to be fresh; nothing is uploaded" ;;
esac
log "the primary is at transaction $start of $db"
for ordinal in \${LITEFS_SOURCE_ORDINALS:?LITEFS_SOURCE_ORDINALS is not set}; do
  url=$(api_url "$ordinal")
  if [ "$ordinal" = "$primary" ]; then
    txid=$(txid_of "$url") || { log "cannot read $url's position"; continue; }
  elif ! follows "$url" "$start" "$max_lag"; then
    log "skipping $url: its copy of $db is not fresh"
    continue
  fi
  log "exporting $db from $url at transaction $txid"
  if code=$(fetch_export "$url" snapshot.part); then
    if [ "$code" = 200 ]; then
      mv snapshot.part snapshot.db
      printf '%s\\n' "$txid" > txid
      log "downloaded $(wc -c < snapshot.db | tr -d ' ') bytes from $url, transaction $txid or later"
      exit 0
    fi
    log "$url answered HTTP $code: $(head -c 200 snapshot.part)"
  else
    log "the download from $url failed (curl exit $?)"
  fi
  rm -f snapshot.part
done
fail "no pod served a fresh copy of $db; nothing is uploaded"`;

const BACKUP_CHECK = `STEP=check
${PRELUDE}
${CHECK_SQLITE}
[ -f snapshot.db ] || fail "no snapshot.db: the export step did not finish"
check_sqlite snapshot.db "the export of $db"
# gzip: an SQLite file shrinks several-fold, and gzip's CRC catches a snapshot damaged in storage or transfer.
gzip -c snapshot.db > snapshot.gz.part
gzip -t snapshot.gz.part
mv snapshot.gz.part snapshot${SNAPSHOT_SUFFIX}
log "compressed to $(wc -c < snapshot${SNAPSHOT_SUFFIX} | tr -d ' ') bytes"`;

/**
 * Retention deletes snapshots older than BACKUP_RETENTION, but never the newest BACKUP_KEEP_LAST: when backups
 * stop succeeding, the last good ones stay, whatever their age. rclone filter rules apply in order: the kept names
 * first (excluded), then every other .db.gz (pre-restore copies too), then nothing else.
 */
const BACKUP_UPLOAD = `STEP=upload
${PRELUDE}
${SNAPSHOT_NAMES}
dir=\${BACKUP_DIR:?BACKUP_DIR is not set}
[ -f snapshot${SNAPSHOT_SUFFIX} ] || fail "no checked snapshot: the check step did not pass"
[ -s txid ] || fail "no transaction id: the export step did not finish"
target="$dir/$(cat timestamp)-txid$(cat txid)${SNAPSHOT_SUFFIX}"
log "uploading to $target"
rclone copyto snapshot${SNAPSHOT_SUFFIX} "$target"
# Only after a successful upload, so the snapshot just made is never among those deleted.
retention=\${BACKUP_RETENTION:?BACKUP_RETENTION is not set}
keep=\${BACKUP_KEEP_LAST:?BACKUP_KEEP_LAST is not set}
listing=$(rclone lsf --files-only --max-depth 1 --include '*${SNAPSHOT_SUFFIX}' "$dir") || fail "cannot list $dir (rclone exit $?)"
set --
for name in $(snapshot_names "$listing" | tail -n "$keep"); do set -- "$@" --filter "- /$name"; done
log "deleting snapshots older than $retention in $dir, keeping the newest $keep whatever their age"
rclone delete --min-age "$retention" "$@" --filter '+ *${SNAPSHOT_SUFFIX}' --filter '- **' "$dir"
log "done: $target"`;

/**
 * The live database, exported before anything changes: it is the pre-restore copy, and its header says which
 * journal mode the snapshot must be brought into (a mismatch crashes every replica at the next write). Like the
 * backup's export it tries the next pod when one does not answer (a restore is when a replica is likely
 * crash-looping), and skips a replica that does not follow the primary; the primary's own 404 says there is none.
 */
const RESTORE_EXPORT_LIVE = `STEP=export-live
${PRELUDE}
${POSITION}
${FOLLOWS}
${FETCH_EXPORT}
rm -f live.db live.part
start=$(txid_of "$primary_url") || case $? in
  2) start= ;;
  *) fail "the primary $primary_url does not answer: the restore imports into it, so it cannot go on" ;;
esac
primary_says_none=
for ordinal in \${LITEFS_SOURCE_ORDINALS:?LITEFS_SOURCE_ORDINALS is not set}; do
  url=$(api_url "$ordinal")
  if [ "$ordinal" != "$primary" ]; then
    # Without a position on the primary there is no database there, and a replica's copy is not the live one.
    [ -n "$start" ] || continue
    follows "$url" "$start" "\${BACKUP_MAX_SOURCE_LAG_SECONDS:?BACKUP_MAX_SOURCE_LAG_SECONDS is not set}" || { log "skipping $url"; continue; }
  fi
  if code=$(fetch_export "$url" live.part); then
    case "$code" in
      200)
        mv live.part live.db
        log "saved the live $db from $url ($(wc -c < live.db | tr -d ' ') bytes)"
        exit 0 ;;
      404)
        log "$url has no $db"
        [ "$ordinal" != "$primary" ] || primary_says_none=yes ;;
      *) log "$url answered HTTP $code: $(head -c 200 live.part)" ;;
    esac
  else
    log "the export from $url failed (curl exit $?); trying the next pod"
  fi
  rm -f live.part
done
[ -n "$primary_says_none" ] ||
  fail "no pod served the live $db: without its journal mode (and a pre-restore copy) the restore cannot go on"
log "the primary has no $db yet: the restore creates it"`;

/** Downloads the snapshot to restore (`latest` or a path) from RESTORE_FROM_DIR, the app's own folder or another's. */
const FETCH_SNAPSHOT = `${SNAPSHOT_NAMES}
from=\${RESTORE_FROM_DIR:?RESTORE_FROM_DIR is not set}
rm -f snapshot.download
snapshot=\${RESTORE_SNAPSHOT:-latest}
if [ "$snapshot" = latest ]; then
  # Only the backups' own names, which sort by time: a hand-uploaded seed.db.gz is never "latest".
  listing=$(rclone lsf --files-only --max-depth 1 --include '*${SNAPSHOT_SUFFIX}' "$from") ||
    fail "cannot list $from (rclone exit $?): check backup.destination and the rclone Secret"
  snapshot=$(snapshot_names "$listing" | tail -n 1)
  [ -n "$snapshot" ] || fail "there is no snapshot in $from"
fi
case "/$snapshot/" in
  */../*|*/./*|//) fail "RESTORE_SNAPSHOT must be latest or a path below $from, got '$snapshot'" ;;
esac
log "downloading $from/$snapshot"
rclone copyto "$from/$snapshot" snapshot.download
printf '%s\\n' "$snapshot" > snapshot.name`;

const RESTORE_FETCH = `STEP=fetch
${PRELUDE}
${FETCH_SNAPSHOT}
if [ -s live.db ]; then
  saved="\${BACKUP_DIR:?BACKUP_DIR is not set}/${PRE_RESTORE_DIR}/$(date -u '${TIMESTAMP}')${SNAPSHOT_SUFFIX}"
  gzip -c live.db > live.gz.part
  rclone copyto live.gz.part "$saved"
  rm -f live.gz.part
  log "saved the live database before the restore: $saved"
fi`;

const RESTORE_CHECK = `STEP=check
${PRELUDE}
${CHECK_SQLITE}
${UNPACK}
# The journal mode the live database is in; none yet means rollback, which the app may later switch to WAL safely.
want=delete
if [ -s live.db ]; then
  # Only its header: a damaged live database is a reason to restore, not a reason to stop.
  journal_mode live.db "the live $db"
  want=$mode
fi
check_sqlite snapshot.db "snapshot $name"
if [ "$mode" != "$want" ]; then
  log "converting the snapshot from journal mode $mode to $want, the live database's"
  result=$(sqlite3 snapshot.db "PRAGMA journal_mode = $want;")
  [ "$result" = "$want" ] || fail "sqlite3 could not switch the snapshot to $want (it answered $result)"
  for side in snapshot.db-wal snapshot.db-shm snapshot.db-journal; do
    [ ! -e "$side" ] || fail "$side is left beside the converted snapshot"
  done
  check_sqlite snapshot.db "the converted snapshot"
  [ "$mode" = "$want" ] || fail "the converted snapshot is in journal mode $mode, not $want"
fi`;

/**
 * The import lands as one new transaction on the primary, which the replicas pull. What it imported is checked on
 * every pod within RESTORE_VERIFY_SECONDS: each must reach the primary's transaction id after the import, on the
 * primary's cluster id and not beyond it (a replica that stopped following would still serve its old copy), and
 * serve the snapshot's header format (page size, journal mode: a pod in another journal mode would crash at the
 * next write).
 */
const RESTORE_IMPORT = `STEP=import
${PRELUDE}
${POSITION}
${FOLLOWS}
[ -f snapshot.db ] || fail "no checked snapshot: the check step did not pass"
log "importing $(cat snapshot.name) into $db on $primary_url"
# -T streams the file; --data-binary would load it into memory.
code=$(curl -sS --connect-timeout 10 -o import.out -w '%{http_code}' -X POST -T snapshot.db "$primary_url/import?name=$db") ||
  fail "the import request to $primary_url failed (curl exit $?)"
[ "$code" = 200 ] || fail "$primary_url answered HTTP $code: $(head -c 200 import.out)"
imported=$(txid_of "$primary_url") || fail "cannot read the primary's position after the import"
log "the import is transaction $imported of $db on the primary"
want=$(od -An -tx1 -j16 -N8 snapshot.db | tr -d ' \\n')
verify=\${RESTORE_VERIFY_SECONDS:?RESTORE_VERIFY_SECONDS is not set}
replicas=\${LITEFS_REPLICAS:?LITEFS_REPLICAS is not set}
bad=0
ordinal=0
while [ "$ordinal" -lt "$replicas" ]; do
  pod=$(api_url "$ordinal")
  ordinal=$((ordinal + 1))
  if ! follows "$pod" "$imported" "$verify"; then
    log "$pod does not serve the restored $db"
    bad=$((bad + 1))
    continue
  fi
  format=$(curl -sS --connect-timeout 10 "$pod/export?name=$db" 2>/dev/null | od -An -tx1 -j16 -N8 | tr -d ' \\n') || format=
  if [ "$format" != "$want" ]; then
    log "$pod serves $db in another format (header bytes 16-23: $format, the snapshot's: $want)"
    bad=$((bad + 1))
    continue
  fi
  log "$pod serves the restored $db (transaction $txid, the snapshot's format)"
done
[ "$bad" -eq 0 ] || fail "$bad of $replicas pods do not serve the restored $db; see above"
log "done: $(cat snapshot.name) restored into $db on all $replicas pods"`;

/**
 * The restore drill's check: the snapshot, unpacked into a scratch file in the pod's own emptyDir, passes the same
 * checks as before an import; then its row count per table and its transaction id are printed (stdout, one
 * `key: value` a line). Nothing talks to LiteFS, so the live database is never touched.
 */
const DRILL_REPORT = `STEP=drill
${PRELUDE}
${CHECK_SQLITE}
${UNPACK}
check_sqlite snapshot.db "snapshot $name"
uri="file:snapshot.db?immutable=1"
txid=$(printf '%s\\n' "$name" | sed -n 's/.*-txid\\([0-9][0-9]*\\)\\.db\\.gz$/\\1/p')
printf 'snapshot: %s\\n' "$name"
printf 'transaction id: %s\\n' "\${txid:-unknown (a snapshot from before pulumi-litefs recorded it)}"
printf 'bytes: %s\\n' "$(wc -c < snapshot.db | tr -d ' ')"
printf 'journal mode: %s\\n' "$mode"
sqlite3 -readonly "$uri" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;" |
  while IFS= read -r table; do
    quoted=$(printf '%s' "$table" | sed 's/"/""/g')
    printf 'rows in %s: %s\\n' "$table" "$(sqlite3 -readonly "$uri" "SELECT count(*) FROM \\"$quoted\\";")"
  done
log "done: $name is sound; the live $db was not touched"`;

/** The scripts, by step: what `steps.ts` puts in containers and the ConfigMap holds. */
export const SCRIPTS = {
    "backup-export.sh": BACKUP_EXPORT,
    "backup-check.sh": BACKUP_CHECK,
    "backup-upload.sh": BACKUP_UPLOAD,
    "restore-export-live.sh": RESTORE_EXPORT_LIVE,
    "restore-fetch.sh": RESTORE_FETCH,
    "restore-check.sh": RESTORE_CHECK,
    "restore-import.sh": RESTORE_IMPORT,
    "drill-fetch.sh": `STEP=fetch\n${PRELUDE}\n${FETCH_SNAPSHOT}`,
    "drill-report.sh": DRILL_REPORT,
} as const;

export type ScriptName = keyof typeof SCRIPTS;
