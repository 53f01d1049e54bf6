/** Exec commands: the app's `command` and the primary-only `migrate`, as LiteFS will split them. */
import type { LiteFsAppArgs } from "../args";
import { checkExecCommand } from "../litefs/exec";
import type { PlanContext, Planned } from "./model";

export interface ExecPlan {
    readonly command: string;
    readonly migrate?: string;
}

export function planExec(args: LiteFsAppArgs, _ctx: PlanContext): Planned<ExecPlan> {
    const problems = checkExecCommand(args.command, "args.command");
    if (args.migrate !== undefined) problems.push(...checkExecCommand(args.migrate, "args.migrate"));
    return { value: { command: args.command, migrate: args.migrate }, problems };
}
