/** The plan: `LiteFsAppArgs` validated and fully defaulted, in the shape the builders read. */
import type { BackupSource, GatewayRefArgs, MetricsThresholdsArgs, ProbeTimingArgs, ServiceType, StorageAccessMode } from "../args";
import type { ProxySettings } from "../litefs/config";
import type { Problem } from "../validation/problem";
import type { Basics } from "./basics";

/** What every plan module returns: its part of the plan, and the problems it found (none: the part is valid). */
export interface Planned<T> {
    readonly value: T;
    readonly problems: Problem[];
}

/** What a plan module knows beyond the arguments: the instance name and the basics resolved once (`basics.ts`). */
export interface PlanContext {
    /** The instance name. */
    readonly name: string;
    readonly basics: Basics;
}

/** How the LiteFS container gets /dev/fuse. */
export type FuseAccess =
    | { readonly mode: "privileged" }
    | { readonly mode: "devicePlugin"; readonly deviceResource: string; readonly appArmorUnconfined: boolean };

export type ProbeTiming = Readonly<Required<ProbeTimingArgs>>;

export interface ProbesPlan {
    /** Without the proxy: the app path readiness and startup check; a TCP check on the app port when absent. */
    readonly readinessPath?: string;
    readonly readiness: ProbeTiming;
    readonly liveness: ProbeTiming;
    readonly startup: ProbeTiming;
}

export interface ProxyPlan {
    readonly port: number;
    readonly settings: ProxySettings;
}

export interface HttpRoutePlan {
    readonly parentRefs: readonly GatewayRefArgs[];
    readonly hostnames: readonly string[];
}

export interface StorageSettings {
    readonly size: string;
    readonly storageClassName?: string;
    readonly accessModes: readonly StorageAccessMode[];
    readonly annotations: Readonly<Record<string, string>>;
    /** The caller's labels; the claim template also carries the selector labels. */
    readonly labels: Readonly<Record<string, string>>;
}

export interface ServicePlan {
    readonly type: ServiceType;
    readonly annotations: Readonly<Record<string, string>>;
    /** The caller's labels, added to the app's labels. */
    readonly labels: Readonly<Record<string, string>>;
}

export type MetricsThresholds = Readonly<Required<MetricsThresholdsArgs>>;

/** One NetworkPolicy peer that may scrape; an absent selector is left out of the peer. */
export interface MetricsPeer {
    readonly namespaceSelector?: Readonly<Record<string, string>>;
    readonly podSelector?: Readonly<Record<string, string>>;
}

export interface MetricsPlan {
    readonly port: number;
    readonly image: string;
    readonly allowFrom: readonly MetricsPeer[];
    readonly podMonitor: boolean;
    readonly prometheusRule: boolean;
    readonly dashboard: boolean;
    readonly thresholds: MetricsThresholds;
}

/** The tools a backup or restore step may need, each run in its own image. */
export type BackupTool = "rclone" | "sqlite" | "curl";

export interface BackupPlan {
    /** A standard cron expression (5 fields or a macro such as `@daily`), in UTC. */
    readonly schedule: string;
    /** rclone remote path; snapshots go to `<destination>/<namespace>/<name>/<database>/` (backup/layout.ts). */
    readonly destination: string;
    /** The existing Secret with `RCLONE_CONFIG_<REMOTE>_<KEY>` keys. */
    readonly rcloneConfigSecret: string;
    /** rclone duration, e.g. `30d`. */
    readonly retention: string;
    /** Retention keeps the newest this many snapshots whatever their age. */
    readonly keepLast: number;
    /** Seconds a source may take to reach the primary's position before it is refused as stale. */
    readonly maxSourceLagSeconds: number;
    readonly from: BackupSource;
    readonly suspend: boolean;
    /** The image each tool's steps run in. */
    readonly images: Readonly<Record<BackupTool, string>>;
}
