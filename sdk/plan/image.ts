/** The image: its reference, pull policy and pull secrets, and the warning for a reference that can move. */
import type * as pulumi from "@pulumi/pulumi";
import { ImagePullPolicy, type LiteFsAppArgs } from "../args";
import { isPinned, parseImageReference } from "../validation/image-reference";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import type { PlanContext, Planned } from "./model";
import { shown } from "../validation/values";

export interface ImagePlan {
    readonly image: pulumi.Input<string>;
    readonly imagePullPolicy?: ImagePullPolicy;
    readonly imagePullSecrets: readonly string[];
}

export function planImage(args: LiteFsAppArgs, _ctx: PlanContext): Planned<ImagePlan> {
    const problems = imageProblems(args.image);
    if (args.imagePullPolicy !== undefined)
        problems.push(...rules.oneOf(args.imagePullPolicy, "args.imagePullPolicy", "image-pull-policy", Object.values(ImagePullPolicy)));
    for (const [i, secret] of (args.imagePullSecrets ?? []).entries())
        problems.push(...rules.dnsSubdomain(secret, `args.imagePullSecrets[${i}]`, "image-pull-secrets"));
    return { value: { image: args.image, imagePullPolicy: args.imagePullPolicy, imagePullSecrets: args.imagePullSecrets ?? [] }, problems };
}

/** Problems of the image reference. An Output is checked when it resolves (by the component, with this function). */
export function imageProblems(image: unknown): Problem[] {
    if (image === undefined || image === null || image === "")
        return [
            {
                rule: "image-required",
                path: "args.image",
                message: "is required: the app image that contains litefs and fuse3.",
                fix: 'e.g. "ghcr.io/org/app@sha256:…".',
            },
        ];
    return typeof image === "string" ? imageReferenceProblems(image) : [];
}

export function imageReferenceProblems(image: string): Problem[] {
    if (/\s/.test(image))
        return [
            {
                rule: "image-whitespace",
                path: "args.image",
                message: `must not contain whitespace, got ${shown(image)}.`,
                fix: `e.g. "${image.trim().split(/\s+/)[0]}".`,
                suggestion: { path: "args.image", value: image.trim().split(/\s+/)[0] },
            },
        ];
    const parsed = parseImageReference(image);
    if (!parsed.ok)
        return [
            {
                rule: "image-reference",
                path: "args.image",
                message: `is not an image reference: ${parsed.reason}, got ${shown(image)}.`,
                fix: 'write registry/repository@sha256:<64 hex digits> in lowercase, e.g. "ghcr.io/org/app@sha256:…" (docker/build-push-action\'s `digest` output).',
            },
        ];
    return [];
}

/** Warnings for an image reference that is not pinned by digest. */
export function imageWarnings(image: string): string[] {
    const parsed = parseImageReference(image);
    if (parsed.ok && isPinned(parsed.ref)) return [];
    return [
        `image "${image}" is not pinned by digest (@sha256:…). With a mutable tag, pushing a new image under the same tag ` +
            "is not a change Pulumi can see, so `pulumi up` does nothing and pods may run different builds. " +
            "Deploy the digest your build pushed, e.g. ghcr.io/org/app@sha256:<digest> (docker/build-push-action's `digest` output).",
    ];
}
