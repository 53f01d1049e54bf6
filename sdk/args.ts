/**
 * The public arguments of `LiteFsApp`. Fields that name Kubernetes objects or shape the StatefulSet are
 * plain values: they are validated before anything is created, and most of them feed immutable fields.
 * Values that commonly come from other resources (the image, env values, possibly secret) are Inputs.
 */
import type * as pulumi from "@pulumi/pulumi";

/*
 * Arguments with a fixed set of values. Each is a const object and a type of the same name: TypeScript refuses
 * any other string, and the Pulumi schema analyzer turns the pair into an enum for the other languages.
 */

/** What a Pulumi operation may do to the objects that hold or guard the data; see `LiteFsAppArgs.dataProtection`. */
export const DataProtection = {
    /** `pulumi destroy` leaves the created namespace, and so the PVCs in it, in the cluster. */
    Retain: "retain",
    /** As retain, and the StatefulSet and namespace are `protect`ed. */
    Protect: "protect",
    /** `pulumi destroy` deletes the created namespace and every PVC in it. */
    None: "none",
} as const;
export type DataProtection = (typeof DataProtection)[keyof typeof DataProtection];

/** How pods spread over nodes; see `LiteFsAppArgs.podAntiAffinity`. */
export const PodAntiAffinity = {
    /** Anti-affinity on `kubernetes.io/hostname` that the scheduler tries to honour. */
    Preferred: "preferred",
    /** Never two pods of this app on one node. */
    Required: "required",
    /** No anti-affinity. */
    None: "none",
} as const;
export type PodAntiAffinity = (typeof PodAntiAffinity)[keyof typeof PodAntiAffinity];

/** How the LiteFS container gets `/dev/fuse`; see `FuseAccessArgs.mode`. */
export const FuseMode = {
    /** The LiteFS container runs privileged. */
    Privileged: "privileged",
    /** A FUSE device plugin grants the device; the container gets SYS_ADMIN only. */
    DevicePlugin: "devicePlugin",
} as const;
export type FuseMode = (typeof FuseMode)[keyof typeof FuseMode];

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

/** A toleration's `operator`. */
export const TolerationOperator = {
    /** The taint's value must equal the toleration's. */
    Equal: "Equal",
    /** Any value; with an empty key, any taint. */
    Exists: "Exists",
} as const;
export type TolerationOperator = (typeof TolerationOperator)[keyof typeof TolerationOperator];

/** A taint's `effect`. */
export const TaintEffect = {
    NoSchedule: "NoSchedule",
    PreferNoSchedule: "PreferNoSchedule",
    NoExecute: "NoExecute",
} as const;
export type TaintEffect = (typeof TaintEffect)[keyof typeof TaintEffect];

/** LiteFS's `log.format`. */
export const LogFormat = {
    Text: "text",
    Json: "json",
} as const;
export type LogFormat = (typeof LogFormat)[keyof typeof LogFormat];

/** Which pod a backup exports from; see `BackupArgs.from`. */
export const BackupSource = {
    /** The highest-ordinal replica (the next lower ones if it doesn't answer); pod-0 only when replicas is 1. */
    Replica: "replica",
    /** Pod-0: its export holds a write lock while it streams, so writes wait. */
    Primary: "primary",
} as const;
export type BackupSource = (typeof BackupSource)[keyof typeof BackupSource];

/** How a Service is exposed; see `ServiceArgs.type`. */
export const ServiceType = {
    /** Reachable inside the cluster only. */
    ClusterIP: "ClusterIP",
    /** Also on a port of every node. */
    NodePort: "NodePort",
    /** Also through the cloud's load balancer (or k3s's ServiceLB). */
    LoadBalancer: "LoadBalancer",
} as const;
export type ServiceType = (typeof ServiceType)[keyof typeof ServiceType];

/** How a volume may be mounted; see `StorageArgs.accessModes`. */
export const StorageAccessMode = {
    /** Read-write by one node. */
    ReadWriteOnce: "ReadWriteOnce",
    /** Read-write by one pod (Kubernetes 1.29+ and CSI drivers that support it). */
    ReadWriteOncePod: "ReadWriteOncePod",
} as const;
export type StorageAccessMode = (typeof StorageAccessMode)[keyof typeof StorageAccessMode];

/** What the scheduler does when a topology spread constraint cannot be met. */
export const WhenUnsatisfiable = {
    /** Keep the pod Pending. */
    DoNotSchedule: "DoNotSchedule",
    /** Schedule it anyway, preferring the least skewed placement. */
    ScheduleAnyway: "ScheduleAnyway",
} as const;
export type WhenUnsatisfiable = (typeof WhenUnsatisfiable)[keyof typeof WhenUnsatisfiable];

/**
 * A Kubernetes object given as it appears in a pod spec (a Container, a Volume, a VolumeMount, an
 * EnvFromSource): the fields and spelling of the Kubernetes API (`k8s.types.input.core.v1.*`). A plain
 * JSON object rather than the typed `@pulumi/kubernetes` input: the multi-language schema cannot express
 * those types (their union-typed fields, e.g. a probe's `port: number | string`), and pulumi-litefs checks
 * what matters here itself before anything is created.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema analyzer refuses `unknown`; `any` becomes a JSON object
export type KubernetesSpec = Record<string, any>;

export interface LiteFsAppArgs {
    /**
     * The app image, e.g. `ghcr.io/org/app@sha256:…` as pushed by GitHub Actions. It must contain the
     * `litefs` binary on PATH and `fusermount3` (the fuse3 package). Pin it by digest: with a mutable tag
     * a new image under the same tag is not a change to Pulumi, and `pulumi up` does nothing.
     */
    image: pulumi.Input<string>;
    /** Kubernetes namespace for every object. Default: the instance name. */
    namespace?: string;
    /**
     * Create the namespace, labelled `pod-security.kubernetes.io/enforce: privileged` (LiteFS pods are
     * privileged, which `baseline` and `restricted` reject). Set false to use an existing namespace; it
     * must then allow privileged pods. Default: true.
     */
    createNamespace?: boolean;
    /** Number of pods: pod-0 is the primary, every other pod a read replica. Default: 2. */
    replicas?: number;
    /** The port the app's HTTP server listens on inside the pod. */
    port: number;
    /**
     * The app's start command, run by LiteFS as the last `exec` entry once the node is ready. LiteFS
     * splits it into words without a shell, so `&&`, `;`, `|`, `<`, `>` and `$VAR` are refused: wrap
     * such commands in `sh -c '…'`.
     */
    command: string;
    /**
     * A command run before the app on the primary only (`if-candidate: true`), e.g. database migrations.
     * Same splitting rules as `command`. Default: none.
     */
    migrate?: string;
    /**
     * The SQLite database file name, opened by the app at `<litefs.fuse.dir>/<database>` (by default
     * `/litefs/sqlite.db`). Used as `proxy.db`. Default: "sqlite.db".
     */
    database?: string;
    /** The persistent volume each pod gets for LiteFS's data directory. */
    storage?: StorageArgs;
    /**
     * Environment variables for the app (LiteFS passes its environment on to `command` and `migrate`).
     * Values may be Pulumi secrets: those are stored in a Kubernetes Secret `<name>-env` that pulumi-litefs
     * owns and read from it, so the pod spec stays readable in previews. `HOSTNAME`, `LITEFS_CLOUD_TOKEN` and
     * the variables pulumi-litefs sets itself are refused. Default: none.
     */
    env?: Record<string, pulumi.Input<string>>;
    /**
     * Environment variables read from Kubernetes Secrets that already exist in the namespace
     * (`valueFrom.secretKeyRef`), e.g. `{ DATABASE_KEY: { secretName: "app-keys", key: "db" } }`. A name may
     * appear in `env` or here, not both. Default: none.
     */
    secretEnv?: Record<string, SecretKeyRefArgs>;
    /** Turns on the LiteFS proxy in front of the app. Default: off. */
    proxy?: ProxyArgs;
    /** LiteFS settings beyond what the other arguments set. Default: LiteFS's own defaults. */
    litefs?: LiteFsOptions;
    /** The LiteFS node API port that replicas stream from (`http.addr`). Default: 20202. */
    apiPort?: number;
    /** The cluster's DNS domain, used in the primary's advertise URL. Default: "cluster.local". */
    clusterDomain?: string;
    /** Extra labels for every object and pod. The selector labels cannot be overridden. Default: none. */
    labels?: Record<string, string>;
    /** Extra annotations on the pod template (changing them rolls the pods). Default: none. */
    podAnnotations?: Record<string, string>;
    /** CPU and memory requests and limits of the app container. Default: none. */
    resources?: ResourcesArgs;
    /** `Always`, `IfNotPresent` or `Never`. Default: Kubernetes' default for the image reference. */
    imagePullPolicy?: ImagePullPolicy;
    /** Names of Secrets (type dockerconfigjson) to pull a private image, e.g. from GHCR. Default: none. */
    imagePullSecrets?: string[];
    /**
     * Readiness, liveness and startup probes. Readiness is the proxy's `GET /litefs/health` when the proxy
     * is on, else `readinessPath` on the app port (a TCP check without it). Liveness is a TCP check on the
     * LiteFS API port, never through the proxy. Default: the defaults of `ProbesArgs`.
     */
    probes?: ProbesArgs;
    /**
     * Method-based routing with the Gateway API: an `HTTPRoute` `<name>` that sends GET and HEAD to the
     * read Service `<name>` and writes to `<name>-primary`. Needs the Gateway API CRDs and a Gateway.
     * Default: no route.
     */
    httpRoute?: HttpRouteArgs;
    /**
     * Seconds Kubernetes waits after the stop signal before killing a pod. It must cover `preStopSleepSeconds`,
     * the app's own shutdown and LiteFS unmounting. LiteFS ignores SIGTERM until the node is ready, so a
     * replica that cannot reach pod-0 always takes this long to stop. Never 0. Default: 30.
     */
    terminationGracePeriodSeconds?: number;
    /**
     * Seconds a stopping pod keeps serving (a `preStop` sleep) so Services and Gateways stop sending it
     * traffic before the app and LiteFS get SIGTERM; 0 turns it off. The image needs a `sleep` binary.
     * Must be less than `terminationGracePeriodSeconds`. Default: 5.
     */
    preStopSleepSeconds?: number;
    /**
     * The StatefulSet's `updateStrategy.rollingUpdate.partition`: a rolling update only replaces pods whose
     * ordinal is at least this. Pods are replaced from the highest ordinal down, replicas first and pod-0
     * (the primary) last; set 1 to update the replicas only, check them, then set 0 to update the primary.
     * While it is above 0 Pulumi does not wait for the rollout (its await needs every pod updated).
     * At most `replicas`. Default: 0.
     */
    updatePartition?: number;
    /** Seconds a new pod must stay Ready before a rolling update moves on to the next (lower) ordinal. Default: 10. */
    minReadySeconds?: number;
    /**
     * Spreading pods over nodes: "preferred" (pod anti-affinity on `kubernetes.io/hostname` that the
     * scheduler tries to honour), "required" (never two pods of this app on one node; pods stay Pending
     * when there are fewer nodes than replicas) or "none". Default: "preferred".
     */
    podAntiAffinity?: PodAntiAffinity;
    /** Node labels a node must have to run these pods (`nodeSelector`). Default: none. */
    nodeSelector?: Record<string, string>;
    /** Taints these pods tolerate. Default: none. */
    tolerations?: TolerationArgs[];
    /**
     * What a Pulumi operation may do to the objects that hold or guard the data (the StatefulSet and the
     * namespace pulumi-litefs creates). The PVCs themselves are always kept (retention Retain/Retain).
     * - `"retain"`: `pulumi destroy` leaves the created namespace, and so the PVCs in it, in the cluster.
     * - `"protect"`: as `"retain"`, and the StatefulSet and namespace are `protect`ed: `pulumi destroy`, and any
     *   change that would replace them, fails until you set `"retain"` again.
     * - `"none"`: `pulumi destroy` deletes the created namespace and every PVC in it (for throwaway stacks).
     * Default: "retain".
     */
    dataProtection?: DataProtection;
    /**
     * Creates a NetworkPolicy that admits the LiteFS API port (`apiPort`, unauthenticated) only from this
     * app's own pods, and the app and proxy ports from anywhere. It needs a CNI that enforces
     * NetworkPolicies. Default: true.
     */
    networkPolicy?: boolean;
    /**
     * A ServiceAccount in the namespace for the pods. Without one the pods run as `default` with
     * `automountServiceAccountToken: false` (LiteFS needs no Kubernetes API access); with one, its own
     * automount setting applies. Default: none.
     */
    serviceAccountName?: string;
    /** How the LiteFS container gets `/dev/fuse`. Default: privileged mode. */
    fuseAccess?: FuseAccessArgs;
    /**
     * More containers in each pod, beside the app's (a log shipper, a metrics exporter): Kubernetes
     * Container specs. Each needs a `name` (not "app") and an `image`. They never get elevated rights: no
     * `privileged`, no added capabilities, no `allowPrivilegeEscalation: true`, no unconfined AppArmor;
     * pulumi-litefs sets `allowPrivilegeEscalation: false` and drops every capability. They may mount
     * `volumes`, not LiteFS's own volumes. Default: none.
     */
    sidecars?: KubernetesSpec[];
    /**
     * Containers that run to completion before the app's container starts on every pod (replicas included:
     * a database migration belongs in `migrate`). Kubernetes Container specs, with the same rules as
     * `sidecars`. Default: none.
     */
    initContainers?: KubernetesSpec[];
    /**
     * More pod volumes (Kubernetes Volume specs: `configMap`, `secret`, `emptyDir`, `persistentVolumeClaim`,
     * …) for `volumeMounts` and the sidecars. Their names may not be LiteFS's own (`litefs-data`,
     * `litefs-fuse`, `litefs-config`). Default: none.
     */
    volumes?: KubernetesSpec[];
    /**
     * Mounts of `volumes` into the app's container (Kubernetes VolumeMount specs: `name`, `mountPath`,
     * `readOnly`, `subPath`). A mount path may not overlap LiteFS's directories (data.dir, fuse.dir, the
     * litefs.yml directory). Default: none.
     */
    volumeMounts?: KubernetesSpec[];
    /**
     * Environment from ConfigMaps and Secrets (Kubernetes EnvFromSource specs: `{ configMapRef: { name } }`
     * or `{ secretRef: { name } }`, with an optional `prefix`). pulumi-litefs's own variables and `env` win
     * over a key of the same name; never put `HOSTNAME` in them. Default: none.
     */
    envFrom?: KubernetesSpec[];
    /**
     * How pods spread over zones or nodes (Kubernetes TopologySpreadConstraint specs: `maxSkew`,
     * `topologyKey`, `whenUnsatisfiable`, …). Without a `labelSelector`, a constraint selects this app's
     * pods. Default: none (`podAntiAffinity` spreads over nodes).
     */
    topologySpreadConstraints?: KubernetesSpec[];
    /** The PriorityClass of the pods, e.g. to keep pod-0 from being preempted. Default: none (the cluster's default). */
    priorityClassName?: string;
    /** The pod's security context, limited to the fields that cannot break FUSE. Default: none. */
    podSecurityContext?: PodSecurityContextArgs;
    /** Type, annotations and labels of the read Service `<name>` and the write Service `<name>-primary`. Default: both ClusterIP. */
    services?: ServicesArgs;
    /**
     * Scheduled backups to object storage: a CronJob `<name>-backup` exports the database from a replica,
     * checks it and uploads it with rclone; the `restoreCommands` output restores one. Default: no backups.
     */
    backup?: BackupArgs;
    /**
     * LiteFS's Prometheus metrics without exposing its API: a sidecar that answers only `GET /metrics` on the
     * port named `metrics`, and optionally a PodMonitor, alert rules and a Grafana dashboard. `{}` turns on the
     * sidecar with its defaults. Default: none (no sidecar).
     */
    metrics?: MetricsArgs;
}

export interface MetricsArgs {
    /**
     * The pod's port named `metrics`, where the sidecar serves `/metrics`. From 1024 (the sidecar is not root),
     * different from `port`, `apiPort` and `proxy.port`. Default: 20203.
     */
    port?: number;
    /**
     * Who may scrape the metrics port, as NetworkPolicy `from` peers (requires the NetworkPolicy). The default
     * admits every pod in every namespace: the page holds only numbers and database names. Narrow it, e.g.
     * `[{ namespaceSelector: { "kubernetes.io/metadata.name": "monitoring" } }]`. Default: [{"namespaceSelector":{}}].
     */
    allowFrom?: MetricsPeerArgs[];
    /**
     * A Prometheus Operator PodMonitor `<name>` (monitoring.coreos.com/v1) selecting this app's pods on the
     * `metrics` port; without it the pods carry `prometheus.io/scrape` annotations instead. Needs the Operator's
     * CRDs. Default: false.
     */
    podMonitor?: boolean;
    /** The alert rules, as a Prometheus Operator PrometheusRule `<name>` (monitoring.coreos.com/v1). Default: false. */
    prometheusRule?: boolean;
    /** A Grafana dashboard in the ConfigMap `<name>-dashboard`, labelled `grafana_dashboard: "1"` for Grafana's sidecar. Default: false. */
    dashboard?: boolean;
    /**
     * The sidecar's image: nginx 1.19.5 or later with `/bin/sh`, running as uid 101. Pin it by version or digest.
     * Default: "nginxinc/nginx-unprivileged:1.28.0-alpine".
     */
    image?: string;
    /** The alert thresholds (with `prometheusRule: true`). Default: the defaults of `MetricsThresholdsArgs`. */
    thresholds?: MetricsThresholdsArgs;
}

/** A NetworkPolicy `from` peer, with label maps for selectors: at least one of the two. */
export interface MetricsPeerArgs {
    /** Namespaces by their labels; `{}` is every namespace. Without it, the app's own namespace. Default: none. */
    namespaceSelector?: Record<string, string>;
    /** Pods by their labels, within the selected namespaces. Without it, every pod there. Default: none. */
    podSelector?: Record<string, string>;
}

/** When the alerts fire; each is an alert's threshold, described in the README's Alerts section. */
export interface MetricsThresholdsArgs {
    /** `LiteFSReplicaLagging`: seconds since a replica last heard from the primary (which sends a heartbeat every second). Default: 30. */
    replicaLagSeconds?: number;
    /**
     * `LiteFSReplicaBehindPrimary`: a replica whose transaction id is below the one the primary had this many
     * seconds ago. A whole number. Default: 120.
     */
    behindPrimarySeconds?: number;
    /** `LiteFSVolumeNearlyFull`: percent of a data volume in use, above 0 and below 100. Default: 80. */
    volumeUsagePercent?: number;
    /** `LiteFSPodRestarting`: container restarts within an hour, a whole number. Default: 3. */
    restartsPerHour?: number;
    /** `LiteFSBackupTooOld`: hours without a successful backup (with backups on). Default: 26. */
    backupMaxAgeHours?: number;
}

/**
 * Pod-level security settings that leave the LiteFS container as it must be (root, with FUSE rights). Not
 * offered: `runAsNonRoot` (the LiteFS container runs as root, so the kubelet would refuse to start it),
 * `seccompProfile` and `appArmorProfile` (a confining profile denies mount(2), which FUSE needs), `sysctls`.
 */
export interface PodSecurityContextArgs {
    /**
     * Group that owns the pod's volumes (the data volume too), and a supplementary group of every container.
     * Set `fsGroupChangePolicy: "OnRootMismatch"` with it, or the kubelet re-owns every file of a large data
     * volume at each pod start. Default: none.
     */
    fsGroup?: number;
    /** "OnRootMismatch" or "Always": when the kubelet changes volume ownership to fsGroup. Default: Kubernetes' ("Always"). */
    fsGroupChangePolicy?: string;
    /** Extra groups for every container's first process. Default: none. */
    supplementalGroups?: number[];
    /** User the sidecars and init containers run as when they set none; the LiteFS container always runs as root. Default: the image's. */
    runAsUser?: number;
    /** Group the sidecars and init containers run as when they set none; the LiteFS container always runs as root. Default: the image's. */
    runAsGroup?: number;
}

export interface ServicesArgs {
    /** The read Service `<name>`: every Ready pod, for GET and HEAD. */
    read?: ServiceArgs;
    /** The write Service `<name>-primary`: pod-0 only. */
    primary?: ServiceArgs;
}

export interface ServiceArgs {
    /** "ClusterIP", "NodePort" or "LoadBalancer". Default: "ClusterIP". */
    type?: ServiceType;
    /** Annotations, e.g. a cloud load balancer's (`service.beta.kubernetes.io/aws-load-balancer-scheme: internal`). Default: none. */
    annotations?: Record<string, string>;
    /** Labels added to the Service's own (not to its selector). Default: none. */
    labels?: Record<string, string>;
}

/**
 * Scheduled snapshots of the database, uploaded with rclone to `<destination>/<database>/<UTC time>.db.gz`.
 * Each is checked before upload (non-empty, SQLite header, `PRAGMA integrity_check`, tables). There is no
 * point-in-time restore: a restore brings back one snapshot.
 */
export interface BackupArgs {
    /** When to back up: a cron expression in UTC (5 fields, or a macro such as "@daily"), e.g. "0 * * * *" for hourly. */
    schedule: string;
    /** The rclone remote path snapshots go under, `<remote>:<bucket>/<folder>`, e.g. "s3:my-bucket/abaci". */
    destination: string;
    /**
     * An existing Secret in the namespace whose keys are `RCLONE_CONFIG_<REMOTE>_<KEY>` variables configuring the
     * remote of `destination` (e.g. `RCLONE_CONFIG_S3_TYPE`). Only the rclone steps see it.
     */
    rcloneConfigSecret: string;
    /** Snapshots older than this (an rclone duration of at least an hour, e.g. "30d" or "12w") are deleted after each upload. Default: "30d". */
    retention?: string;
    /**
     * Which pod to export from: "replica" (the highest ordinal, then the next lower ones; pod-0 when replicas
     * is 1, with a warning) or "primary" (pod-0, whose export holds a write lock while it streams). Default: "replica".
     */
    from?: BackupSource;
    /** An image with rclone, for the upload (and a restore's download). Default: "docker.io/rclone/rclone:1.69.1". */
    image?: string;
    /** An image with sqlite3, which checks each snapshot (rclone's image has none). Default: "docker.io/keinos/sqlite3:3.47.2". */
    sqliteImage?: string;
    /** An image with curl, which talks to LiteFS's export and import endpoints. Default: "docker.io/curlimages/curl:8.11.1". */
    curlImage?: string;
    /** Pause the schedule; nothing is deleted. Default: false. */
    suspend?: boolean;
}

export interface ProbesArgs {
    /**
     * Without the proxy: an HTTP path on the app port that answers 2xx or 3xx when the app can serve,
     * e.g. "/healthz". Refused with the proxy on: readiness is then the proxy's `/litefs/health`.
     * Default: none (a TCP check on the app port).
     */
    readinessPath?: string;
    /**
     * With the proxy on: keep replicas Ready, so they go on serving reads, while pod-0 is down. It sets
     * the proxy's `max-lag` to "0s". The trade-off: about 10s after losing pod-0 every replica's
     * `/litefs/health` turns 503 by default and the read Service `<name>` has no endpoints (no reads, no
     * stale reads); with this on, reads keep working but may be arbitrarily stale. Default: false.
     */
    replicasReadyWithoutPrimary?: boolean;
    /** Readiness timing. Default: period 5s, timeout 5s, 3 failures, no initial delay. */
    readiness?: ProbeTimingArgs;
    /**
     * Liveness timing (a TCP check on the LiteFS API port). Default: period 10s, timeout 5s, 6 failures,
     * no initial delay.
     */
    liveness?: ProbeTimingArgs;
    /**
     * Startup timing: the startup probe runs the readiness check and holds off liveness until it first
     * succeeds, so periodSeconds × failureThreshold is how long a pod has for its first sync from pod-0
     * (or its migrations on pod-0) before it is restarted. Default: period 10s, timeout 5s,
     * 360 failures (one hour), no initial delay.
     */
    startup?: ProbeTimingArgs;
}

/** Probe timing, as in a Kubernetes probe. Every field is a whole number of seconds or a count. */
export interface ProbeTimingArgs {
    /** Seconds after the container starts before the first check. */
    initialDelaySeconds?: number;
    /** Seconds between checks. At least 1. */
    periodSeconds?: number;
    /** Seconds a check may take. At least 1. */
    timeoutSeconds?: number;
    /** Failed checks in a row that count as failure. At least 1. */
    failureThreshold?: number;
}

export interface HttpRouteArgs {
    /**
     * The Gateways the route attaches to (`parentRefs`), 1 to 32. A Gateway in another namespace must
     * allow routes from this app's namespace (its listener's `allowedRoutes`).
     */
    parentRefs: GatewayRefArgs[];
    /**
     * Host names the route answers, e.g. "app.example.com" or "*.example.com" (at most 16). Default: none,
     * meaning every host name the Gateway's listeners accept.
     */
    hostnames?: string[];
}

export interface GatewayRefArgs {
    /** The Gateway's name. */
    name: string;
    /** The Gateway's namespace. Default: the app's namespace. */
    namespace?: string;
    /** One listener of the Gateway, by name (`sectionName`). Default: every listener that allows the route. */
    sectionName?: string;
    /** Only the Gateway's listeners on this port. Default: any port. */
    port?: number;
}

/** A Kubernetes toleration. */
export interface TolerationArgs {
    /** The taint key; empty with operator "Exists" tolerates every taint. Default: empty. */
    key?: string;
    /** "Equal" or "Exists". Default: "Equal". */
    operator?: TolerationOperator;
    /** The taint value, for operator "Equal". Default: empty. */
    value?: string;
    /** "NoSchedule", "PreferNoSchedule" or "NoExecute". Default: every effect. */
    effect?: TaintEffect;
    /** With effect "NoExecute": seconds the pod stays on a node after the taint appears. Default: forever. */
    tolerationSeconds?: number;
}

/** A key of an existing Kubernetes Secret, read into an environment variable. */
export interface SecretKeyRefArgs {
    /** The Secret's name, in the app's namespace. */
    secretName: string;
    /** The key inside the Secret. */
    key: string;
    /** Start the pod even when the Secret or key is missing (the variable is then unset). Default: false. */
    optional?: boolean;
}

/**
 * FUSE for LiteFS needs the `/dev/fuse` device and CAP_SYS_ADMIN. Either mode needs a namespace that allows
 * the `privileged` Pod Security level: SYS_ADMIN and an unconfined AppArmor profile fail `baseline` too.
 */
export interface FuseAccessArgs {
    /**
     * `"privileged"`: the LiteFS container runs privileged, which works on any cluster.
     * `"devicePlugin"`: for clusters running a FUSE device plugin (e.g. smarter-device-manager); the container
     * requests one `deviceResource` and gets only `SYS_ADMIN` on top of the runtime's default capabilities.
     * Default: "privileged".
     */
    mode?: FuseMode;
    /** The extended resource the device plugin advertises (mode "devicePlugin"). Default: "smarter-devices/fuse". */
    deviceResource?: string;
    /**
     * Run the LiteFS container with the AppArmor profile `Unconfined` (mode "devicePlugin"): the runtime's
     * default profile blocks `mount` on AppArmor hosts such as Ubuntu nodes. Needs Kubernetes 1.30 or later.
     * Default: true.
     */
    appArmorUnconfined?: boolean;
}

export interface StorageArgs {
    /** Size of each pod's volume, a Kubernetes quantity. Keep 20-50% spare for LTX files. Default: "1Gi". */
    size?: string;
    /** StorageClass of the volumes. Default: the cluster's default StorageClass. */
    storageClassName?: string;
    /**
     * Access modes of each pod's claim: "ReadWriteOnce" or "ReadWriteOncePod" (`StorageAccessMode`; a list of
     * strings because the multi-language schema has no lists of enums). Shared modes (ReadWriteMany,
     * ReadOnlyMany) are refused: each pod's LiteFS data must be its own. Changing it replaces the StatefulSet
     * (claim templates are immutable); existing claims keep theirs. Default: "ReadWriteOnce" alone.
     */
    accessModes?: string[];
    /** Annotations of each pod's claim (e.g. a CSI driver's or a backup tool's). Default: none. */
    annotations?: Record<string, string>;
    /** Labels added to each pod's claim (the app's selector labels are always there). Default: none. */
    labels?: Record<string, string>;
}

export interface ResourceListArgs {
    /** CPU, a Kubernetes quantity such as "250m" or "1". */
    cpu?: string;
    /** Memory, a Kubernetes quantity such as "512Mi". */
    memory?: string;
}

export interface ResourcesArgs {
    /** What the scheduler reserves for the container. */
    requests?: ResourceListArgs;
    /** The most the container may use. */
    limits?: ResourceListArgs;
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
