/** The argument names: what JavaScript and YAML callers, who have no compiler, may pass. */
import type { LiteFsAppArgs, ProbeTimingArgs, ResourcesArgs, ServiceArgs } from "../args";
import { LITEFS_OPTIONS_SHAPE, PROXY_SHAPE } from "../litefs/options";
import type { Problem } from "../validation/problem";
import { type Shape, unknownKeys } from "../validation/shape";
import type { PlanContext } from "./model";

const TIMING_SHAPE: Shape<ProbeTimingArgs> = {
    initialDelaySeconds: true,
    periodSeconds: true,
    timeoutSeconds: true,
    failureThreshold: true,
};

const RESOURCES_SHAPE: Shape<ResourcesArgs> = { requests: { cpu: true, memory: true }, limits: { cpu: true, memory: true } };

const SERVICE_SHAPE: Shape<ServiceArgs> = { type: true, annotations: true, labels: true };

export const ARGS_SHAPE: Shape<LiteFsAppArgs> = {
    image: true,
    namespace: true,
    createNamespace: true,
    replicas: true,
    port: true,
    command: true,
    migrate: true,
    database: true,
    storage: { size: true, storageClassName: true, accessModes: true, annotations: true, labels: true },
    env: true,
    secretEnv: true,
    proxy: PROXY_SHAPE,
    litefs: LITEFS_OPTIONS_SHAPE,
    apiPort: true,
    clusterDomain: true,
    labels: true,
    podAnnotations: true,
    resources: RESOURCES_SHAPE,
    imagePullPolicy: true,
    imagePullSecrets: true,
    dataProtection: true,
    networkPolicy: true,
    serviceAccountName: true,
    fuseAccess: { mode: true, deviceResource: true, appArmorUnconfined: true },
    probes: {
        readinessPath: true,
        replicasReadyWithoutPrimary: true,
        readiness: TIMING_SHAPE,
        liveness: TIMING_SHAPE,
        startup: TIMING_SHAPE,
    },
    httpRoute: { parentRefs: true, hostnames: true },
    terminationGracePeriodSeconds: true,
    preStopSleepSeconds: true,
    updatePartition: true,
    minReadySeconds: true,
    podAntiAffinity: true,
    nodeSelector: true,
    tolerations: true,
    sidecars: true,
    initContainers: true,
    volumes: true,
    volumeMounts: true,
    envFrom: true,
    topologySpreadConstraints: true,
    priorityClassName: true,
    podSecurityContext: { fsGroup: true, fsGroupChangePolicy: true, supplementalGroups: true, runAsUser: true, runAsGroup: true },
    services: { read: SERVICE_SHAPE, primary: SERVICE_SHAPE },
    metrics: {
        port: true,
        allowFrom: true,
        podMonitor: true,
        prometheusRule: true,
        dashboard: true,
        image: true,
        thresholds: {
            replicaLagSeconds: true,
            behindPrimarySeconds: true,
            volumeUsagePercent: true,
            restartsPerHour: true,
            backupMaxAgeHours: true,
        },
    },
    backup: {
        schedule: true,
        destination: true,
        rcloneConfigSecret: true,
        retention: true,
        keepLast: true,
        maxSourceLagSeconds: true,
        from: true,
        image: true,
        sqliteImage: true,
        curlImage: true,
        suspend: true,
    },
    primaryOrdinal: true,
    failover: {
        consul: { url: true, tokenSecret: { secretName: true, key: true, optional: true }, key: true, ttl: true, lockDelay: true },
        candidates: true,
        labellerImage: true,
    },
    liteFsSidecar: { image: true, resources: RESOURCES_SHAPE },
};

/** A misspelt key inside a probe's timing is a timing mistake (rule probes-timing), not an unknown argument. */
const TIMING_PATH = /^args\.probes\.(readiness|liveness|startup)\./;

/** Unknown argument names. `proxy` and `litefs` are checked by their converters, which know LiteFS's keys. */
export function unknownArgumentProblems(args: LiteFsAppArgs, _ctx: PlanContext): Problem[] {
    // podSecurityContext is checked by the privileges module, which says why a field is not offered.
    const { proxy: _proxy, litefs: _litefs, podSecurityContext: _podSecurityContext, ...plainArgs } = args;
    return unknownKeys(plainArgs, ARGS_SHAPE, "args").map((p) => (TIMING_PATH.test(p.path) ? { ...p, rule: "probes-timing" } : p));
}
