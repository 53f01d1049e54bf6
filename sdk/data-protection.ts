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
