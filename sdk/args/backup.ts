/** Scheduled backups (`plan/backup.ts`). */
export interface BackupFieldArgs {
    /**
     * Scheduled backups to object storage: a CronJob `<name>-backup` exports the database from a replica,
     * checks it and uploads it with rclone; the `restoreCommands` output restores one. Default: no backups.
     */
    backup?: BackupArgs;
}

/**
 * Scheduled snapshots of the database, uploaded with rclone to `<destination>/<database>/<UTC time>.db.gz`.
 * Each is checked before upload (non-empty, SQLite header, `PRAGMA integrity_check`, tables). There is no
 * point-in-time restore: a restore brings back one snapshot.
 */
export interface BackupArgs {
    /** When to back up: a cron expression in UTC (5 fields, or a macro such as "@daily"), e.g. "0 * * * *" for hourly. */
    schedule: string;
    /** The rclone remote path snapshots go under, `<remote>:<bucket>/<folder>`, e.g. "s3:my-bucket/abaci". */
    destination: string;
    /**
     * An existing Secret in the namespace whose keys are `RCLONE_CONFIG_<REMOTE>_<KEY>` variables configuring the
     * remote of `destination` (e.g. `RCLONE_CONFIG_S3_TYPE`). Only the rclone steps see it.
     */
    rcloneConfigSecret: string;
    /** Snapshots older than this (an rclone duration of at least an hour, e.g. "30d" or "12w") are deleted after each upload. Default: "30d". */
    retention?: string;
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
