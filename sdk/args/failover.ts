/** Who may be the primary: the static primary's ordinal, or automatic failover with a Consul lease (`plan/failover.ts`). */
import type * as pulumi from "@pulumi/pulumi";
import type { SecretKeyRefArgs } from "./env";

export interface FailoverFieldArgs {
    /**
     * The pod that is the static primary (`lease.candidate: true`), and whose name is `lease.hostname` and
     * `advertise-url` in every pod's litefs.yml; the write Service, the backup's sources, the restore's import
     * target, the alerts and the printed commands follow it. Changing it moves the primary: run the procedure
     * `pulumi-litefs promote` prints (docs/failover.md); a pod configured as the primary never starts LiteFS
     * while another pod's LiteFS is a candidate, so two primaries never run. Not with `failover`. Default: 0.
     */
    primaryOrdinal?: number;
    /**
     * Automatic failover: the pods take a Consul lease instead of the static one, and a labeller container in
     * each pod keeps the write Service on whichever pod holds it. You bring Consul (docs/failover.md). Writes not
     * yet on a replica are lost when the primary fails. Default: none (the static lease, pod `primaryOrdinal`).
     */
    failover?: FailoverArgs;
}

/** Automatic failover with LiteFS's Consul lease. */
export interface FailoverArgs {
    /** The Consul to take the lease from. */
    consul: ConsulLeaseArgs;
    /**
     * How many pods may become the primary: pods 0 to candidates-1 (at least 2); the others are read replicas
     * only. Default: every pod (replicas).
     */
    candidates?: number;
    /**
     * The labeller's image: any image with POSIX sh and curl, pinned by version or digest.
     * Default: "docker.io/curlimages/curl:8.11.1".
     */
    labellerImage?: string;
}

/** LiteFS's `lease.consul` settings. */
export interface ConsulLeaseArgs {
    /**
     * Consul's HTTP API, e.g. "http://consul-server.consul.svc:8500". No credentials in it (give `tokenSecret`).
     * A path (e.g. ".../litefs") is a key prefix, and makes LiteFS register a catalog node, which needs `node:write`.
     */
    url: pulumi.Input<string>;
    /**
     * The Secret key holding a Consul ACL token (`key_prefix` write on `key`, and `session` write). Only
     * LiteFS's container gets it, as CONSUL_HTTP_TOKEN. Default: none (a Consul without ACLs).
     */
    tokenSecret?: SecretKeyRefArgs;
    /** The Consul KV key of this app's lease: unique per app. Default: "pulumi-litefs/<namespace>/<name>". */
    key?: string;
    /** The session TTL (a Go duration of at least 10s): how long a crashed primary holds the lease. Default: "10s". */
    ttl?: string;
    /** How long Consul refuses the lease after a session is invalidated (a Go duration). Default: "1s". */
    lockDelay?: string;
}
