/** Image references: the app image pulumi-litefs deploys, and the flyio/litefs image a Dockerfile copies from. */
import type { Finding } from "./finding";

export interface ImageRef {
    /** Registry and repository, e.g. `ghcr.io/org/app` or `flyio/litefs`. */
    readonly repository: string;
    readonly tag?: string;
    readonly digest?: string;
}

export function parseImageRef(ref: string): ImageRef {
    const at = ref.indexOf("@");
    const digest = at >= 0 ? ref.slice(at + 1) : undefined;
    const named = at >= 0 ? ref.slice(0, at) : ref;
    const colon = named.lastIndexOf(":");
    // A colon before the last "/" belongs to a registry port (registry:5000/app), not to a tag.
    if (colon > named.lastIndexOf("/")) return { repository: named.slice(0, colon), tag: named.slice(colon + 1), digest };
    return { repository: named, digest };
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

export function isPinned(ref: ImageRef): boolean {
    return ref.digest !== undefined && DIGEST.test(ref.digest);
}

/** Findings for the app image: anything but a digest lets one tag name several builds. */
export function lintImage(image: string, where: { file: string; line?: number }): Finding[] {
    const ref = parseImageRef(image);
    if (isPinned(ref)) return [];
    const latest = ref.tag === undefined || ref.tag === "latest";
    return [
        {
            severity: "warning",
            rule: latest ? "image/latest" : "image/mutable-tag",
            ...where,
            message: latest
                ? `image "${image}" is ${ref.tag ? "the :latest tag" : "untagged, which means :latest"}.`
                : `image "${image}" is the tag "${ref.tag}", not a digest.`,
            why:
                "A tag can point to a new build at any time. Pushing under the same tag is no change Pulumi (or Argo CD) can see, so " +
                "`pulumi up` does nothing, while each pod that restarts pulls whatever the tag names then: pod-0 and the replicas can run " +
                `different builds, against one database schema.${latest ? " With :latest, Kubernetes also pulls on every pod start." : ""}`,
            fix: `deploy the digest your build pushed: ${ref.repository}@sha256:<digest> (docker/build-push-action's \`digest\` output).`,
        },
    ];
}
