/** Backups: when they run, where snapshots go, how long they stay, which pod they are read from, the images. */
import { BackupSource, type LiteFsAppArgs } from "../args";
import { cronError, cronGaps } from "../validation/cron";
import type { Problem } from "../validation/problem";
import { rcloneDurationSeconds, remoteNameFix, remotePathError } from "../validation/rclone";
import * as rules from "../validation/rules";
import { isPlainObject, shown } from "../validation/values";
import { DEFAULTS } from "./defaults";
import type { BackupPlan, PlanContext, Planned } from "./model";

/**
 * A run may take up to its Job's active deadline (an hour, `BACKUP_JOB` in backup/job.ts; a test keeps the two
 * in step): a shorter retention could delete the snapshot it just uploaded.
 */
export const MIN_RETENTION_SECONDS = 3600;
/** A schedule that runs more often than this warns: each run exports the whole database. */
export const MIN_QUIET_SCHEDULE_MINUTES = 15;
/**
 * The default `metrics.thresholds.backupMaxAgeHours` adds this to the schedule's longest interval: a run may take
 * up to its Job's active deadline (an hour), and one more hour keeps a slow store from paging anyone.
 */
export const BACKUP_MAX_AGE_MARGIN_HOURS = 2;

/** The schedule's longest interval between two runs in hours (rounded up), or undefined when it is not valid or never runs. */
export function scheduleIntervalHours(schedule: unknown): number | undefined {
    if (cronError(schedule) !== undefined) return undefined;
    const gaps = cronGaps(schedule as string);
    return gaps && Math.ceil(gaps.longestMinutes / 60);
}

/** `LiteFSBackupTooOld`'s default threshold: the schedule's longest interval plus the margin (26 hours for a daily schedule). */
export function defaultBackupMaxAgeHours(schedule: unknown): number {
    return (scheduleIntervalHours(schedule) ?? 24) + BACKUP_MAX_AGE_MARGIN_HOURS;
}

/** Kubernetes allows CronJob names of at most 52 characters (its Jobs add 11), and this one is `<name>-backup`. */
export const MAX_NAME_WITH_BACKUP = 52 - "-backup".length;

/** The backup settings, when `backup` is given (null counts as absent, as for every argument). */
export function planBackup(args: LiteFsAppArgs, ctx: PlanContext): Planned<BackupPlan | undefined> {
    const backup: unknown = args.backup;
    // Anything but an object is refused by the argument shape (rule args-unknown).
    if (!isPlainObject(backup)) return { value: undefined, problems: [] };
    const problems: Problem[] = [];
    if (ctx.name.length > MAX_NAME_WITH_BACKUP)
        problems.push({
            rule: "backup-name-length",
            path: "name",
            message: `is ${ctx.name.length} characters; with backup it may have at most ${MAX_NAME_WITH_BACKUP}: Kubernetes allows CronJob names of at most 52, and the backup CronJob is <name>-backup.`,
            fix: "choose a shorter instance name.",
        });

    const schedule = backup.schedule;
    const scheduleError = cronError(schedule);
    if (scheduleError)
        problems.push({
            rule: "backup-schedule",
            path: "args.backup.schedule",
            message: `is not a cron schedule: ${scheduleError}, got ${shown(schedule)}.`,
            fix: 'five fields, minute hour day-of-month month day-of-week, in UTC: e.g. "0 * * * *" (hourly), "30 2 * * *" (daily at 02:30), or "@daily".',
        });
    else if (cronGaps(schedule as string) === undefined)
        problems.push({
            rule: "backup-schedule-never",
            path: "args.backup.schedule",
            message: `(${JSON.stringify(schedule)}) never runs: no month has that day (Kubernetes accepts it, and the CronJob never starts a backup).`,
            fix: 'a day every chosen month has, e.g. "30 2 28 * *" (the 28th of every month at 02:30), or "@daily".',
        });

    const destination = backup.destination;
    const destinationError = remotePathError(destination);
    const renamed = remoteNameFix(destination);
    if (destinationError)
        problems.push({
            rule: "backup-destination",
            path: "args.backup.destination",
            message: `${destination === undefined ? "is required" : `is not an rclone remote path: ${destinationError}`}, got ${shown(destination)}.`,
            fix: renamed
                ? `write "${renamed}", and name the Secret's keys RCLONE_CONFIG_${renamed.split(":")[0].toUpperCase()}_* to match.`
                : 'the remote name (as in the Secret\'s RCLONE_CONFIG_<REMOTE>_* keys), a colon, then the bucket and folder: e.g. "s3:my-bucket/app".',
            ...(renamed && { suggestion: { path: "args.backup.destination", value: renamed } }),
        });
    else if (/^[A-Za-z0-9_]+:\/*$/.test(destination as string))
        problems.push({
            rule: "backup-destination-bucket",
            path: "args.backup.destination",
            message: `(${JSON.stringify(destination)}) has no bucket or folder after the remote name: rclone would take the first folder of the snapshot path (the namespace) as the bucket, or write to the store's root.`,
            fix: `name the bucket (and a folder if you like) after the colon, e.g. "${(destination as string).replace(/:.*$/, "")}:my-bucket/backups".`,
        });

    const secret = backup.rcloneConfigSecret;
    if (secret === undefined || secret === "")
        problems.push({
            rule: "backup-secret",
            path: "args.backup.rcloneConfigSecret",
            message: "is required: the name of the Secret in the namespace whose keys are RCLONE_CONFIG_<REMOTE>_<KEY> variables.",
            fix: 'create it (see docs/backups.md, "The rclone Secret") and pass its name, e.g. "app-backup-rclone".',
        });
    else problems.push(...rules.dnsSubdomain(secret, "args.backup.rcloneConfigSecret", "backup-secret"));

    const retention = backup.retention ?? DEFAULTS["backup.retention"];
    const seconds = rcloneDurationSeconds(retention);
    if (seconds === undefined || seconds < MIN_RETENTION_SECONDS)
        problems.push({
            rule: "backup-retention",
            path: "args.backup.retention",
            message:
                seconds === undefined
                    ? `is not an rclone duration, got ${shown(retention)}.`
                    : `(${JSON.stringify(retention)}) is shorter than an hour: a run may take that long, and could then delete the snapshot it just uploaded.`,
            fix: `a number and a unit (s, m, h, d, w, M, y), e.g. "${DEFAULTS["backup.retention"]}" or "12w".`,
            suggestion: { path: "args.backup.retention", value: DEFAULTS["backup.retention"] },
        });

    const keepLast = backup.keepLast ?? DEFAULTS["backup.keepLast"];
    problems.push(
        ...rules.wholeNumber(keepLast, "args.backup.keepLast", "backup-keep-last", 1).map((p) => ({
            ...p,
            fix: p.fix.startsWith("write")
                ? p.fix
                : `e.g. ${DEFAULTS["backup.keepLast"]} (the default): retention never deletes the newest this many snapshots.`,
        })),
    );
    const maxSourceLagSeconds = backup.maxSourceLagSeconds ?? DEFAULTS["backup.maxSourceLagSeconds"];
    problems.push(
        ...rules.wholeNumber(maxSourceLagSeconds, "args.backup.maxSourceLagSeconds", "backup-max-source-lag", 1, 600).map((p) => ({
            ...p,
            fix: p.fix.startsWith("write")
                ? p.fix
                : `e.g. ${DEFAULTS["backup.maxSourceLagSeconds"]} (the default): a healthy replica reaches the primary's position within a second or two.`,
        })),
    );

    const from = backup.from ?? DEFAULTS["backup.from"];
    problems.push(...rules.oneOf(from, "args.backup.from", "backup-from", Object.values(BackupSource)));
    problems.push(...rules.boolean(backup.suspend, "args.backup.suspend", "boolean-args"));

    const image = (key: "image" | "sqliteImage" | "curlImage", tool: string): string => {
        const path = `backup.${key}` as const;
        const value = backup[key] ?? DEFAULTS[path];
        const fix = `an image with ${tool}, pinned by version or digest; leave it out for "${DEFAULTS[path]}".`;
        problems.push(...rules.pinnedImage(value, `args.${path}`, "backup-image", fix));
        return text(value);
    };
    const images = { rclone: image("image", "rclone"), sqlite: image("sqliteImage", "sqlite3"), curl: image("curlImage", "curl") };
    return {
        value: {
            schedule: text(schedule),
            destination: text(destination),
            rcloneConfigSecret: text(secret),
            retention: text(retention),
            keepLast: Number(keepLast),
            maxSourceLagSeconds: Number(maxSourceLagSeconds),
            from: from === BackupSource.Primary ? BackupSource.Primary : BackupSource.Replica,
            suspend: backup.suspend === true,
            images,
        },
        problems,
    };
}

/** A value that has passed its rule (the plan is only used when none failed). */
function text(value: unknown): string {
    return typeof value === "string" ? value : String(value);
}

/**
 * The warnings of a valid backup plan: a schedule that runs more often than every 15 minutes, and a backup that
 * must read pod-0 (its export holds a write lock while it streams).
 */
export function backupWarnings(plan: { readonly replicas: number; readonly backup?: BackupPlan }): string[] {
    if (plan.backup === undefined) return [];
    const warnings: string[] = [];
    const gaps = cronGaps(plan.backup.schedule);
    if (gaps && gaps.shortestMinutes < MIN_QUIET_SCHEDULE_MINUTES)
        warnings.push(
            `backup.schedule "${plan.backup.schedule}" runs ${gaps.shortestMinutes === 1 ? "every minute" : `${gaps.shortestMinutes} minutes apart`} at times: ` +
                `each run exports and uploads the whole database, and a run still going when the next is due skips it. ` +
                `Every ${MIN_QUIET_SCHEDULE_MINUTES} minutes or less often is usual, e.g. "*/${MIN_QUIET_SCHEDULE_MINUTES} * * * *" or "0 * * * *".`,
        );
    if (plan.replicas > 1 || plan.backup.from === "primary") return warnings;
    return [
        ...warnings,
        'backup.from is "replica", but replicas is 1, so backups read pod-0: its export holds a write lock while it ' +
            'streams, and writes wait that long (about a second per 200 MB). Add a replica, or set backup.from: "primary" to say this is intended.',
    ];
}
