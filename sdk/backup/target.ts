/**
 * What the backup CronJob, the restore Job and the restore commands need to know about one app's backups, and
 * the environment each step's script reads (`STEP_ENV`), computed here once for both pods.
 */
import type { AppNames } from "../naming";
import { STEP_ENV } from "./scripts";
import type { Tool } from "./steps";

/** Which pod a backup exports from. */
export type BackupSource = "replica" | "primary";

/** The image each tool's steps run in. */
export type BackupImages = Readonly<Record<Tool, string>>;

export interface BackupTarget {
    readonly name: string;
    readonly names: AppNames;
    readonly replicas: number;
    readonly database: string;
    readonly apiPort: number;
    /** A standard cron expression (5 fields or a macro such as `@daily`), in UTC. */
    readonly schedule: string;
    /** rclone remote path; snapshots go to `<destination>/<database>/`. */
    readonly destination: string;
    /** The existing Secret with `RCLONE_CONFIG_<REMOTE>_<KEY>` keys. */
    readonly rcloneConfigSecret: string;
    /** rclone duration, e.g. `30d`. */
    readonly retention: string;
    readonly from: BackupSource;
    readonly suspend: boolean;
    readonly images: BackupImages;
    readonly imagePullSecrets: readonly string[];
    /** The app's own extra labels, put on the backup objects too. */
    readonly labels: Readonly<Record<string, string>>;
}

/** A pod's LiteFS API base URL; tests point it at their stand-in servers. */
export type ApiUrl = (ordinal: number) => string;

export function clusterApiUrl(target: BackupTarget): ApiUrl {
    return (ordinal) => `http://${target.names.podFqdn(ordinal)}:${target.apiPort}`;
}

/**
 * The pods a backup exports from, in order. From a replica: the highest ordinal first (the one a scale-down
 * removes last is the least likely to be mid-restart), then the others down to pod-1, never pod-0, whose export
 * would hold a write lock for the whole transfer. With one pod, or `from: "primary"`, pod-0 alone.
 */
export function backupSources(target: Pick<BackupTarget, "replicas" | "from">): number[] {
    if (target.from === "primary" || target.replicas === 1) return [0];
    return Array.from({ length: target.replicas - 1 }, (_, i) => target.replicas - 1 - i);
}

/** The pods a restore reads the live database from: the replicas first, pod-0 last (a restore stops writes anyway). */
export function restoreSources(target: Pick<BackupTarget, "replicas">): number[] {
    return Array.from({ length: target.replicas }, (_, i) => target.replicas - 1 - i);
}

const urls = (ordinals: number[], apiUrl: ApiUrl) => ordinals.map(apiUrl).join(" ");

/** The backup steps' environment. */
export function backupEnv(target: BackupTarget, apiUrl: ApiUrl = clusterApiUrl(target)): Record<string, string> {
    return {
        [STEP_ENV.database]: target.database,
        [STEP_ENV.sourceUrls]: urls(backupSources(target), apiUrl),
        [STEP_ENV.destination]: target.destination,
        [STEP_ENV.retention]: target.retention,
    };
}

/** The restore steps' environment, for `snapshot`: `latest` or a path below `<destination>/<database>/`. */
export function restoreEnv(target: BackupTarget, snapshot: string, apiUrl: ApiUrl = clusterApiUrl(target)): Record<string, string> {
    const all = Array.from({ length: target.replicas }, (_, i) => i);
    return {
        [STEP_ENV.database]: target.database,
        [STEP_ENV.sourceUrls]: urls(restoreSources(target), apiUrl),
        [STEP_ENV.importUrl]: apiUrl(0),
        [STEP_ENV.podUrls]: urls(all, apiUrl),
        [STEP_ENV.destination]: target.destination,
        [STEP_ENV.snapshot]: snapshot,
    };
}
