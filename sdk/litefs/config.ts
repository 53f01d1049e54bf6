/**
 * The model of LiteFS 0.5's `litefs.yml`: exactly the keys LiteFS v0.5.14 decodes (cmd/litefs/config.go),
 * spelled as in the file. LiteFS decodes strictly: any other key stops it with exit code 2, so this model
 * has no others (there is no `primary-redirect-url`, in any version). Durations are Go duration strings
 * ("10s"); LiteFS refuses bare integers.
 */

/** A Go duration string as LiteFS parses it, e.g. "10s", "1m30s", "500ms", or "0". */
export type Duration = string;

export interface ExecEntry {
    /** The command. LiteFS splits it like a shell would split words, but runs no shell. */
    cmd: string;
    /** Run only on the node that may become primary. */
    "if-candidate"?: boolean;
}

export interface FuseConfig {
    dir?: string;
    "allow-other"?: boolean;
    debug?: boolean;
}

export interface DataConfig {
    dir?: string;
    compress?: boolean;
    retention?: Duration;
    "retention-monitor-interval"?: Duration;
}

export interface HttpConfig {
    addr?: string;
    "snapshot-timeout"?: Duration;
}

export interface ProxyConfig {
    addr?: string;
    target?: string;
    db?: string;
    "max-lag"?: Duration;
    debug?: boolean;
    passthrough?: string[];
    "always-forward"?: string[];
    "primary-redirect-timeout"?: Duration;
    "read-timeout"?: Duration;
    "read-header-timeout"?: Duration;
    "write-timeout"?: Duration;
    "idle-timeout"?: Duration;
}

export interface ConsulConfig {
    url?: string;
    key?: string;
    ttl?: Duration;
    "lock-delay"?: Duration;
}

export interface LeaseConfig {
    type: "static" | "consul";
    hostname?: string;
    "advertise-url"?: string;
    candidate?: boolean;
    promote?: boolean;
    "reconnect-delay"?: Duration;
    "demote-delay"?: Duration;
    databases?: string[];
    consul?: ConsulConfig;
}

export interface BackupConfig {
    type?: "file" | "litefs-cloud";
    path?: string;
    url?: string;
    cluster?: string;
    "auth-token"?: string;
}

export interface LogConfig {
    format?: "text" | "json";
    timestamp?: boolean;
    debug?: boolean;
}

export interface TracingConfig {
    enabled?: boolean;
    path?: string;
    "max-size"?: number;
    "max-count"?: number;
    compress?: boolean;
}

export interface LiteFsConfig {
    "exit-on-error"?: boolean;
    "skip-sync"?: boolean;
    "strict-verify"?: boolean;
    /** LiteFS accepts one command as a string, or a list. */
    exec?: string | ExecEntry[];
    data?: DataConfig;
    fuse?: FuseConfig;
    http?: HttpConfig;
    proxy?: ProxyConfig;
    lease: LeaseConfig;
    backup?: BackupConfig;
    log?: LogConfig;
    tracing?: TracingConfig;
}

/** The caller's LiteFS settings (the `litefs` argument in litefs.yml form), without the keys pulumi-litefs manages. */
export interface LiteFsSettings {
    readonly "exit-on-error"?: boolean;
    readonly "skip-sync"?: boolean;
    readonly "strict-verify"?: boolean;
    readonly data?: Omit<DataConfig, "dir">;
    readonly fuse?: Omit<FuseConfig, "dir">;
    readonly http?: Omit<HttpConfig, "addr">;
    readonly lease?: Pick<LeaseConfig, "reconnect-delay">;
    readonly log?: LogConfig;
    readonly tracing?: TracingConfig;
}

/** The caller's proxy settings (the `proxy` argument in litefs.yml form), without the keys pulumi-litefs manages. */
export type ProxySettings = Omit<ProxyConfig, "addr" | "target" | "db" | "always-forward">;
