/**
 * The naming rules of a LiteFsApp: every Kubernetes name, DNS name and URL derived from the instance
 * name lives here, so the component, the CLI and the tests cannot disagree about them.
 */

/**
 * Pod names must fit DNS labels, and the StatefulSet controller labels every pod with
 * `controller-revision-hash: <name>-<10-character hash>`, a label value of at most 63 characters. With
 * replicas capped at MAX_REPLICAS (5000), `<name>-<ordinal>` (at most 52 + 1 + 4) and `<name>-headless` fit DNS labels too.
 */
export const MAX_NAME_LENGTH = 52;

/** Name of the volumeClaimTemplate; PVCs are therefore `litefs-data-<name>-<ordinal>`. */
export const DATA_VOLUME = "litefs-data";
/** The emptyDir LiteFS mounts its FUSE file system over (at fuse.dir). */
export const FUSE_VOLUME = "litefs-fuse";
/** The emptyDir the start-up script writes litefs.yml into. */
export const CONFIG_VOLUME = "litefs-config";
/** Sidecar mode: the emptyDir of busybox and the musl loader the LiteFS sidecar copies for the app container. */
export const TOOLS_VOLUME = "litefs-tools";

/**
 * Name of the app's container. In embedded mode (LiteFS starts the app through its `exec` section) it runs
 * LiteFS too: which container runs LiteFS is the pod layout's to say (`plan/pod-layout.ts`), never this name.
 */
export const APP_CONTAINER_NAME = "app";

/** Sidecar mode: the native sidecar (an init container with `restartPolicy: Always`) that runs LiteFS alone. */
export const LITEFS_CONTAINER_NAME = "litefs";

/** Sidecar mode: the init container, from the app's image, that runs `migrate` on pod-0 before the app. */
export const MIGRATE_CONTAINER_NAME = "migrate";

/** Name of the metrics sidecar container (nginx in front of LiteFS's `/metrics`). */
export const METRICS_CONTAINER_NAME = "metrics";

/** The metrics sidecar's emptyDir (pid file, temp paths, its generated nginx.conf). */
export const METRICS_RUN_VOLUME = "metrics-run";

/** Names of the containers' ports, which Services, probes and the PodMonitor refer to. */
export const PORT_NAMES = { app: "http", litefs: "litefs", proxy: "proxy", metrics: "metrics" } as const;

export interface AppNames {
    /** StatefulSet name, and the prefix of every pod name. */
    readonly statefulSet: string;
    /** The governing headless Service: `<name>-headless`. */
    readonly headlessService: string;
    /** The NetworkPolicy guarding the LiteFS API: `<name>`. */
    readonly networkPolicy: string;
    /** The Secret pulumi-litefs owns for secret-valued `env` entries: `<name>-env`. */
    readonly envSecret: string;
    /** The read Service over every Ready pod: `<name>`. */
    readonly readService: string;
    /** The write Service that selects the primary only: `<name>-primary`. */
    readonly primaryService: string;
    /** The backup CronJob: `<name>-backup`. */
    readonly backupCronJob: string;
    /** The ConfigMap of backup and restore scripts: `<name>-backup-scripts`. */
    readonly backupScripts: string;
    /** The one-off restore Job the restore commands create: `<name>-restore`. */
    readonly restoreJob: string;
    /** The restore drill's Job (`pulumi-litefs restore --verify`), which never touches the live database: `<name>-restore-drill`. */
    readonly restoreDrillJob: string;
    /** The PodMonitor and the PrometheusRule: `<name>`. */
    readonly podMonitor: string;
    readonly prometheusRule: string;
    /** The ConfigMap holding the Grafana dashboard: `<name>-dashboard`. */
    readonly dashboardConfigMap: string;
    readonly namespace: string;
    /** Pod name of ordinal `i`: `<name>-<i>`; `i` may be a shell variable (`$i`) in printed commands. */
    pod(ordinal: number | string): string;
    /** Stable DNS name of ordinal `i` through the headless Service (`i` may be a shell variable, as for `pod`). */
    podFqdn(ordinal: number | string): string;
    /** PVC that the StatefulSet controller creates for ordinal `i` (a number or a shell variable, as for `pod`). */
    pvc(ordinal: number | string): string;
    /** The static LiteFS primary's ordinal (`primaryOrdinal`, 0 unless moved). */
    readonly primaryOrdinal: number;
    /** The static LiteFS primary's pod: `<name>-<primaryOrdinal>`. */
    readonly primaryPod: string;
    /** A pod's LiteFS API URL as a printf format, `%d` for the ordinal: what backup and restore pods read. */
    apiUrlPattern(apiPort: number): string;
    /** `http://<name>-<primaryOrdinal>.<name>-headless.<namespace>.svc.<domain>:<apiPort>`: what every replica streams from. */
    primaryAdvertiseUrl(apiPort: number): string;
    /** `http://<name>-primary.<namespace>.svc.<domain>:<port>`: where in-cluster clients send writes. */
    primaryServiceUrl(port: number): string;
}

/** The names within a namespace that follow from the instance name alone. */
export type PodNames = Pick<AppNames, "statefulSet" | "pod" | "pvc" | "primaryOrdinal" | "primaryPod">;

export function podNames(name: string, primaryOrdinal = 0): PodNames {
    const pod = (ordinal: number | string) => `${name}-${ordinal}`;
    return { statefulSet: name, pod, pvc: (ordinal) => `${DATA_VOLUME}-${pod(ordinal)}`, primaryOrdinal, primaryPod: pod(primaryOrdinal) };
}

export function appNames(name: string, namespace: string, clusterDomain: string, primaryOrdinal = 0): AppNames {
    const headlessService = `${name}-headless`;
    const primaryService = `${name}-primary`;
    const pods = podNames(name, primaryOrdinal);
    const fqdn = (pod: string) => `${pod}.${headlessService}.${namespace}.svc.${clusterDomain}`;
    const podFqdn = (ordinal: number | string) => fqdn(pods.pod(ordinal));
    return {
        ...pods,
        headlessService,
        networkPolicy: name,
        envSecret: `${name}-env`,
        readService: name,
        primaryService,
        backupCronJob: `${name}-backup`,
        backupScripts: `${name}-backup-scripts`,
        restoreJob: `${name}-restore`,
        restoreDrillJob: `${name}-restore-drill`,
        podMonitor: name,
        prometheusRule: name,
        dashboardConfigMap: `${name}-dashboard`,
        namespace,
        podFqdn,
        // Pods are named <StatefulSet>-<ordinal> by the StatefulSet controller.
        apiUrlPattern: (apiPort) => `http://${fqdn(`${pods.statefulSet}-%d`)}:${apiPort}`,
        primaryAdvertiseUrl: (apiPort) => `http://${podFqdn(primaryOrdinal)}:${apiPort}`,
        primaryServiceUrl: (port) => `http://${primaryService}.${namespace}.svc.${clusterDomain}:${port}`,
    };
}

/**
 * The StatefulSet's annotation stating its static primary's ordinal: `pulumi-litefs promote` waits for it to show
 * the new `primaryOrdinal` (the new revision is applied) before it fences the old primary.
 */
export const PRIMARY_ORDINAL_ANNOTATION = "litefs.io/primary-ordinal";

/** The Consul KV key of an app's lease unless `failover.consul.key` says otherwise: unique per namespace and name. */
export function defaultConsulKey(namespace: string, name: string): string {
    return `pulumi-litefs/${namespace}/${name}`;
}

/** The labeller's container, and the ServiceAccount, Role and RoleBinding it uses: `<name>-labeller`. */
export const LABELLER_CONTAINER_NAME = "labeller";
/** The projected service-account token, mounted in the labeller only. */
export const LABELLER_TOKEN_VOLUME = "labeller-token";
/** The labeller's emptyDir (its event pipe). */
export const LABELLER_RUN_VOLUME = "labeller-run";
export function labellerObjectName(name: string): string {
    return `${name}-labeller`;
}

/** The label the StatefulSet controller puts on every pod with the pod's name: the write Service selects pod-0 by it. */
export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";

/**
 * The label the labeller keeps on each pod under `failover`: `primary` on the pod that holds the Consul lease,
 * `replica` on every other (the pod template's default). The write Service selects `primary`.
 */
export const ROLE_LABEL = "litefs.io/role";

/** Labels that select this app's pods. Never changes for an instance: a StatefulSet selector is immutable. */
export function selectorLabels(name: string): Record<string, string> {
    return { "app.kubernetes.io/name": "litefs", "app.kubernetes.io/instance": name };
}

/**
 * Labels of the backup and restore pods. The NetworkPolicy lets pods with exactly these reach the LiteFS API;
 * they share no selector label with the app's pods, so no Service, PDB or StatefulSet ever selects them.
 */
export function backupSelectorLabels(name: string): Record<string, string> {
    return { "app.kubernetes.io/name": "litefs-backup", "app.kubernetes.io/instance": name };
}
