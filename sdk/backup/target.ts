/**
 * What the backup CronJob, the restore Job and the restore commands need to know about one app's backups, and
 * the environment each step's script reads (`STEP_ENV`), computed here once for both pods.
 */
import type { AppNames } from "../naming";
import type { AppPlan, BackupPlan } from "../plan";
import { STEP_ENV } from "./scripts";

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
    /** Under failover: pods 0 to candidates-1 may hold the lease, so which one is the primary is known only at run time. */
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

/** Which pods a backup can tell apart: the static primary's ordinal (default 0), and under failover the candidates. */
type Pods = Pick<BackupTarget, "replicas"> & { readonly names?: Pick<AppNames, "primaryOrdinal">; readonly candidates?: number };

/**
 * The pods a backup exports from, in order: the highest replicas first, never the static primary, whose export
 * would hold a write lock for the whole transfer. With one pod, or `from: "primary"`, the primary alone. Under
 * failover the primary is any candidate: the pods that are no candidate come first (they are never the primary),
 * then the candidates, the highest first.
 */
export function backupSources(target: Pods & Pick<BackupTarget, "from">): number[] {
    if (target.replicas === 1) return [0];
    if (target.candidates !== undefined) return fromTop(target, undefined).slice(0, MAX_SOURCES);
    if (target.from === "primary") return [primaryOf(target)];
    return fromTop(target, primaryOf(target)).slice(0, MAX_SOURCES);
}

/** The pods a restore reads the live database from: the highest replicas first, the primary last (a restore stops writes anyway). */
export function restoreSources(target: Pods): number[] {
    if (target.candidates !== undefined) return fromTop(target, undefined).slice(0, MAX_SOURCES + 1);
    return [...fromTop(target, primaryOf(target)).slice(0, MAX_SOURCES), primaryOf(target)];
}

/** Where a restore's import goes: the static primary, or under failover every pod in turn (only the lease holder accepts). */
export function importOrdinals(target: Pods): number[] {
    if (target.candidates !== undefined) return Array.from({ length: target.replicas }, (_, i) => i);
    return [primaryOf(target)];
}

function primaryOf(target: Pods): number {
    return target.names?.primaryOrdinal ?? 0;
}

/** Every ordinal but `skip`, non-candidates first under failover, each group from the highest down. */
function fromTop(target: Pods, skip: number | undefined): number[] {
    const all = Array.from({ length: target.replicas }, (_, i) => target.replicas - 1 - i).filter((i) => i !== skip);
    const candidates = target.candidates;
    return candidates === undefined ? all : [...all.filter((i) => i >= candidates), ...all.filter((i) => i < candidates)];
}

/** The backup steps' environment. `apiUrl` is the pods' API URL pattern; tests point it at their stand-in servers. */
export function backupEnv(target: BackupTarget, apiUrl = target.names.apiUrlPattern(target.apiPort)): Record<string, string> {
    return {
        [STEP_ENV.database]: target.database,
        [STEP_ENV.apiUrl]: apiUrl,
        [STEP_ENV.sourceOrdinals]: backupSources(target).join(" "),
        [STEP_ENV.destination]: target.destination,
        [STEP_ENV.retention]: target.retention,
    };
}

/** The restore steps' environment, for `snapshot`: `latest` or a path below `<destination>/<database>/`. */
export function restoreEnv(
    target: BackupTarget,
    snapshot: string,
    apiUrl = target.names.apiUrlPattern(target.apiPort),
): Record<string, string> {
    return {
        [STEP_ENV.database]: target.database,
        [STEP_ENV.apiUrl]: apiUrl,
        [STEP_ENV.replicas]: String(target.replicas),
        [STEP_ENV.sourceOrdinals]: restoreSources(target).join(" "),
        [STEP_ENV.importOrdinals]: importOrdinals(target).join(" "),
        [STEP_ENV.destination]: target.destination,
        [STEP_ENV.snapshot]: snapshot,
    };
}
