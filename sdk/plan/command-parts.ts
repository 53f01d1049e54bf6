/**
 * The one entry for the CLI's commands (recover, restore, and later promote): the parts of an app a command
 * needs, from a whole plan (an args file) or from the few arguments its flags give. Each given argument is
 * checked by the plan module that owns it, as planApp checks it.
 */
import type { LiteFsAppArgs } from "../args";
import type { AppNames } from "../naming";
import type { Problem } from "../validation/problem";
import type { AppPlan } from "./app-plan";
import { planBackup } from "./backup";
import { planBasics } from "./basics";
import type { BackupPlan, PlanContext } from "./model";
import { nameProblems, planNames } from "./names";
import { withRole } from "./pod-layout";
import { planStorage } from "./storage";

export interface AppParts {
    readonly name: string;
    readonly names: AppNames;
    readonly namespace: string;
    readonly replicas: number;
    readonly apiPort: number;
    readonly database: string;
    readonly dataDir: string;
    readonly fuseDir: string;
    /** The pod layout's LiteFS container: what `kubectl exec -c`, `cp -c` and `logs -c` target. */
    readonly podLayout: { readonly litefs: { readonly name: string } };
    readonly imagePullSecrets: readonly string[];
    readonly labels: Readonly<Record<string, string>>;
    readonly selectorLabels: Readonly<Record<string, string>>;
    /** The backup settings, when the app has backups. */
    readonly backup?: BackupPlan;
}

export type PlannedParts = { ok: true; parts: AppParts } | { ok: false; problems: Problem[] };

type PartsSource = Pick<
    AppPlan,
    | "name"
    | "names"
    | "namespace"
    | "replicas"
    | "apiPort"
    | "database"
    | "dataDir"
    | "fuseDir"
    | "imagePullSecrets"
    | "labels"
    | "selectorLabels"
    | "backup"
> & { readonly podLayout: AppParts["podLayout"] };

/** The parts of a whole, valid plan (or of the modules' parts a command ran). */
export function appParts(plan: PartsSource): AppParts {
    const {
        name,
        names,
        namespace,
        replicas,
        apiPort,
        database,
        dataDir,
        fuseDir,
        podLayout,
        imagePullSecrets,
        labels,
        selectorLabels,
        backup,
    } = plan;
    return {
        name,
        names,
        namespace,
        replicas,
        apiPort,
        database,
        dataDir,
        fuseDir,
        podLayout,
        imagePullSecrets,
        labels,
        selectorLabels,
        backup,
    };
}

/**
 * The parts from a command's arguments: the name and every given argument checked by its own rules; a problem
 * of an argument the command was not given (the app's image, port and command, which no command reads) is not
 * the command's to report, so only problems at `paths` (and the name's) are kept.
 */
export function planAppParts(name: string, given: Readonly<Record<string, unknown>>, paths: readonly string[]): PlannedParts {
    const named = nameProblems(name);
    if (named.length > 0) return { ok: false, problems: named };
    // The modules take whole arguments; the app's own fields are absent from a command line and never read here.
    const args: LiteFsAppArgs = { image: "", port: 0, command: "", ...given };
    const ctx: PlanContext = { name, basics: planBasics(args, name) };
    const names = planNames(args, ctx);
    const storage = planStorage(args, ctx);
    const backup = planBackup(args, ctx);
    const problems = [...names.problems, ...storage.problems, ...backup.problems].filter(
        (p) => p.path === "name" || paths.includes(p.path),
    );
    if (problems.length > 0) return { ok: false, problems };
    return {
        ok: true,
        parts: appParts({
            ...names.value,
            ...storage.value,
            podLayout: { litefs: withRole(ctx.basics.layout, "litefs") },
            imagePullSecrets: [],
            labels: {},
            backup: backup.value,
        }),
    };
}
