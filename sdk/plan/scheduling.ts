/** Scheduling: spreading pods over nodes, node selection and tolerations. */
import type * as k8s from "@pulumi/kubernetes";
import { type LiteFsAppArgs, PodAntiAffinity, TaintEffect, type TolerationArgs, TolerationOperator, WhenUnsatisfiable } from "../args";
import { selectorLabels } from "../naming";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { type Shape, unknownKeys } from "../validation/shape";
import { isPlainObject, shown } from "../validation/values";
import { DEFAULTS } from "./defaults";
import type { PlanContext, Planned } from "./model";

export interface SchedulingPlan {
    readonly podAntiAffinity: PodAntiAffinity;
    readonly nodeSelector: Readonly<Record<string, string>>;
    readonly tolerations: readonly TolerationArgs[];
    /** Each with a labelSelector: the caller's, or this app's pods. */
    readonly topologySpreadConstraints: readonly k8s.types.input.core.v1.TopologySpreadConstraint[];
    readonly priorityClassName?: string;
}

const TOLERATION_SHAPE: Shape<TolerationArgs> = { key: true, operator: true, value: true, effect: true, tolerationSeconds: true };

export function planScheduling(args: LiteFsAppArgs, ctx: PlanContext): Planned<SchedulingPlan> {
    const podAntiAffinity = args.podAntiAffinity ?? DEFAULTS.podAntiAffinity;
    const spread = spreadConstraints(args.topologySpreadConstraints, ctx);
    const problems = [
        ...rules.oneOf(podAntiAffinity, "args.podAntiAffinity", "pod-anti-affinity", Object.values(PodAntiAffinity)),
        ...rules.labels(args.nodeSelector, "args.nodeSelector", "node-selector"),
        ...tolerationsProblems(args.tolerations),
        ...spread.problems,
        ...(args.priorityClassName === undefined
            ? []
            : rules.dnsSubdomain(args.priorityClassName, "args.priorityClassName", "priority-class-name")),
    ];
    return {
        value: {
            podAntiAffinity,
            nodeSelector: args.nodeSelector ?? {},
            tolerations: args.tolerations ?? [],
            topologySpreadConstraints: spread.value,
            priorityClassName: args.priorityClassName,
        },
        problems,
    };
}

/** Topology spread constraints; one without a labelSelector spreads this app's pods (what a chart user means). */
function spreadConstraints(value: unknown, ctx: PlanContext): Planned<k8s.types.input.core.v1.TopologySpreadConstraint[]> {
    if (value === undefined) return { value: [], problems: [] };
    if (!Array.isArray(value)) return { value: [], problems: rules.list(value, "args.topologySpreadConstraints", "topology-spread") };
    const problems: Problem[] = [];
    const constraints: k8s.types.input.core.v1.TopologySpreadConstraint[] = [];
    value.forEach((c: unknown, i) => {
        const at = `args.topologySpreadConstraints[${i}]`;
        if (!isPlainObject(c)) {
            problems.push({
                rule: "topology-spread",
                path: at,
                message: "must be a mapping.",
                fix: '{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway" }.',
            });
            return;
        }
        problems.push(
            ...rules.wholeNumber(c.maxSkew, `${at}.maxSkew`, "topology-spread", 1),
            ...rules.oneOf(c.whenUnsatisfiable, `${at}.whenUnsatisfiable`, "topology-spread", Object.values(WhenUnsatisfiable)),
        );
        if (!rules.isLabelName(c.topologyKey))
            problems.push({
                rule: "topology-spread",
                path: `${at}.topologyKey`,
                message: `must be a node label name, got ${shown(c.topologyKey)}.`,
                fix: 'e.g. "topology.kubernetes.io/zone" or "kubernetes.io/hostname".',
            });
        if (c.labelSelector !== undefined && !isPlainObject(c.labelSelector))
            problems.push({
                rule: "topology-spread",
                path: `${at}.labelSelector`,
                message: "must be a label selector mapping.",
                fix: "{ matchLabels: { … } }, or leave it out to select this app's pods.",
            });
        if (typeof c.maxSkew === "number" && typeof c.topologyKey === "string" && typeof c.whenUnsatisfiable === "string")
            constraints.push({
                ...c,
                maxSkew: c.maxSkew,
                topologyKey: c.topologyKey,
                whenUnsatisfiable: c.whenUnsatisfiable,
                labelSelector: c.labelSelector ?? { matchLabels: selectorLabels(ctx.name) },
            });
    });
    return { value: constraints, problems };
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
                message: `must be a taint key such as "dedicated" or "example.com/gpu", got ${shown(key)}.`,
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
                message: `must be a label value (at most 63 letters, digits, "-", "_", "."), got ${shown(t.value)}.`,
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
