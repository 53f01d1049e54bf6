/** FUSE and privileges: how the LiteFS container gets /dev/fuse, the service account, the NetworkPolicy. */
import { FuseMode, type LiteFsAppArgs, type PodSecurityContextArgs } from "../args";
import { type Shape, unknownKeys } from "../validation/shape";
import { isPlainObject } from "../validation/values";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { DEFAULTS } from "./defaults";
import type { FuseAccess, PlanContext, Planned } from "./model";

export interface PrivilegesPlan {
    readonly fuseAccess: FuseAccess;
    readonly podSecurityContext?: PodSecurityContextArgs;
    readonly serviceAccountName?: string;
    readonly networkPolicy: boolean;
}

export function planPrivileges(args: LiteFsAppArgs, _ctx: PlanContext): Planned<PrivilegesPlan> {
    const fuse = planFuseAccess(args);
    const problems = [
        ...fuse.problems,
        ...(args.serviceAccountName === undefined
            ? []
            : rules.dnsSubdomain(args.serviceAccountName, "args.serviceAccountName", "service-account-name")),
        ...rules.boolean(args.networkPolicy, "args.networkPolicy", "boolean-args"),
        ...podSecurityContextProblems(args.podSecurityContext),
    ];
    return {
        value: {
            fuseAccess: fuse.value,
            serviceAccountName: args.serviceAccountName,
            networkPolicy: args.networkPolicy ?? DEFAULTS.networkPolicy,
            podSecurityContext: args.podSecurityContext,
        },
        problems,
    };
}

/** The FUSE mode and its settings; settings that only the device-plugin mode reads are refused otherwise. */
function planFuseAccess(args: LiteFsAppArgs): Planned<FuseAccess> {
    const given = args.fuseAccess;
    const mode = given?.mode ?? DEFAULTS["fuseAccess.mode"];
    const problems: Problem[] = rules.oneOf(mode, "args.fuseAccess.mode", "fuse-mode", Object.values(FuseMode));
    if (mode !== "devicePlugin")
        for (const key of ["deviceResource", "appArmorUnconfined"] as const)
            if (given?.[key] !== undefined)
                problems.push({
                    rule: "fuse-device-resource",
                    path: `args.fuseAccess.${key}`,
                    message: `only applies with fuseAccess.mode "devicePlugin", and the mode is ${JSON.stringify(mode)}.`,
                    fix: 'set fuseAccess.mode: "devicePlugin", or remove it.',
                });
    const deviceResource = given?.deviceResource ?? DEFAULTS["fuseAccess.deviceResource"];
    problems.push(
        ...rules.qualifiedName(
            deviceResource,
            "args.fuseAccess.deviceResource",
            "fuse-device-resource",
            "extended resource name (<domain>/<name>)",
            DEFAULTS["fuseAccess.deviceResource"],
            true,
        ),
        ...rules.boolean(given?.appArmorUnconfined, "args.fuseAccess.appArmorUnconfined", "fuse-device-resource"),
    );
    const value: FuseAccess =
        mode === "devicePlugin"
            ? { mode, deviceResource, appArmorUnconfined: given?.appArmorUnconfined ?? DEFAULTS["fuseAccess.appArmorUnconfined"] }
            : { mode: "privileged" };
    return { value, problems };
}

const POD_SECURITY_CONTEXT_SHAPE: Shape<PodSecurityContextArgs> = {
    fsGroup: true,
    fsGroupChangePolicy: true,
    supplementalGroups: true,
    runAsUser: true,
    runAsGroup: true,
};

/** Pod-level fields left out on purpose, and why: each would stop LiteFS from mounting FUSE or starting. */
const NOT_OFFERED: Record<string, string> = {
    runAsNonRoot:
        "would make the kubelet refuse the LiteFS container, which runs as root (FUSE needs it); set runAsNonRoot in a sidecar's own securityContext instead",
    seccompProfile: "a confining seccomp profile can deny mount(2), which LiteFS needs for FUSE; set it per sidecar instead",
    appArmorProfile: "a confining AppArmor profile denies mount(2), which LiteFS needs for FUSE; see fuseAccess.appArmorUnconfined",
    sysctls: "pod sysctls are not a LiteFS setting; most are unsafe and need the kubelet's allow-list",
    seLinuxOptions: "an SELinux label the FUSE mount does not carry can deny the app its database; set it per sidecar instead",
    windowsOptions: "LiteFS runs on Linux only",
};

function podSecurityContextProblems(context: unknown): Problem[] {
    const problems = unknownKeys(
        context,
        POD_SECURITY_CONTEXT_SHAPE,
        "args.podSecurityContext",
        (key, path, known) => ({
            rule: "pod-security-context",
            path,
            message: Object.hasOwn(NOT_OFFERED, key)
                ? `is not offered: it ${NOT_OFFERED[key]}.`
                : "is not a pod security context field pulumi-litefs offers.",
            fix: `remove it; the fields offered are ${known.join(", ")}.`,
        }),
        "pod-security-context",
    );
    if (problems.length > 0 || !isPlainObject(context)) return problems;
    const c = context;
    for (const key of ["fsGroup", "runAsUser", "runAsGroup"] as const)
        if (c[key] !== undefined) problems.push(...rules.wholeNumber(c[key], `args.podSecurityContext.${key}`, "pod-security-context", 0));
    if (c.fsGroupChangePolicy !== undefined)
        problems.push(
            ...rules.oneOf(c.fsGroupChangePolicy, "args.podSecurityContext.fsGroupChangePolicy", "pod-security-context", [
                "OnRootMismatch",
                "Always",
            ]),
        );
    if (c.supplementalGroups !== undefined)
        problems.push(
            ...(Array.isArray(c.supplementalGroups)
                ? c.supplementalGroups.flatMap((g, i) =>
                      rules.wholeNumber(g, `args.podSecurityContext.supplementalGroups[${i}]`, "pod-security-context", 0),
                  )
                : rules.list(c.supplementalGroups, "args.podSecurityContext.supplementalGroups", "pod-security-context")),
        );
    return problems;
}
