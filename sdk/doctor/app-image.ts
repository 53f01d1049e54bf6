/** The app image `doctor` is given: the same reference grammar and pinning rule as the component's. */
import { isPinned, parseImageReference } from "../validation/image-reference";
import type { Finding } from "./finding";

/** Findings for the app image: a malformed reference, or anything but a digest, which lets one tag name several builds. */
export function lintImage(image: string, where: { file: string; line?: number }): Finding[] {
    const parsed = parseImageReference(image);
    if (!parsed.ok)
        return [
            {
                severity: "error",
                rule: "image/reference",
                ...where,
                message: `image "${image}" is not an image reference: ${parsed.reason}.`,
                why: "Kubernetes cannot pull it (InvalidImageName), and LiteFsApp refuses it (rule image-reference).",
                fix: "write registry/repository@sha256:<64 hex digits> in lowercase (docker/build-push-action's `digest` output).",
            },
        ];
    const ref = parsed.ref;
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
