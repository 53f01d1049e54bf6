/**
 * Every series a pulumi-litefs alert or dashboard query may name: the one list, with where each comes from.
 * `SeriesName` is derived from it, so a query built with `series()` cannot name anything else, and a test
 * parses every rendered expression and checks each metric name against this list.
 */

export type Exporter = "litefs" | "kubelet" | "kube-state-metrics";

export interface Series {
    readonly name: string;
    readonly exporter: Exporter;
    /** Where the name is defined: file and variable in LiteFS v0.5.14, or the exporter's documentation. */
    readonly source: string;
    readonly meaning: string;
}

const KSM_POD = "kube-state-metrics docs/metrics/workload/pod-metrics.md";
const KSM_JOB = "kube-state-metrics docs/metrics/workload/job-metrics.md";
const KSM_CRONJOB = "kube-state-metrics docs/metrics/workload/cronjob-metrics.md";
/** Registered as `kubelet_` + `metrics.VolumeStats*Key` by the kubelet's volume stats collector. */
const KUBELET = "kubernetes pkg/kubelet/metrics/metrics.go (VolumeStats*Key), pkg/kubelet/metrics/collectors/volume_stats.go";

export const SERIES = [
    {
        name: "litefs_is_primary",
        exporter: "litefs",
        source: "superfly/litefs v0.5.14 store.go: storeIsPrimaryMetric (set in setLease)",
        meaning: "1 on the node holding the lease, 0 elsewhere.",
    },
    {
        name: "litefs_lag_seconds",
        exporter: "litefs",
        source: "superfly/litefs v0.5.14 store.go: GaugeFunc over Store.Lag()",
        meaning: "Seconds since the last frame (LTX or heartbeat) from the primary; 0 on the primary and on a replica not synced yet.",
    },
    {
        name: "litefs_db_txid",
        exporter: "litefs",
        source: "superfly/litefs v0.5.14 db.go: dbTXIDMetricVec (set in DB.setPos)",
        meaning: "The database's current transaction ID, per `db`.",
    },
    {
        name: "litefs_db_commit_count",
        exporter: "litefs",
        source: "superfly/litefs v0.5.14 db.go: dbCommitCountMetricVec",
        meaning: "Commits on this node, per `db`; created at the node's first commit, so replicas have none.",
    },
    {
        name: "litefs_db_lag_seconds",
        exporter: "litefs",
        source: "superfly/litefs v0.5.14 db.go: dbLatencySecondsMetricVec",
        meaning: "Time between an LTX file's creation and its apply on this node, per `db`.",
    },
    {
        name: "litefs_http_stream_count",
        exporter: "litefs",
        source: "superfly/litefs v0.5.14 http/server.go: serverStreamCountMetric (handlePostStream)",
        meaning: "Replication streams this node serves: on the primary, the replicas streaming from it.",
    },
    {
        name: "kubelet_volume_stats_used_bytes",
        exporter: "kubelet",
        source: KUBELET,
        meaning: "Bytes used on a mounted PVC, by `namespace` and `persistentvolumeclaim`.",
    },
    {
        name: "kubelet_volume_stats_capacity_bytes",
        exporter: "kubelet",
        source: KUBELET,
        meaning: "Capacity of a mounted PVC, by `namespace` and `persistentvolumeclaim`.",
    },
    {
        name: "kube_pod_container_status_restarts_total",
        exporter: "kube-state-metrics",
        source: KSM_POD,
        meaning: "Restarts of a container, by `namespace`, `pod` and `container`.",
    },
    {
        name: "kube_job_owner",
        exporter: "kube-state-metrics",
        source: KSM_JOB,
        meaning: "A Job's owner (`owner_kind`, `owner_name`): the CronJob that created it.",
    },
    {
        name: "kube_job_failed",
        exporter: "kube-state-metrics",
        source: KSM_JOB,
        meaning: 'Whether a Job has failed for good (`condition="true"`), after its retries.',
    },
    {
        name: "kube_job_status_start_time",
        exporter: "kube-state-metrics",
        source: KSM_JOB,
        meaning: "When a Job started (Unix seconds).",
    },
    {
        name: "kube_cronjob_status_last_successful_time",
        exporter: "kube-state-metrics",
        source: KSM_CRONJOB,
        meaning: "When a CronJob's last Job succeeded (Unix seconds); absent before the first success.",
    },
    {
        name: "kube_cronjob_created",
        exporter: "kube-state-metrics",
        source: KSM_CRONJOB,
        meaning: "When the CronJob was created (Unix seconds).",
    },
    {
        name: "kube_cronjob_spec_suspend",
        exporter: "kube-state-metrics",
        source: KSM_CRONJOB,
        meaning: "1 while the CronJob is suspended.",
    },
] as const satisfies readonly Series[];

export type SeriesName = (typeof SERIES)[number]["name"];

/** A selector for one listed series: `name{matchers}`. The type refuses any name not in `SERIES`. */
export function series(name: SeriesName, matchers: string): string {
    return `${name}{${matchers}}`;
}
