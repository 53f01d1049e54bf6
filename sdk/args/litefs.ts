/** LiteFS itself: the proxy and litefs.yml settings (`plan/litefs-options.ts`). */
export interface LiteFsFieldArgs {
    /** Turns on the LiteFS proxy in front of the app. Default: off. */
    proxy?: ProxyArgs;
    /** LiteFS settings beyond what the other arguments set. Default: LiteFS's own defaults. */
    litefs?: LiteFsOptions;
}

/**
 * The LiteFS proxy (`proxy` in litefs.yml). On Kubernetes it gives read-your-writes consistency and
 * a health endpoint, but it never forwards writes: on a replica it answers a write with an empty 200
 * and a `fly-replay` header only Fly.io acts on. pulumi-litefs therefore sends writes to pod-0 itself
 * (the `<name>-primary` Service, the HTTPRoute), and LiteFS's `always-forward` is not offered: it turns
 * reads into writes that a replica's proxy would drop.
 */
export interface ProxyArgs {
    /** The port the proxy listens on; it forwards to `localhost:<port>`. Default: 8080. */
    port?: number;
    /** Replication lag above which `/litefs/health` answers 503 (`max-lag`); "0s" disables it. Default: "10s". */
    maxLag?: string;
    /**
     * Path globs (`*` matches anything, the whole path must match) that bypass the proxy's consistency
     * logic (`passthrough`). A pattern matching `/litefs/health` is refused: readiness needs it. Default: none.
     */
    passthrough?: string[];
    /** How long a replica holds a write while no primary is known (`primary-redirect-timeout`). Default: "5s". */
    primaryRedirectTimeout?: string;
    /** `read-timeout` of the proxy's HTTP server. Default: none. */
    readTimeout?: string;
    /** `read-header-timeout` of the proxy's HTTP server. Default: "10s". */
    readHeaderTimeout?: string;
    /** `write-timeout` of the proxy's HTTP server. Default: none. */
    writeTimeout?: string;
    /** `idle-timeout` of the proxy's HTTP server. Default: "30s". */
    idleTimeout?: string;
    /** Log every proxied request (`debug`). Default: false. */
    debug?: boolean;
}

/**
 * LiteFS settings, named as in litefs.yml but in camelCase (`exitOnError` is `exit-on-error`). The keys
 * pulumi-litefs manages itself (`lease`'s type, hostname, advertise-url and candidate, `exec`, `http.addr`,
 * `proxy`) are set through the other arguments.
 */
export interface LiteFsOptions {
    /** Exit when start-up fails, so Kubernetes restarts the pod and shows CrashLoopBackOff. Default: true. */
    exitOnError?: boolean;
    /** Start the app before the node has synced with the primary (replicas may serve stale data). Default: false. */
    skipSync?: boolean;
    /** Re-checksum the whole database after every transaction; for testing only. Default: false. */
    strictVerify?: boolean;
    /** LiteFS's internal storage (`data`). */
    data?: LiteFsDataOptions;
    /** The FUSE mount the app opens its database through (`fuse`). */
    fuse?: LiteFsFuseOptions;
    /** The node API (`http`); its port is `apiPort`. */
    http?: LiteFsHttpOptions;
    /** Lease timing (`lease`); the static lease itself is managed by pulumi-litefs. */
    lease?: LiteFsLeaseOptions;
    /** LiteFS's own logging (`log`). */
    log?: LiteFsLogOptions;
    /** The transaction trace log (`tracing`). */
    tracing?: LiteFsTracingOptions;
}

export interface LiteFsDataOptions {
    /** LiteFS's data directory; the pod's persistent volume is mounted here. Default: "/var/lib/litefs". */
    dir?: string;
    /** LZ4-compress LTX files. Default: true. */
    compress?: boolean;
    /** How long LTX files are kept (the latest is always kept). Default: "10m". */
    retention?: string;
    /** How often old LTX files are removed. Default: "1m". */
    retentionMonitorInterval?: string;
}

export interface LiteFsFuseOptions {
    /** Where the app sees its databases (an emptyDir mount point). Must differ from `data.dir`. Default: "/litefs". */
    dir?: string;
    /** Let processes of other users use the mount (needed if the app drops root). Default: false. */
    allowOther?: boolean;
    /** Log every FUSE call. Default: false. */
    debug?: boolean;
}

export interface LiteFsHttpOptions {
    /** Time allowed to send a snapshot to a replica (`snapshot-timeout`). Default: `data.retention`. */
    snapshotTimeout?: string;
}

export interface LiteFsLeaseOptions {
    /** Delay between attempts to reach the primary (`reconnect-delay`). Default: "1s". */
    reconnectDelay?: string;
}

export interface LiteFsLogOptions {
    /** "text" or "json". Default: "text". */
    format?: LogFormat;
    /** Include timestamps. Default: false. */
    timestamp?: boolean;
    /** Debug logging. Default: false. */
    debug?: boolean;
}

export interface LiteFsTracingOptions {
    /** Write the trace log when `path` is set. Default: true. */
    enabled?: boolean;
    /** Trace log file; empty turns tracing off. Default: none. */
    path?: string;
    /** Maximum size of one trace file, in MB. Default: 64. */
    maxSize?: number;
    /** Trace files kept. Default: 8. */
    maxCount?: number;
    /** Compress rotated trace files. Default: true. */
    compress?: boolean;
}

/** LiteFS's `log.format`. */
export const LogFormat = {
    Text: "text",
    Json: "json",
} as const;
export type LogFormat = (typeof LogFormat)[keyof typeof LogFormat];
