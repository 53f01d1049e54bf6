/**
 * What the backup CronJob, the restore Job and the restore commands need to know about one app's backups, and
 * the environment each step's script reads (`STEP_ENV`), computed here once for both pods.
 */
import type { AppNames } from "../naming";
import type { AppPlan, BackupPlan } from "../plan";
import { BACKUP_JOB } from "./job";
import { snapshotDir } from "./layout";
import { LEASE_PRIMARY, STEP_ENV } from "./scripts";

/** An app's backup settings (`BackupPlan`) with what the backup and restore pods need of the app itself. */
export interface BackupTarget extends BackupPlan {
    readonly name: string;
    readonly names: AppNames;
    readonly replicas: number;
    readonly database: string;
    readonly apiPort: number;
    readonly imagePullSecrets: readonly string[];
    /** The app's own extra labels, put on the backup objects too. */
    readonly labels: Readonly<Record<string, string>>;
    /** The pod layout's LiteFS container, which the restore commands' `kubectl exec` and `cp` target. */
    readonly liteFsContainer: string;
    /** Under failover: pods 0 to candidates-1 may hold the lease, so the primary is found when a step runs. */
    readonly candidates?: number;
}

/** The backup settings of an app with its names and pods, or undefined when it has no backup. */
export function backupTarget(
    plan: Pick<
        AppPlan,
        "name" | "names" | "replicas" | "database" | "apiPort" | "imagePullSecrets" | "labels" | "selectorLabels" | "backup" | "lease"
    > & { readonly podLayout: { readonly litefs: { readonly name: string } } },
): BackupTarget | undefined {
    if (!plan.backup) return undefined;
    const { name, names, replicas, database, apiPort, imagePullSecrets } = plan;
    // The app's own labels (without its selector labels, which must never select backup pods).
    const labels = Object.fromEntries(Object.entries(plan.labels).filter(([key]) => !Object.hasOwn(plan.selectorLabels, key)));
    return {
        name,
        names,
        replicas,
        database,
        apiPort,
        imagePullSecrets,
        labels,
        liteFsContainer: plan.podLayout.litefs.name,
        ...(plan.lease.type === "consul" && { candidates: plan.lease.candidates }),
        ...plan.backup,
    };
}

/** How many replicas an export tries before it gives up: the highest ordinals, which a scale-down removes first. */
const MAX_SOURCES = 3;

/** Which pods a backup can tell apart: the static primary's ordinal, and under failover the candidates. */
type Pods = Pick<BackupTarget, "replicas"> & { readonly names?: Pick<AppNames, "primaryOrdinal">; readonly candidates?: number };

/**
 * The static primary's ordinal (`primaryOrdinal`). Backup sources and the restore's import follow it from here. Under
 * failover there is none: the steps find the lease holder when they run (LITEFS_PRIMARY_ORDINAL is "lease").
 */
export function primaryOrdinal(target: Pods): number | undefined {
    return target.candidates !== undefined ? undefined : (target.names?.primaryOrdinal ?? 0);
}

/**
 * The pods a backup exports from, in order: the highest replicas first, never the static primary, whose export
 * would hold a write lock for the whole transfer. With one pod, or `from: "primary"`, the primary alone. Each must
 * also be fresh (see backup-export.sh), so a stuck replica is skipped for the next. Under failover the pods that are
 * no candidate come first (they are never the primary), then the candidates, each group from the highest down.
 */
export function backupSources(target: Pods & Pick<BackupTarget, "from">): number[] {
    const primary = primaryOrdinal(target);
    if (target.replicas === 1) return [0];
    if (target.from === "primary" && primary !== undefined) return [primary];
    return replicasFromTop(target);
}

/** The pods a restore reads the live database from: the highest replicas first, the primary last (a restore stops writes anyway). */
export function restoreSources(target: Pods): number[] {
    const primary = primaryOrdinal(target);
    return primary === undefined ? replicasFromTop(target, MAX_SOURCES + 1) : [...replicasFromTop(target), primary];
}

function replicasFromTop(target: Pods, most = MAX_SOURCES): number[] {
    const primary = primaryOrdinal(target);
    const all = Array.from({ length: target.replicas }, (_, i) => target.replicas - 1 - i).filter((i) => i !== primary);
    const candidates = target.candidates;
    const ordered = candidates === undefined ? all : [...all.filter((i) => i >= candidates), ...all.filter((i) => i < candidates)];
    return ordered.slice(0, most);
}

/** The app's own snapshot folder, `<destination>/<namespace>/<name>/<database>` (`layout.ts`). */
export function targetSnapshotDir(target: Pick<BackupTarget, "destination" | "names" | "name" | "database">): string {
    return snapshotDir({
        destination: target.destination,
        namespace: target.names.namespace,
        name: target.name,
        database: target.database,
    });
}

/** What every step that reads a node's position gets. */
function positionEnv(target: BackupTarget, apiUrl: string): Record<string, string> {
    return {
        [STEP_ENV.database]: target.database,
        [STEP_ENV.apiUrl]: apiUrl,
        [STEP_ENV.primaryOrdinal]: String(primaryOrdinal(target) ?? LEASE_PRIMARY),
        // Under failover the steps look for the lease holder among the pods.
        [STEP_ENV.replicas]: String(target.replicas),
        [STEP_ENV.maxSourceLag]: String(target.maxSourceLagSeconds),
    };
}

/** The backup steps' environment. `apiUrl` is the pods' API URL pattern; tests point it at their stand-in servers. */
export function backupEnv(target: BackupTarget, apiUrl = target.names.apiUrlPattern(target.apiPort)): Record<string, string> {
    return {
        ...positionEnv(target, apiUrl),
        [STEP_ENV.sourceOrdinals]: backupSources(target).join(" "),
        [STEP_ENV.snapshotDir]: targetSnapshotDir(target),
        [STEP_ENV.retention]: target.retention,
        [STEP_ENV.keepLast]: String(target.keepLast),
    };
}

/** What to restore: `snapshot` is `latest` or a path below `from`, the app's own snapshot folder unless given. */
export interface RestoreSource {
    readonly snapshot: string;
    /** Another snapshot folder (an rclone path), e.g. another app's for a disaster recovery into a new namespace. */
    readonly from?: string;
}

/** The restore steps' environment. */
export function restoreEnv(
    target: BackupTarget,
    source: RestoreSource,
    apiUrl = target.names.apiUrlPattern(target.apiPort),
): Record<string, string> {
    return {
        ...positionEnv(target, apiUrl),
        [STEP_ENV.replicas]: String(target.replicas),
        [STEP_ENV.sourceOrdinals]: restoreSources(target).join(" "),
        [STEP_ENV.snapshotDir]: targetSnapshotDir(target),
        [STEP_ENV.restoreFrom]: source.from ?? targetSnapshotDir(target),
        [STEP_ENV.snapshot]: source.snapshot,
        [STEP_ENV.verifySeconds]: String(BACKUP_JOB.restoreVerifySeconds),
    };
}

/** The restore drill's environment: only where the snapshot is; it never reaches LiteFS. */
export function drillEnv(target: BackupTarget, source: RestoreSource): Record<string, string> {
    return {
        [STEP_ENV.database]: target.database,
        [STEP_ENV.restoreFrom]: source.from ?? targetSnapshotDir(target),
        [STEP_ENV.snapshot]: source.snapshot,
    };
}
