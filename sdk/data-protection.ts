/**
 * The Pulumi options that keep a Pulumi operation from deleting data. The PVCs are never Pulumi resources
 * (the StatefulSet controller creates them, with retention Retain/Retain), so only two objects matter: the
 * namespace pulumi-litefs creates, whose deletion deletes every PVC in it, and the StatefulSet, whose
 * replacement restarts every pod. Options are only ever set to true, so a caller's `protect` on the component,
 * which children inherit, is never switched off.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DataProtection } from "./args";

export interface ProtectionOptions {
    readonly namespace: pulumi.CustomResourceOptions;
    readonly statefulSet: pulumi.CustomResourceOptions;
}

export function protectionOptions(mode: DataProtection): ProtectionOptions {
    // retainOnDelete on the StatefulSet would leave the pods running after `pulumi destroy` and make every
    // replacement fail with AlreadyExists, and the StatefulSet holds no data itself.
    if (mode === "none") return { namespace: {}, statefulSet: {} };
    if (mode === "retain") return { namespace: { retainOnDelete: true }, statefulSet: {} };
    return { namespace: { retainOnDelete: true, protect: true }, statefulSet: { protect: true } };
}

/**
 * The annotations GitOps tools honour to never prune or delete an object, for the objects that hold the data or
 * whose deletion deletes it: the Namespace (every PVC in it goes with it) and the StatefulSet (whose pods serve
 * it). The PVCs themselves are created by the StatefulSet controller, never applied from Git, so no GitOps
 * inventory lists them; their claim template stays unannotated because it is immutable, and changing it would
 * replace the StatefulSet.
 * - Argo CD: `argocd.argoproj.io/sync-options` with `Prune=false` (never pruned when it leaves Git) and
 *   `Delete=false` (kept when the Application is deleted); argo-cd docs/user-guide/sync-options.md, "No Prune
 *   Resources" and "No Resource Deletion".
 * - Flux: `kustomize.toolkit.fluxcd.io/prune: disabled`, which kustomize-controller's garbage collection skips
 *   (fluxcd.io/flux/components/kustomize/kustomizations, "Prune").
 * `kubectl delete -k` honours neither.
 */
export const GITOPS_KEEP_ANNOTATIONS: Readonly<Record<string, string>> = {
    "argocd.argoproj.io/sync-options": "Prune=false,Delete=false",
    "kustomize.toolkit.fluxcd.io/prune": "disabled",
};

/** The GitOps annotations for a `dataProtection` value: none for "none", which lets a prune delete the data. */
export function gitOpsAnnotations(mode: DataProtection): Readonly<Record<string, string>> {
    return mode === "none" ? {} : GITOPS_KEEP_ANNOTATIONS;
}
