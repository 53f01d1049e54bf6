/** Lifecycle: shutdown timing and the rolling update. */
import type { LiteFsAppArgs } from "../args";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { DEFAULTS } from "./defaults";
import type { PlanContext, Planned } from "./model";

export interface LifecyclePlan {
    readonly terminationGracePeriodSeconds: number;
    /** 0: no preStop hook. */
    readonly preStopSleepSeconds: number;
    readonly updatePartition: number;
    readonly minReadySeconds: number;
}

export function planLifecycle(args: LiteFsAppArgs, ctx: PlanContext): Planned<LifecyclePlan> {
    const grace = args.terminationGracePeriodSeconds ?? DEFAULTS.terminationGracePeriodSeconds;
    const preStop = args.preStopSleepSeconds ?? DEFAULTS.preStopSleepSeconds;
    const partition = args.updatePartition ?? DEFAULTS.updatePartition;
    const minReadySeconds = args.minReadySeconds ?? DEFAULTS.minReadySeconds;
    const { replicas } = ctx.basics;
    const problems: Problem[] = [
        // Never 0: Kubernetes' StatefulSet docs call force-killing its pods unsafe, and LiteFS must unmount.
        ...rules.wholeNumber(
            grace,
            "args.terminationGracePeriodSeconds",
            "grace-period",
            1,
            undefined,
            // A fix must leave time after the preStop sleep.
            Math.max(DEFAULTS.terminationGracePeriodSeconds, Number.isInteger(preStop) ? preStop + 1 : 0),
        ),
        ...rules.wholeNumber(preStop, "args.preStopSleepSeconds", "prestop-sleep", 0),
        ...rules.wholeNumber(minReadySeconds, "args.minReadySeconds", "min-ready-seconds", 0),
    ];
    // Against an invalid replicas there is nothing to compare; the names module refuses replicas itself.
    if (Number.isInteger(replicas)) problems.push(...rules.wholeNumber(partition, "args.updatePartition", "update-partition", 0, replicas));
    if (problems.length === 0 && preStop >= grace)
        problems.push({
            rule: "prestop-sleep",
            path: "args.preStopSleepSeconds",
            message: `(${preStop}) must be less than terminationGracePeriodSeconds (${grace}): the sleep counts against the grace period, and the app and LiteFS need time after it to stop and unmount.`,
            fix: `e.g. preStopSleepSeconds: 5 with terminationGracePeriodSeconds: ${Math.max(grace, 30)}.`,
        });
    return {
        value: { terminationGracePeriodSeconds: grace, preStopSleepSeconds: preStop, updatePartition: partition, minReadySeconds },
        problems,
    };
}
