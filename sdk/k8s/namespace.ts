import type * as k8s from "@pulumi/kubernetes";
import type { AppPlan } from "../plan";

/**
 * Pod Security Admission enforces on Pods, not on StatefulSets: under `baseline` or `restricted` the
 * StatefulSet is accepted, its privileged pods are refused, and `pulumi up` only shows a timeout.
 */
export const POD_SECURITY_LABELS: Record<string, string> = {
    "pod-security.kubernetes.io/enforce": "privileged",
    "pod-security.kubernetes.io/audit": "privileged",
    "pod-security.kubernetes.io/warn": "privileged",
};

export function namespaceManifest(plan: AppPlan): k8s.types.input.core.v1.Namespace {
    return {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: plan.namespace, labels: { ...plan.labels, ...POD_SECURITY_LABELS } },
    };
}
