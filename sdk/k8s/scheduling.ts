import type * as k8s from "@pulumi/kubernetes";
import type { AppPlan } from "../plan";

/** Where pods may run: spread over nodes, so one node failure does not take pod-0 and its replicas together. */
export function podScheduling(
    plan: AppPlan,
): Pick<k8s.types.input.core.v1.PodSpec, "affinity" | "nodeSelector" | "tolerations" | "topologySpreadConstraints" | "priorityClassName"> {
    const term = { labelSelector: { matchLabels: { ...plan.selectorLabels } }, topologyKey: "kubernetes.io/hostname" };
    const podAntiAffinity =
        plan.podAntiAffinity === "required"
            ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
            : plan.podAntiAffinity === "preferred"
              ? { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] }
              : undefined;
    return {
        affinity: podAntiAffinity && { podAntiAffinity },
        nodeSelector: Object.keys(plan.nodeSelector).length > 0 ? { ...plan.nodeSelector } : undefined,
        tolerations: plan.tolerations.length > 0 ? plan.tolerations.map((t) => ({ ...t })) : undefined,
        topologySpreadConstraints: plan.topologySpreadConstraints.length > 0 ? [...plan.topologySpreadConstraints] : undefined,
        priorityClassName: plan.priorityClassName,
    };
}
