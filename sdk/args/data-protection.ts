/** What a Pulumi operation may do to the data (`plan/data-protection.ts`). */
export interface DataProtectionArgs {
    /**
     * What a Pulumi operation may do to the objects that hold or guard the data (the StatefulSet and the
     * namespace pulumi-litefs creates). The PVCs themselves are always kept (retention Retain/Retain).
     * - `"retain"`: `pulumi destroy` leaves the created namespace, and so the PVCs in it, in the cluster.
     * - `"protect"`: as `"retain"`, and the StatefulSet and namespace are `protect`ed: `pulumi destroy`, and any
     *   change that would replace them, fails until you set `"retain"` again.
     * - `"none"`: `pulumi destroy` deletes the created namespace and every PVC in it (for throwaway stacks).
     * Default: "retain".
     */
    dataProtection?: DataProtection;
}

/** What a Pulumi operation may do to the objects that hold or guard the data; see `LiteFsAppArgs.dataProtection`. */
export const DataProtection = {
    /** `pulumi destroy` leaves the created namespace, and so the PVCs in it, in the cluster. */
    Retain: "retain",
    /** As retain, and the StatefulSet and namespace are `protect`ed. */
    Protect: "protect",
    /** `pulumi destroy` deletes the created namespace and every PVC in it. */
    None: "none",
} as const;
export type DataProtection = (typeof DataProtection)[keyof typeof DataProtection];
