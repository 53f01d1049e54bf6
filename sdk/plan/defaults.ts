/**
 * Every default of `LiteFsAppArgs`, keyed by argument path: the only place a default lives. The plan
 * modules read them here, `npm run docs` writes them into the argument tables, and tests check sdk/args/'s
 * "Default:" statements against this table (tests/plan/defaults.test.ts).
 */
import { LITEFS_API_PORT, LITEFS_DATA_DIR, LITEFS_FUSE_DIR, LITEFS_SIDECAR_IMAGE } from "../litefs/facts";

/** The pinned curl image: the backup's and restore's HTTP steps and the failover labeller all run it. */
const CURL_IMAGE = "docker.io/curlimages/curl:8.11.1";

export const DEFAULTS = {
    createNamespace: true,
    replicas: 2,
    database: "sqlite.db",
    "storage.size": "1Gi",
    /** The single access mode of each pod's claim. */
    "storage.accessModes": "ReadWriteOnce",
    "services.read.type": "ClusterIP",
    "services.primary.type": "ClusterIP",
    "proxy.port": 8080,
    apiPort: LITEFS_API_PORT,
    clusterDomain: "cluster.local",
    "litefs.data.dir": LITEFS_DATA_DIR,
    "litefs.fuse.dir": LITEFS_FUSE_DIR,
    "probes.replicasReadyWithoutPrimary": false,
    "probes.readiness.initialDelaySeconds": 0,
    "probes.readiness.periodSeconds": 5,
    "probes.readiness.timeoutSeconds": 5,
    "probes.readiness.failureThreshold": 3,
    // Lenient: a liveness kill on pod-0 takes out the only writer.
    "probes.liveness.initialDelaySeconds": 0,
    "probes.liveness.periodSeconds": 10,
    "probes.liveness.timeoutSeconds": 5,
    "probes.liveness.failureThreshold": 6,
    // One hour for the first sync of a large database (or pod-0's migrations) before a restart.
    "probes.startup.initialDelaySeconds": 0,
    "probes.startup.periodSeconds": 10,
    "probes.startup.timeoutSeconds": 5,
    "probes.startup.failureThreshold": 360,
    terminationGracePeriodSeconds: 30,
    preStopSleepSeconds: 5,
    updatePartition: 0,
    minReadySeconds: 10,
    podAntiAffinity: "preferred",
    "tolerations.operator": "Equal",
    dataProtection: "retain",
    networkPolicy: true,
    "fuseAccess.mode": "privileged",
    /** smarter-device-manager's name for /dev/fuse, the plugin the FUSE-without-privileged guides use. */
    "fuseAccess.deviceResource": "smarter-devices/fuse",
    "fuseAccess.appArmorUnconfined": true,
    "backup.retention": "30d",
    "backup.keepLast": 3,
    "backup.maxSourceLagSeconds": 30,
    "backup.from": "replica",
    // Each tool's own image, pinned by version and fully qualified (CRI-O refuses short names).
    "backup.image": "docker.io/rclone/rclone:1.69.1",
    "backup.sqliteImage": "docker.io/keinos/sqlite3:3.47.2",
    "backup.curlImage": CURL_IMAGE,
    "backup.suspend": false,
    /** Next to LiteFS's 20202, away from the ports apps and exporters usually take. */
    "metrics.port": 20203,
    /** Every pod in every namespace: a scrape that silently fails is worse than numbers anyone in the cluster can read. */
    "metrics.allowFrom": [{ namespaceSelector: {} }],
    "metrics.podMonitor": false,
    "metrics.prometheusRule": false,
    "metrics.dashboard": false,
    "metrics.image": "docker.io/nginxinc/nginx-unprivileged:1.28.0-alpine",
    "metrics.thresholds.replicaLagSeconds": 30,
    "metrics.thresholds.behindPrimarySeconds": 120,
    /** LiteFS's docs ask for 20–50% spare space for LTX files. */
    "metrics.thresholds.volumeUsagePercent": 80,
    "metrics.thresholds.restartsPerHour": 3,
    primaryOrdinal: 0,
    /** LiteFS's own defaults (consul/consul.go DefaultTTL, DefaultLockDelay), written out in every litefs.yml. */
    "failover.consul.ttl": "10s",
    "failover.consul.lockDelay": "1s",
    "failover.labellerImage": CURL_IMAGE,
    /** A daily schedule, with slack for one late run. */
    /** The official image, pinned to the release pulumi-litefs is built against. */
    "liteFsSidecar.image": LITEFS_SIDECAR_IMAGE,
} as const;

export type DefaultPath = keyof typeof DEFAULTS;
