/** Scheduling: spreading pods over nodes, node selection and tolerations. */
import { type LiteFsAppArgs, PodAntiAffinity, TaintEffect, type TolerationArgs, TolerationOperator } from "../args";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { type Shape, unknownKeys } from "../validation/shape";
import { isPlainObject } from "../validation/values";
import { DEFAULTS } from "./defaults";
import type { PlanContext, Planned } from "./model";

export interface SchedulingPlan {
    readonly podAntiAffinity: PodAntiAffinity;
    readonly nodeSelector: Readonly<Record<string, string>>;
    readonly tolerations: readonly TolerationArgs[];
}

const TOLERATION_SHAPE: Shape<TolerationArgs> = { key: true, operator: true, value: true, effect: true, tolerationSeconds: true };

export function planScheduling(args: LiteFsAppArgs, _ctx: PlanContext): Planned<SchedulingPlan> {
    const podAntiAffinity = args.podAntiAffinity ?? DEFAULTS.podAntiAffinity;
    const problems = [
        ...rules.oneOf(podAntiAffinity, "args.podAntiAffinity", "pod-anti-affinity", Object.values(PodAntiAffinity)),
        ...rules.labels(args.nodeSelector, "args.nodeSelector", "node-selector"),
        ...tolerationsProblems(args.tolerations),
    ];
    return { value: { podAntiAffinity, nodeSelector: args.nodeSelector ?? {}, tolerations: args.tolerations ?? [] }, problems };
}

function tolerationsProblems(tolerations: unknown): Problem[] {
    if (tolerations === undefined) return [];
    if (!Array.isArray(tolerations)) return rules.list(tolerations, "args.tolerations", "tolerations");
    const found: Problem[] = [];
    for (const [i, t] of tolerations.entries()) {
        const at = `args.tolerations[${i}]`;
        const keys = unknownKeys(t, TOLERATION_SHAPE, at, undefined, "tolerations");
        found.push(...keys);
        if (keys.length > 0 || !isPlainObject(t)) continue;
        const operator = t.operator ?? DEFAULTS["tolerations.operator"];
        found.push(...rules.oneOf(operator, `${at}.operator`, "tolerations", Object.values(TolerationOperator)));
        const key = t.key;
        if (key !== undefined && key !== "" && !rules.isLabelName(key))
            found.push({
                rule: "tolerations",
                path: `${at}.key`,
                message: `must be a taint key such as "dedicated" or "example.com/gpu", got ${JSON.stringify(key)}.`,
                fix: "copy the key from `kubectl describe node` (Taints).",
            });
        if ((key === undefined || key === "") && operator !== "Exists")
            found.push({
                rule: "tolerations",
                path: `${at}.operator`,
                message: 'must be "Exists" when key is empty (that tolerates every taint).',
                fix: 'set a key, or operator: "Exists".',
            });
        if (operator === "Exists" && t.value !== undefined && t.value !== "")
            found.push({
                rule: "tolerations",
                path: `${at}.value`,
                message: 'must be empty with operator "Exists", which matches any value.',
                fix: 'remove the value, or use operator "Equal".',
            });
        else if (t.value !== undefined && !rules.isLabelValue(t.value))
            found.push({
                rule: "tolerations",
                path: `${at}.value`,
                message: `must be a label value (at most 63 letters, digits, "-", "_", "."), got ${JSON.stringify(t.value)}.`,
                fix: "copy the value from `kubectl describe node` (Taints).",
            });
        if (t.effect !== undefined) found.push(...rules.oneOf(t.effect, `${at}.effect`, "tolerations", Object.values(TaintEffect)));
        if (t.tolerationSeconds !== undefined) {
            found.push(...rules.wholeNumber(t.tolerationSeconds, `${at}.tolerationSeconds`, "tolerations", 0));
            if (t.effect !== "NoExecute")
                found.push({
                    rule: "tolerations",
                    path: `${at}.tolerationSeconds`,
                    message: 'applies only to effect "NoExecute" taints.',
                    fix: 'set effect: "NoExecute", or remove tolerationSeconds.',
                });
        }
    }
    return found;
}
