/** The defaults of `backup` and the fixed settings of the backup CronJob and the restore Job. */
import type { BackupImages, BackupSource } from "./target";

export const BACKUP_DEFAULTS = {
    retention: "30d",
    from: "replica" as BackupSource,
    suspend: false,
    /**
     * Each tool's own image, pinned by version (fully qualified: CRI-O refuses short names). All three are
     * Alpine, so `sh` is busybox ash; the tools tests run every script under busybox too.
     */
    images: {
        rclone: "docker.io/rclone/rclone:1.69.1",
        sqlite: "docker.io/keinos/sqlite3:3.47.2",
        curl: "docker.io/curlimages/curl:8.11.1",
    } satisfies BackupImages,
} as const;

/** Fixed settings of the pods, Jobs and CronJob; not arguments. */
export const BACKUP_JOB = {
    /** Snapshot names are UTC, so the schedule is too, whatever the controller's zone. */
    timeZone: "Etc/UTC",
    /** A run that could not start within 10 minutes of its time is skipped (and counted missed) rather than run late. */
    startingDeadlineSeconds: 600,
    successfulJobsHistoryLimit: 3,
    /** Failed runs are kept for their logs. */
    failedJobsHistoryLimit: 3,
    /** Two retries: a replica restarting or a store hiccup should not page anyone. */
    backoffLimit: 2,
    /** A restore is never retried by itself: its log is read first. */
    restoreBackoffLimit: 0,
    /** One hour for export, check and upload of a large database; then the run fails visibly. */
    activeDeadlineSeconds: 3600,
    /** Non-root; the images' own users differ (curl_user, sqlite, root in rclone's), so one is set for all. */
    uid: 65532,
    /** Where the steps share files: an emptyDir. */
    workDir: "/work",
    /** Where the scripts ConfigMap is mounted. */
    scriptsDir: "/scripts",
    resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "512Mi" } },
} as const;
