import type * as k8s from "@pulumi/kubernetes";
import type { AppPlan } from "../plan";

/**
 * At most one pod of the app voluntarily down at a time (node drains, cluster upgrades). Never
 * `minAvailable` on pod-0: it cannot move its primary role elsewhere, so a drain of its node would wait
 * forever. Draining pod-0's node is a short write outage, by design.
 */
export function podDisruptionBudgetManifest(plan: AppPlan): k8s.types.input.policy.v1.PodDisruptionBudget {
    return {
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: { name: plan.name, namespace: plan.namespace, labels: { ...plan.labels } },
        spec: {
            maxUnavailable: 1,
            selector: { matchLabels: { ...plan.selectorLabels } },
            // A pod that is not Ready anyway (e.g. a replica that cannot reach pod-0) must not block drains.
            unhealthyPodEvictionPolicy: "AlwaysAllow",
        },
    };
}
