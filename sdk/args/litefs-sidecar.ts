import type * as pulumi from "@pulumi/pulumi";
import type { ResourcesArgs } from "./metadata";

/** Sidecar mode: LiteFS in a container of its own, the app in its own image, unprivileged (`plan/litefs-sidecar.ts`). */
export interface LiteFsSidecarFieldArgs {
    /**
     * Runs LiteFS as a Kubernetes native sidecar (an init container `litefs` with `restartPolicy: Always`,
     * Kubernetes 1.29 or later) instead of inside the app's container: the app image needs neither `litefs` nor
     * `fuse3`, and the app container runs without privileges (every capability dropped, non-root allowed). The
     * app finds its database at `$LITEFS_DATABASE_PATH`, `<litefs.fuse.dir>/db/<database>`, and must reopen its
     * connections after an I/O error (LiteFS restarted). Not with `fuseAccess.mode: "devicePlugin"`. `{}` turns
     * it on with its defaults. See docs/sidecar-mode.md. Default: none (LiteFS runs inside the app's container).
     */
    liteFsSidecar?: LiteFsSidecarArgs;
}

export interface LiteFsSidecarArgs {
    /**
     * The LiteFS image, pinned by version or digest (not `latest`). It must be the official image or a copy of it:
     * Alpine, with `litefs`, `fusermount3`, busybox and the musl loader. Default: "docker.io/flyio/litefs:0.5.14".
     */
    image?: pulumi.Input<string>;
    /** CPU and memory requests and limits of the LiteFS container. Default: none. */
    resources?: ResourcesArgs;
}
