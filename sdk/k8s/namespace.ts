import type * as k8s from "@pulumi/kubernetes";
import { gitOpsAnnotations } from "../data-protection";
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
        metadata: {
            name: plan.namespace,
            labels: { ...plan.labels, ...POD_SECURITY_LABELS },
            annotations: nonEmpty(gitOpsAnnotations(plan.dataProtection)),
        },
    };
}

/** A map, or undefined when it is empty (so no empty `annotations: {}` is rendered). */
export function nonEmpty(map: Readonly<Record<string, string>>): Record<string, string> | undefined {
    return Object.keys(map).length > 0 ? { ...map } : undefined;
}
