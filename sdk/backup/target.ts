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
}

/** The backup settings of an app with its names and pods, or undefined when it has no backup. */
export function backupTarget(
    plan: Pick<
        AppPlan,
        "name" | "names" | "replicas" | "database" | "apiPort" | "imagePullSecrets" | "labels" | "selectorLabels" | "backup"
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
        ...plan.backup,
    };
}

/** How many replicas an export tries before it gives up: the highest ordinals, which a scale-down removes first. */
const MAX_SOURCES = 3;

/**
 * The pods a backup exports from, in order: the highest replicas first, never pod-0, whose export would hold a
 * write lock for the whole transfer. With one pod, or `from: "primary"`, pod-0 alone.
 */
export function backupSources(target: Pick<BackupTarget, "replicas" | "from">): number[] {
    if (target.from === "primary" || target.replicas === 1) return [0];
    return replicasFromTop(target.replicas);
}

/** The pods a restore reads the live database from: the highest replicas first, pod-0 last (a restore stops writes anyway). */
export function restoreSources(target: Pick<BackupTarget, "replicas">): number[] {
    return [...replicasFromTop(target.replicas), 0];
}

function replicasFromTop(replicas: number): number[] {
    return Array.from({ length: Math.min(MAX_SOURCES, replicas - 1) }, (_, i) => replicas - 1 - i);
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
        [STEP_ENV.destination]: target.destination,
        [STEP_ENV.snapshot]: snapshot,
    };
}
