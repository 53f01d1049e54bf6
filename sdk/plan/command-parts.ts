/**
 * The one entry for the CLI's commands (recover, restore, and later promote): the parts of an app a command
 * needs, from a whole plan (an args file) or from the few arguments its flags give. Each given argument is
 * checked by the plan module that owns it, as planApp checks it.
 */
import type { LiteFsAppArgs } from "../args";
import type { Problem } from "../validation/problem";
import type { AppPlan } from "./app-plan";
import { planBackup } from "./backup";
import { planBasics } from "./basics";
import type { PlanContext } from "./model";
import { nameProblems, planNames } from "./names";
import { type LayoutContainer, withRole } from "./pod-layout";
import { planStorage } from "./storage";

/**
 * What a command reads of an app: its names and pods, namespace, replicas, API port, database, directories, the
 * pod layout's LiteFS container (what `kubectl exec -c`, `cp -c` and `logs -c` target) and its backup settings
 * when it has backups. A whole plan is one as it is.
 */
export type AppParts = Pick<
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
> & { readonly podLayout: { readonly litefs: Pick<LayoutContainer, "name"> } };

export type PlannedParts = { ok: true; parts: AppParts } | { ok: false; problems: Problem[] };

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
        parts: {
            ...names.value,
            ...storage.value,
            podLayout: { litefs: withRole(ctx.basics.layout, "litefs") },
            imagePullSecrets: [],
            labels: {},
            backup: backup.value,
        },
    };
}
