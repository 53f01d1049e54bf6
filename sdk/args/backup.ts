/** Scheduled backups (`plan/backup.ts`). */
export interface BackupFieldArgs {
    /**
     * Scheduled backups to object storage: a CronJob `<name>-backup` exports the database from a replica,
     * checks it and uploads it with rclone; the `restoreCommands` output restores one. Default: no backups.
     */
    backup?: BackupArgs;
}

/**
 * Scheduled snapshots of the database, uploaded with rclone to
 * `<destination>/<namespace>/<name>/<database>/<UTC time>-txid<transaction id>.db.gz` (docs/backups.md). Each is
 * read from a replica that has caught up with the primary, and checked before upload (non-empty, SQLite header,
 * `PRAGMA integrity_check`, tables). There is no point-in-time restore: a restore brings back one snapshot.
 */
export interface BackupArgs {
    /**
     * When to back up: a cron expression in UTC (5 fields, or a macro such as "@daily"), e.g. "0 * * * *" for hourly.
     * A schedule that never runs (30 February) is refused; one more often than every 15 minutes warns.
     */
    schedule: string;
    /**
     * The rclone remote path snapshots go under, `<remote>:<bucket>/<folder>`, e.g. "s3:my-bucket/backups"; each app's
     * snapshots go to `<namespace>/<name>/<database>/` below it. A bucket is required: with "s3:" rclone would
     * make a bucket of the namespace.
     */
    destination: string;
    /**
     * An existing Secret in the namespace whose keys are `RCLONE_CONFIG_<REMOTE>_<KEY>` variables configuring the
     * remote of `destination` (e.g. `RCLONE_CONFIG_S3_TYPE`). Only the rclone steps see it.
     */
    rcloneConfigSecret: string;
    /**
     * Snapshots older than this (an rclone duration of at least an hour, e.g. "30d" or "12w") are deleted after each
     * upload, except the newest `keepLast`. Default: "30d".
     */
    retention?: string;
    /** Retention never deletes the newest this many snapshots, whatever their age (a whole number from 1). Default: 3. */
    keepLast?: number;
    /**
     * Seconds a replica may take to reach the transaction id the primary had when the run started. A replica that
     * doesn't (or is on another cluster id, or ahead of the primary) is stale: it is skipped for the next, and the
     * run fails when none is fresh (a whole number from 1 to 600). Default: 30.
     */
    maxSourceLagSeconds?: number;
    /**
     * Which pod to export from: "replica" (the highest ordinal, then the next lower ones; pod-0 when replicas
     * is 1, with a warning) or "primary" (pod-0, whose export holds a write lock while it streams). Default: "replica".
     */
    from?: BackupSource;
    /** An image with rclone, for the upload (and a restore's download). Default: "docker.io/rclone/rclone:1.69.1". */
    image?: string;
    /** An image with sqlite3, which checks each snapshot (rclone's image has none). Default: "docker.io/keinos/sqlite3:3.47.2". */
    sqliteImage?: string;
    /** An image with curl, which talks to LiteFS's export and import endpoints. Default: "docker.io/curlimages/curl:8.11.1". */
    curlImage?: string;
    /** Pause the schedule; nothing is deleted. Default: false. */
    suspend?: boolean;
}

/** Which pod a backup exports from; see `BackupArgs.from`. */
export const BackupSource = {
    /** The highest-ordinal replica (the next lower ones if it doesn't answer); pod-0 only when replicas is 1. */
    Replica: "replica",
    /** Pod-0: its export holds a write lock while it streams, so writes wait. */
    Primary: "primary",
} as const;
export type BackupSource = (typeof BackupSource)[keyof typeof BackupSource];
