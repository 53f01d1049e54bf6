/** Exec commands: the app's `command` and the primary-only `migrate`, as LiteFS will split them. */
import type { LiteFsAppArgs } from "../args";
import { checkExecCommand, splitCommand } from "../litefs/exec";
import type { Problem } from "../validation/problem";
import type { PlanContext, Planned } from "./model";

export interface ExecPlan {
    readonly command: string;
    readonly migrate?: string;
}

export function planExec(args: LiteFsAppArgs, _ctx: PlanContext): Planned<ExecPlan> {
    const problems = checkExecCommand(args.command, "args.command").map((p) => withMigrateFix(p, args));
    if (args.migrate !== undefined) problems.push(...checkExecCommand(args.migrate, "args.migrate"));
    return { value: { command: args.command, migrate: args.migrate }, problems };
}

/**
 * `command: "npm run migrate && node server.js"`: the first part is a one-off step before the app. Run through
 * `sh -c`, it would run on every pod, and a migration on a replica fails on its read-only database, so the
 * replica never starts. `migrate` runs it once, on pod-0, before the app: that is the fix to suggest.
 */
function withMigrateFix(problem: Problem, args: LiteFsAppArgs): Problem {
    if (problem.rule !== "exec-operator" || typeof args.command !== "string") return problem;
    const split = splitCommand(args.command);
    if (split.operator !== "&&" && split.operator !== ";") return problem;
    const first = split.words.join(" ");
    const rest = args.command.slice(args.command.indexOf(split.operator) + split.operator.length).trim();
    if (!MIGRATION.test(first) || rest === "" || splitCommand(rest).operator !== undefined) return problem;
    const fix =
        args.migrate === undefined
            ? `move the first step to migrate: migrate: "${first}", command: "${rest}". migrate runs once, on pod-0, before the app; run on every pod (as sh -c would), the migration fails on each replica, whose database is read-only, and the replica never starts.`
            : args.migrate === first
              ? `remove it from command: migrate already runs "${first}" once, on pod-0, before the app. Keep command: "${rest}".`
              : `migrate runs once, on pod-0, before the app: put "${first}" there (with "${args.migrate}"), and keep command: "${rest}".`;
    return { ...problem, fix };
}

/** A first step that migrates or seeds the database: it belongs in `migrate`. */
const MIGRATION = /migrat|prisma|knex|drizzle|sequelize|typeorm|\bdb:|\bseed/i;
