/**
 * The shell scripts of a backup and of a restore, one per step (each step is one container, in the image of the
 * tool it needs: see `steps.ts`). POSIX sh only: every image here is Alpine, so /bin/sh is busybox ash.
 *
 * The scripts are constant text: every value comes from environment variables that the pod sets (`STEP_ENV`),
 * so nothing is ever quoted into shell code. They share one work directory (an emptyDir at `$WORK`) and hand
 * over files there: a step never pipes a download into an upload, so a failed download can't become a
 * 0-byte snapshot. Any failure exits non-zero, which fails the pod, the Job and, for `kubectl get cronjob`
 * and alerts, the run.
 */

/** The environment variables the scripts read. */
export const STEP_ENV = {
    /** The database file name, as LiteFS serves it (`args.database`). */
    database: "LITEFS_DATABASE",
    /**
     * A pod's LiteFS API base URL, as a printf format with one `%d` for the ordinal (through the headless
     * Service's DNS name). One pattern rather than a list keeps the pods' specs the same size for any replicas.
     */
    apiUrl: "LITEFS_API_URL",
    /** The number of pods; pod-0 is the primary. */
    replicas: "LITEFS_REPLICAS",
    /**
     * The ordinals the import is sent to, in order: the static primary alone, or under failover every pod, of which
     * only the lease holder accepts (a replica answers 503 before it reads the upload: http/server.go handlePostImport).
     */
    importOrdinals: "LITEFS_IMPORT_ORDINALS",
    /** The ordinals to export from, in order of preference, space-separated. */
    sourceOrdinals: "LITEFS_SOURCE_ORDINALS",
    /** The rclone remote path snapshots live under (`backup.destination`). */
    destination: "BACKUP_DESTINATION",
    /** Snapshots older than this are deleted after each upload (`backup.retention`, an rclone duration). */
    retention: "BACKUP_RETENTION",
    /** `latest`, or a snapshot's path below `<destination>/<database>/` as the list command prints it. */
    snapshot: "RESTORE_SNAPSHOT",
    /** The work directory the steps share. */
    work: "WORK",
} as const;

/** The name of a snapshot: its UTC start time, which sorts by time (no ":", which some stores and Windows refuse). */
export const SNAPSHOT_SUFFIX = ".db.gz";
/** `date -u` format of a snapshot's name. */
const TIMESTAMP = "+%Y-%m-%dT%H-%M-%SZ";
/** Where a restore keeps the copy of the live database it replaces, below `<destination>/<database>/`. */
export const PRE_RESTORE_DIR = "pre-restore";

const PRELUDE = `set -eu
log() { printf 'pulumi-litefs %s: %s\\n' "$STEP" "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }
work=\${WORK:?WORK is not set}
db=\${LITEFS_DATABASE:?LITEFS_DATABASE is not set}
cd "$work"
api_url() { printf "\${LITEFS_API_URL:?LITEFS_API_URL is not set}" "$1"; }`;

/** `<destination>/<database>`, joined as rclone expects (`remote:` and `remote:dir/` need no extra "/"). */
const SNAPSHOT_DIR = `dest=\${BACKUP_DESTINATION:?BACKUP_DESTINATION is not set}
case "$dest" in
  *:|*/) dir="$dest$db" ;;
  *) dir="$dest/$db" ;;
esac`;

/**
 * Downloads one database export to a file. Prints the HTTP status on success (curl exited 0), which is also
 * when a 404 or 503 arrives; a transfer cut short is a curl error (exit 18), never a status.
 * `--speed-limit` ends a stalled transfer; the Job's active deadline bounds the whole step.
 */
const FETCH_EXPORT = `fetch_export() {
  curl -sS --connect-timeout 10 --speed-limit 1024 --speed-time 60 -o "$2" -w '%{http_code}' "$1/export?name=$db"
}`;

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

const BACKUP_EXPORT = `STEP=export
${PRELUDE}
${FETCH_EXPORT}
rm -f snapshot.db snapshot.part
# The snapshot is named for the time the export started: it holds what was committed before then.
date -u '${TIMESTAMP}' > timestamp
for ordinal in \${LITEFS_SOURCE_ORDINALS:?LITEFS_SOURCE_ORDINALS is not set}; do
  url=$(api_url "$ordinal")
  log "exporting $db from $url"
  if code=$(fetch_export "$url" snapshot.part); then
    if [ "$code" = 200 ]; then
      mv snapshot.part snapshot.db
      log "downloaded $(wc -c < snapshot.db | tr -d ' ') bytes from $url"
      exit 0
    fi
    log "$url answered HTTP $code: $(head -c 200 snapshot.part)"
  else
    log "the download from $url failed (curl exit $?)"
  fi
  rm -f snapshot.part
done
fail "no pod served $db; nothing is uploaded"`;

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

const BACKUP_UPLOAD = `STEP=upload
${PRELUDE}
${SNAPSHOT_DIR}
[ -f snapshot${SNAPSHOT_SUFFIX} ] || fail "no checked snapshot: the check step did not pass"
target="$dir/$(cat timestamp)${SNAPSHOT_SUFFIX}"
log "uploading to $target"
rclone copyto snapshot${SNAPSHOT_SUFFIX} "$target"
# Only after a successful upload, so the snapshot just made is never among those deleted.
retention=\${BACKUP_RETENTION:?BACKUP_RETENTION is not set}
log "deleting snapshots older than $retention in $dir"
rclone delete --min-age "$retention" --include '*${SNAPSHOT_SUFFIX}' "$dir"
log "done: $target"`;

const RESTORE_EXPORT_LIVE = `STEP=export-live
${PRELUDE}
${FETCH_EXPORT}
rm -f live.db live.part
# The live database, exported before anything changes: it is the pre-restore copy, and its header says which
# journal mode the snapshot must be brought into (a mismatch crashes every replica at the next write).
for ordinal in \${LITEFS_SOURCE_ORDINALS:?LITEFS_SOURCE_ORDINALS is not set}; do
  url=$(api_url "$ordinal")
  if code=$(fetch_export "$url" live.part); then
    case "$code" in
      200)
        mv live.part live.db
        log "saved the live $db from $url ($(wc -c < live.db | tr -d ' ') bytes)"
        exit 0 ;;
      404) log "$url has no $db" ;;
      *) fail "$url answered HTTP $code: $(head -c 200 live.part)" ;;
    esac
  else
    fail "the export from $url failed (curl exit $?); without the live database's journal mode the restore cannot go on"
  fi
  rm -f live.part
done
log "no pod has $db yet: the restore creates it"`;

const RESTORE_FETCH = `STEP=fetch
${PRELUDE}
${SNAPSHOT_DIR}
rm -f snapshot.download
snapshot=\${RESTORE_SNAPSHOT:-latest}
if [ "$snapshot" = latest ]; then
  # Only the backups' own names, which sort by time: a hand-uploaded seed.db.gz is never "latest".
  listing=$(rclone lsf --files-only --max-depth 1 --include '*${SNAPSHOT_SUFFIX}' "$dir") ||
    fail "cannot list $dir (rclone exit $?): check backup.destination and the rclone Secret"
  snapshot=$(printf '%s\\n' "$listing" | grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}Z\\.db\\.gz$' | sort | tail -n 1)
  [ -n "$snapshot" ] || fail "there is no snapshot in $dir"
fi
case "/$snapshot/" in
  */../*|*/./*|//) fail "RESTORE_SNAPSHOT must be latest or a path below $dir, got '$snapshot'" ;;
esac
log "downloading $dir/$snapshot"
rclone copyto "$dir/$snapshot" snapshot.download
printf '%s\\n' "$snapshot" > snapshot.name
if [ -s live.db ]; then
  saved="$dir/${PRE_RESTORE_DIR}/$(date -u '${TIMESTAMP}')${SNAPSHOT_SUFFIX}"
  gzip -c live.db > live.gz.part
  rclone copyto live.gz.part "$saved"
  rm -f live.gz.part
  log "saved the live database before the restore: $saved"
fi`;

const RESTORE_CHECK = `STEP=check
${PRELUDE}
${CHECK_SQLITE}
[ -f snapshot.download ] || fail "no snapshot.download: the fetch step did not finish"
name=$(cat snapshot.name)
rm -f snapshot.db snapshot.db-wal snapshot.db-shm snapshot.db-journal
case "$name" in
  *.gz) gzip -t snapshot.download || fail "$name is not a whole gzip file"; gzip -dc snapshot.download > snapshot.db ;;
  *) mv snapshot.download snapshot.db ;;
esac
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

const RESTORE_IMPORT = `STEP=import
${PRELUDE}
[ -f snapshot.db ] || fail "no checked snapshot: the check step did not pass"
code=
for ordinal in \${LITEFS_IMPORT_ORDINALS:?LITEFS_IMPORT_ORDINALS is not set}; do
  url=$(api_url "$ordinal")
  log "importing $(cat snapshot.name) into $db on $url"
  # -T streams the file; --data-binary would load it into memory.
  code=$(curl -sS --connect-timeout 10 -o import.out -w '%{http_code}' -X POST -T snapshot.db "$url/import?name=$db") ||
    fail "the import request to $url failed (curl exit $?)"
  [ "$code" = 503 ] || break
  log "$url is not the primary (HTTP 503: $(head -c 100 import.out))"
done
[ "$code" = 200 ] || fail "$url answered HTTP $code: $(head -c 200 import.out)"
# The import is one new transaction that the replicas pull. Wait until every pod serves a database with the
# snapshot's header format (page size, journal mode): a pod in another journal mode would crash at the next write.
want=$(od -An -tx1 -j16 -N8 snapshot.db | tr -d ' \\n')
replicas=\${LITEFS_REPLICAS:?LITEFS_REPLICAS is not set}
ordinal=0
while [ "$ordinal" -lt "$replicas" ]; do
  pod=$(api_url "$ordinal")
  ordinal=$((ordinal + 1))
  tries=0
  until [ "$(curl -sS --connect-timeout 10 "$pod/export?name=$db" 2>/dev/null | od -An -tx1 -j16 -N8 | tr -d ' \\n')" = "$want" ]; do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || fail "$pod does not serve the snapshot's format (header bytes 16-23) after 2 minutes"
    sleep 2
  done
  log "$pod serves the snapshot's format"
done
log "done: $(cat snapshot.name) restored into $db"`;

/** The scripts, by step: what `steps.ts` puts in containers and the ConfigMap holds. */
export const SCRIPTS = {
    "backup-export.sh": BACKUP_EXPORT,
    "backup-check.sh": BACKUP_CHECK,
    "backup-upload.sh": BACKUP_UPLOAD,
    "restore-export-live.sh": RESTORE_EXPORT_LIVE,
    "restore-fetch.sh": RESTORE_FETCH,
    "restore-check.sh": RESTORE_CHECK,
    "restore-import.sh": RESTORE_IMPORT,
} as const;

export type ScriptName = keyof typeof SCRIPTS;
