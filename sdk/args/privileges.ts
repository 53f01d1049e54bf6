/** The pods' rights: network policy, service account, FUSE access, pod security context (`plan/privileges.ts`). */
export interface PrivilegesArgs {
    /**
     * Creates a NetworkPolicy that admits the LiteFS API port (`apiPort`, unauthenticated) only from this
     * app's own pods, and the app and proxy ports from anywhere. It needs a CNI that enforces
     * NetworkPolicies. Default: true.
     */
    networkPolicy?: boolean;
    /**
     * A ServiceAccount in the namespace for the pods. Without one the pods run as `default` with
     * `automountServiceAccountToken: false` (LiteFS needs no Kubernetes API access); with one, its own
     * automount setting applies. Default: none.
     */
    serviceAccountName?: string;
    /** How the LiteFS container gets `/dev/fuse`. Default: privileged mode. */
    fuseAccess?: FuseAccessArgs;
    /** The pod's security context, limited to the fields that cannot break FUSE. Default: none. */
    podSecurityContext?: PodSecurityContextArgs;
}

/**
 * FUSE for LiteFS needs the `/dev/fuse` device and CAP_SYS_ADMIN. Either mode needs a namespace that allows
 * the `privileged` Pod Security level: SYS_ADMIN and an unconfined AppArmor profile fail `baseline` too.
 */
export interface FuseAccessArgs {
    /**
     * `"privileged"`: the LiteFS container runs privileged, which works on any cluster.
     * `"devicePlugin"`: for clusters running a FUSE device plugin (e.g. smarter-device-manager); the container
     * requests one `deviceResource` and gets only `SYS_ADMIN` on top of the runtime's default capabilities.
     * Default: "privileged".
     */
    mode?: FuseMode;
    /** The extended resource the device plugin advertises (mode "devicePlugin"). Default: "smarter-devices/fuse". */
    deviceResource?: string;
    /**
     * Run the LiteFS container with the AppArmor profile `Unconfined` (mode "devicePlugin"): the runtime's
     * default profile blocks `mount` on AppArmor hosts such as Ubuntu nodes. Needs Kubernetes 1.30 or later.
     * Default: true.
     */
    appArmorUnconfined?: boolean;
}

/** How the LiteFS container gets `/dev/fuse`; see `FuseAccessArgs.mode`. */
export const FuseMode = {
    /** The LiteFS container runs privileged. */
    Privileged: "privileged",
    /** A FUSE device plugin grants the device; the container gets SYS_ADMIN only. */
    DevicePlugin: "devicePlugin",
} as const;
export type FuseMode = (typeof FuseMode)[keyof typeof FuseMode];

/**
 * Pod-level security settings that leave the LiteFS container as it must be (root, with FUSE rights). Not
 * offered: `runAsNonRoot` (the LiteFS container runs as root, so the kubelet would refuse to start it),
 * `seccompProfile` and `appArmorProfile` (a confining profile denies mount(2), which FUSE needs), `sysctls`.
 */
export interface PodSecurityContextArgs {
    /**
     * Group that owns the pod's volumes (the data volume too), and a supplementary group of every container.
     * Set `fsGroupChangePolicy: "OnRootMismatch"` with it, or the kubelet re-owns every file of a large data
     * volume at each pod start. Default: none.
     */
    fsGroup?: number;
    /** "OnRootMismatch" or "Always": when the kubelet changes volume ownership to fsGroup. Default: Kubernetes' ("Always"). */
    fsGroupChangePolicy?: string;
    /** Extra groups for every container's first process. Default: none. */
    supplementalGroups?: number[];
    /** User the sidecars and init containers run as when they set none; the LiteFS container always runs as root. Default: the image's. */
    runAsUser?: number;
    /** Group the sidecars and init containers run as when they set none; the LiteFS container always runs as root. Default: the image's. */
    runAsGroup?: number;
}
