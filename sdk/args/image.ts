import type * as pulumi from "@pulumi/pulumi";

/** The app image and how it is pulled (`plan/image.ts`). */
export interface ImageArgs {
    /**
     * The app image, e.g. `ghcr.io/org/app@sha256:…` as pushed by GitHub Actions. It must contain the
     * `litefs` binary on PATH and `fusermount3` (the fuse3 package), except in sidecar mode (`liteFsSidecar`). Pin it by digest: with a mutable tag
     * a new image under the same tag is not a change to Pulumi, and `pulumi up` does nothing.
     */
    image: pulumi.Input<string>;
    /** `Always`, `IfNotPresent` or `Never`. Default: Kubernetes' default for the image reference. */
    imagePullPolicy?: ImagePullPolicy;
    /** Names of Secrets (type dockerconfigjson) to pull a private image, e.g. from GHCR. Default: none. */
    imagePullSecrets?: string[];
}

/** The container's `imagePullPolicy`. */
export const ImagePullPolicy = {
    /** Pull on every pod start. */
    Always: "Always",
    /** Pull only when the node lacks the image. */
    IfNotPresent: "IfNotPresent",
    /** Never pull. */
    Never: "Never",
} as const;
export type ImagePullPolicy = (typeof ImagePullPolicy)[keyof typeof ImagePullPolicy];
