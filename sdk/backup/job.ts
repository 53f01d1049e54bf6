/** Fixed settings of the backup CronJob, the restore Job and their pods: not arguments (those are in plan/defaults.ts). */
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
    /** How long a restore waits for every pod to have applied the import (a replica catches up in seconds). */
    restoreVerifySeconds: 120,
    /** Non-root; the images' own users differ (curl_user, sqlite, root in rclone's), so one is set for all. */
    uid: 65532,
    /** Where the steps share files: an emptyDir. */
    workDir: "/work",
    /** Where the scripts ConfigMap is mounted. */
    scriptsDir: "/scripts",
    resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "512Mi" } },
} as const;
