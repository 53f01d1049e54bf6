/** FUSE and privileges: how the LiteFS container gets /dev/fuse, the service account, the NetworkPolicy. */
import { FuseMode, type LiteFsAppArgs } from "../args";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { DEFAULTS } from "./defaults";
import type { FuseAccess, PlanContext, Planned } from "./model";

export interface PrivilegesPlan {
    readonly fuseAccess: FuseAccess;
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
    ];
    return {
        value: {
            fuseAccess: fuse.value,
            serviceAccountName: args.serviceAccountName,
            networkPolicy: args.networkPolicy ?? DEFAULTS.networkPolicy,
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
