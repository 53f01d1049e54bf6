/** The plan: `LiteFsAppArgs` validated and fully defaulted, in the shape the builders read. */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type {
    BackupSource,
    DataProtection,
    MetricsThresholdsArgs,
    GatewayRefArgs,
    ImagePullPolicy,
    PodSecurityContextArgs,
    ServiceType,
    StorageAccessMode,
    PodAntiAffinity,
    ProbeTimingArgs,
    ResourcesArgs,
    SecretKeyRefArgs,
    TolerationArgs,
} from "../args";
import type { LiteFsSettings, ProxySettings } from "../litefs/config";
import type { AppNames } from "../naming";
import type { Problem } from "../validation/problem";

/** What every plan module returns: its part of the plan, and the problems it found (none: the part is valid). */
export interface Planned<T> {
    readonly value: T;
    readonly problems: Problem[];
}

/** What a plan module knows beyond the arguments. */
export interface PlanContext {
    /** The instance name. */
    readonly name: string;
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

/** Sidecar mode: LiteFS's own image and resources. */
export interface LiteFsSidecarPlan {
    readonly image: pulumi.Input<string>;
    readonly resources?: ResourcesArgs;
}

export interface AppPlan {
    readonly name: string;
    readonly names: AppNames;
    readonly namespace: string;
    readonly createNamespace: boolean;
    readonly replicas: number;
    readonly image: pulumi.Input<string>;
    readonly port: number;
    readonly apiPort: number;
    readonly command: string;
    readonly migrate?: string;
    readonly database: string;
    readonly storage: StorageSettings;
    readonly env: Readonly<Record<string, pulumi.Input<string>>>;
    readonly secretEnv: Readonly<Record<string, SecretKeyRefArgs>>;
    /** The proxy's port and its litefs.yml settings, when the proxy is on. */
    readonly proxy?: ProxyPlan;
    /** The caller's LiteFS settings, already in litefs.yml form. */
    readonly litefs: LiteFsSettings;
    readonly dataDir: string;
    /** LiteFS's fuse.dir: where the app opens the database. */
    readonly fuseDir: string;
    /** Where the FUSE emptyDir is mounted: fuse.dir in embedded mode, its parent (shared by both containers) in sidecar mode. */
    readonly fuseVolumeDir: string;
    readonly configDir: string;
    readonly selectorLabels: Readonly<Record<string, string>>;
    /** Selector labels plus the caller's labels. */
    readonly labels: Readonly<Record<string, string>>;
    readonly podAnnotations: Readonly<Record<string, string>>;
    readonly resources?: ResourcesArgs;
    readonly imagePullPolicy?: ImagePullPolicy;
    readonly imagePullSecrets: readonly string[];
    readonly dataProtection: DataProtection;
    readonly networkPolicy: boolean;
    readonly serviceAccountName?: string;
    readonly fuseAccess: FuseAccess;
    readonly probes: ProbesPlan;
    /** The Gateway API route, when asked for. */
    readonly httpRoute?: HttpRoutePlan;
    readonly terminationGracePeriodSeconds: number;
    /** 0: no preStop hook. */
    readonly preStopSleepSeconds: number;
    readonly updatePartition: number;
    readonly minReadySeconds: number;
    readonly podAntiAffinity: PodAntiAffinity;
    readonly nodeSelector: Readonly<Record<string, string>>;
    readonly tolerations: readonly TolerationArgs[];
    readonly topologySpreadConstraints: readonly k8s.types.input.core.v1.TopologySpreadConstraint[];
    readonly priorityClassName?: string;
    readonly podSecurityContext?: PodSecurityContextArgs;
    readonly sidecars: readonly k8s.types.input.core.v1.Container[];
    readonly initContainers: readonly k8s.types.input.core.v1.Container[];
    readonly volumes: readonly k8s.types.input.core.v1.Volume[];
    /** Mounts of `volumes` into the app's container. */
    readonly volumeMounts: readonly k8s.types.input.core.v1.VolumeMount[];
    readonly envFrom: readonly k8s.types.input.core.v1.EnvFromSource[];
    readonly services: { readonly read: ServicePlan; readonly primary: ServicePlan };
    /** The metrics sidecar and monitoring objects, when `metrics` is set. */
    readonly metrics?: MetricsPlan;
    /** Scheduled backups, when `backup` is given. */
    readonly backup?: BackupPlan;
    /** Sidecar mode: LiteFS in a native sidecar of its own image, when `liteFsSidecar` is given. */
    readonly liteFsSidecar?: LiteFsSidecarPlan;
}

/** The tools a backup or restore step may need, each run in its own image. */
export type BackupTool = "rclone" | "sqlite" | "curl";

export interface BackupPlan {
    /** A standard cron expression (5 fields or a macro such as `@daily`), in UTC. */
    readonly schedule: string;
    /** rclone remote path; snapshots go to `<destination>/<database>/`. */
    readonly destination: string;
    /** The existing Secret with `RCLONE_CONFIG_<REMOTE>_<KEY>` keys. */
    readonly rcloneConfigSecret: string;
    /** rclone duration, e.g. `30d`. */
    readonly retention: string;
    readonly from: BackupSource;
    readonly suspend: boolean;
    /** The image each tool's steps run in. */
    readonly images: Readonly<Record<BackupTool, string>>;
}

export type PlanResult = { ok: true; plan: AppPlan; warnings: string[] } | { ok: false; problems: Problem[] };
