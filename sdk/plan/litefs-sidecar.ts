/**
 * Sidecar mode: LiteFS as a native sidecar of its own image, the app unprivileged in its own. The LiteFS
 * container shares its FUSE mount with `mountPropagation: Bidirectional`, which Kubernetes admits only in a
 * privileged container (pkg/apis/core/validation, `validateMountPropagation`): so the device-plugin mode, whose
 * container is not privileged, cannot share it and is refused.
 */
import { FuseMode, type LiteFsAppArgs } from "../args";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { isPlainObject } from "../validation/values";
import { DEFAULTS } from "./defaults";
import { resourcesProblems } from "./metadata";
import type * as pulumi from "@pulumi/pulumi";
import type { ResourcesArgs } from "../args";
import type { PlanContext, Planned } from "./model";

/** Sidecar mode: LiteFS's own image and resources. */
export interface LiteFsSidecarPlan {
    readonly image: pulumi.Input<string>;
    readonly resources?: ResourcesArgs;
}

/** This module's part of the plan: present in sidecar mode only. */
export interface LiteFsSidecarPartPlan {
    readonly liteFsSidecar?: LiteFsSidecarPlan;
}

export function planLiteFsSidecar(args: LiteFsAppArgs, _ctx: PlanContext): Planned<LiteFsSidecarPartPlan> {
    const sidecar: unknown = args.liteFsSidecar;
    if (sidecar === undefined) return { value: {}, problems: [] };
    if (!isPlainObject(sidecar))
        return {
            value: {},
            problems: [
                {
                    rule: "litefs-sidecar-object",
                    path: "args.liteFsSidecar",
                    message: `must be an object of sidecar settings, got ${JSON.stringify(sidecar)}.`,
                    fix: "write liteFsSidecar: {} for sidecar mode with its defaults, or remove it to run LiteFS inside the app's container.",
                },
            ],
        };
    const given = args.liteFsSidecar ?? {};
    const image = given.image ?? DEFAULTS["liteFsSidecar.image"];
    const problems: Problem[] = [
        // An Output is checked by the kubelet only; a plain string can be checked now.
        ...(typeof image === "object" && image !== null
            ? []
            : rules.pinnedImage(
                  image,
                  "args.liteFsSidecar.image",
                  "litefs-sidecar-image",
                  `pin a version or digest, e.g. "${DEFAULTS["liteFsSidecar.image"]}".`,
              )),
        ...resourcesProblems(given.resources, "args.liteFsSidecar.resources"),
    ];
    if (args.fuseAccess?.mode === FuseMode.DevicePlugin)
        problems.push({
            rule: "litefs-sidecar-fuse-mode",
            path: "args.fuseAccess.mode",
            message:
                'is "devicePlugin", and sidecar mode shares LiteFS\'s FUSE mount with the app through mountPropagation: Bidirectional, which Kubernetes admits only in a privileged container.',
            fix: "remove fuseAccess (the LiteFS container then runs privileged; the app container stays unprivileged), or remove liteFsSidecar to keep the device plugin with LiteFS inside the app's container.",
        });
    // The app runs in another container, possibly as another user: only allow_other opens the mount to it.
    if (args.litefs?.fuse?.allowOther === false)
        problems.push({
            rule: "litefs-managed-key",
            path: "args.litefs.fuse.allowOther",
            message:
                "is false, and in sidecar mode pulumi-litefs mounts with allow-other: the app, in its own container, could not open the mount otherwise.",
            fix: "remove it.",
        });
    return { value: { liteFsSidecar: { image, resources: given.resources } }, problems };
}
