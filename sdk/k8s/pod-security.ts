/**
 * What the pods may do. FUSE needs `/dev/fuse` and CAP_SYS_ADMIN, so the LiteFS container is the one
 * container with elevated rights; everything else in the pod runs without them.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { AppPlan, FuseAccess, PodLayout } from "../plan";

type SecurityContext = k8s.types.input.core.v1.SecurityContext;
type PodSpec = k8s.types.input.core.v1.PodSpec;

/**
 * The LiteFS container's security context. LiteFS runs as root (its docs ask for it). `privileged` is the only
 * way stock Kubernetes grants /dev/fuse; with a FUSE device plugin the kubelet grants the device instead, and
 * only SYS_ADMIN is added (spelt without CAP_, which the API refuses next to allowPrivilegeEscalation: false).
 */
export function liteFsSecurityContext(fuse: FuseAccess): SecurityContext {
    const root = { runAsUser: 0, runAsGroup: 0 };
    if (fuse.mode === "privileged") return { privileged: true, ...root };
    return {
        ...root,
        capabilities: { add: ["SYS_ADMIN"] },
        // The runtime's default AppArmor profile denies mount(2) on AppArmor hosts (Ubuntu nodes).
        ...(fuse.appArmorUnconfined && { appArmorProfile: { type: "Unconfined" } }),
    };
}

/** The extended resource that makes a device plugin hand the container /dev/fuse. */
export function fuseDeviceLimits(fuse: FuseAccess): Record<string, string> {
    return fuse.mode === "devicePlugin" ? { [fuse.deviceResource]: "1" } : {};
}

/** The service account and token settings: LiteFS needs no Kubernetes API, so no token unless one is asked for. */
export function serviceAccountSettings(plan: AppPlan): Pick<PodSpec, "serviceAccountName" | "automountServiceAccountToken"> {
    return plan.serviceAccountName ? { serviceAccountName: plan.serviceAccountName } : { automountServiceAccountToken: false };
}

/**
 * A sidecar or init container as the caller gave it, with what keeps it unprivileged added: no privilege
 * escalation, every capability dropped. The plan has refused any elevated setting already.
 */
export function unelevated(container: k8s.types.input.core.v1.Container): k8s.types.input.core.v1.Container {
    const context = (container.securityContext ?? {}) as SecurityContext;
    const capabilities = (context.capabilities ?? {}) as k8s.types.input.core.v1.Capabilities;
    const drop = ((capabilities.drop ?? []) as string[]).filter((c) => c !== "ALL");
    return {
        ...container,
        securityContext: { ...context, allowPrivilegeEscalation: false, capabilities: { ...capabilities, drop: ["ALL", ...drop] } },
    };
}

/**
 * Throws when any container but the one holding the layout's `litefs` role has elevated rights (privileged,
 * added capabilities, privilege escalation or an unconfined AppArmor profile). Checked on every StatefulSet
 * pulumi-litefs builds, so an init container or sidecar added later cannot silently inherit LiteFS's privileges.
 */
export function assertOnlyLiteFsElevated(spec: PodSpec, layout: Pick<PodLayout, "containers">): void {
    const liteFs = new Set(layout.containers.filter((c) => c.roles.includes("litefs")).map((c) => c.name));
    const containers = [
        ...((spec.initContainers ?? []) as k8s.types.input.core.v1.Container[]),
        ...(spec.containers as k8s.types.input.core.v1.Container[]),
    ];
    for (const container of containers) {
        if (liteFs.has(container.name as string)) continue;
        const context = (container.securityContext ?? {}) as SecurityContext;
        const capabilities = (context.capabilities ?? {}) as k8s.types.input.core.v1.Capabilities;
        const appArmor = (context.appArmorProfile ?? {}) as k8s.types.input.core.v1.AppArmorProfile;
        const elevated =
            context.privileged === true ||
            ((capabilities.add ?? []) as string[]).length > 0 ||
            context.allowPrivilegeEscalation !== false ||
            !((capabilities.drop ?? []) as string[]).includes("ALL") ||
            appArmor.type === "Unconfined";
        if (elevated)
            throw new Error(
                `pulumi-litefs bug: container "${container.name}" must run unprivileged ` +
                    "(privileged unset, no added capabilities, allowPrivilegeEscalation: false, capabilities.drop: [ALL]); " +
                    `only the LiteFS container (${[...liteFs].join(", ")}) needs FUSE rights.`,
            );
    }
}
