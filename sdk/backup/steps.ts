/**
 * The steps of a backup and of a restore: each is one container running one script of `scripts.ts` in the image
 * of the one tool it needs. The images are the tools' own small Alpine images, and none holds all three tools:
 * rclone's image (`backup.image`) has no sqlite3 and no curl, so the SQLite check runs in an sqlite3 image and
 * the HTTP calls to LiteFS in curl's. Only the rclone steps get the rclone Secret; only the curl steps talk to
 * LiteFS. The CronJob and the restore Job run the steps in order (init containers, then the last as the main
 * container), sharing one work directory; the tools tests run the same scripts, in the same order, under `sh`.
 */
import type { BackupTool } from "../plan";
import { STEP_ENV, type ScriptName } from "./scripts";

type StepEnv = (typeof STEP_ENV)[keyof typeof STEP_ENV];

export interface Step {
    /** The container's name. */
    readonly name: string;
    readonly tool: BackupTool;
    readonly script: ScriptName;
    /** The variables of `STEP_ENV` its script reads (besides WORK): a container gets only these. */
    readonly reads: readonly StepEnv[];
}

const { database, apiUrl, replicas, primaryOrdinal, sourceOrdinals, maxSourceLag, snapshotDir, retention, keepLast } = STEP_ENV;
const { snapshot, restoreFrom, verifySeconds } = STEP_ENV;
/** What every step that reads a node's position needs. */
const POSITION = [database, apiUrl, primaryOrdinal] as const;

/**
 * Export a fresh copy from a pod (one that has reached the primary's position), check the file is a sound SQLite
 * database and compress it, upload it and apply retention.
 */
export const BACKUP_STEPS: readonly Step[] = [
    { name: "export", tool: "curl", script: "backup-export.sh", reads: [...POSITION, sourceOrdinals, maxSourceLag] },
    { name: "check", tool: "sqlite", script: "backup-check.sh", reads: [database] },
    { name: "upload", tool: "rclone", script: "backup-upload.sh", reads: [database, snapshotDir, retention, keepLast] },
];

/**
 * Save the live database (its journal mode decides the snapshot's), download the snapshot and upload the
 * pre-restore copy, check and convert the snapshot, import it into the primary and check that every pod has applied it.
 */
export const RESTORE_STEPS: readonly Step[] = [
    { name: "export-live", tool: "curl", script: "restore-export-live.sh", reads: [...POSITION, sourceOrdinals, maxSourceLag] },
    { name: "fetch", tool: "rclone", script: "restore-fetch.sh", reads: [database, snapshotDir, restoreFrom, snapshot] },
    { name: "check", tool: "sqlite", script: "restore-check.sh", reads: [database] },
    { name: "import", tool: "curl", script: "restore-import.sh", reads: [...POSITION, replicas, verifySeconds] },
];

/**
 * The restore drill: download the snapshot into the pod's own work directory, check it and report its row counts
 * and transaction id. No step talks to LiteFS or writes to the store: the live database is never touched.
 */
export const DRILL_STEPS: readonly Step[] = [
    { name: "fetch", tool: "rclone", script: "drill-fetch.sh", reads: [database, restoreFrom, snapshot] },
    { name: "report", tool: "sqlite", script: "drill-report.sh", reads: [database] },
];
