/**
 * The alert rules of one app, as a Prometheus rule group: what the PrometheusRule holds. Each alert says
 * what is wrong, what to do, and links to its section of docs/metrics-and-alerts.md (`runbook_url`).
 */
import type { MetricsThresholds } from "../plan";
import { dataVolumeMatchers, type MonitoredApp, podMatchers } from "./scope";
import { series } from "./series";

/** Where every `runbook_url` points: the alerts page's section per alert, whose anchor is the alert name in lowercase. */
export const RUNBOOK_BASE_URL = "https://github.com/pulumi-litefs/pulumi-litefs/blob/main/docs/metrics-and-alerts.md";

export interface AlertTarget extends MonitoredApp {
    readonly replicas: number;
    readonly thresholds: MetricsThresholds;
    /** The backup CronJob's name, when backups are on: adds the backup alerts. */
    readonly backupCronJob?: string;
    /** The pod layout's LiteFS container, whose logs the runbooks read. */
    readonly liteFsContainer: string;
}

export type Severity = "critical" | "warning";

export interface AlertRule {
    readonly alert: string;
    readonly expr: string;
    readonly for?: string;
    readonly labels: { readonly severity: Severity; readonly litefs_app: string };
    readonly annotations: { readonly summary: string; readonly description: string; readonly runbook_url: string };
}

export interface RuleGroup {
    readonly name: string;
    readonly rules: readonly AlertRule[];
}

interface AlertSpec {
    readonly alert: string;
    readonly expr: string;
    readonly for?: string;
    readonly severity: Severity;
    readonly summary: string;
    readonly description: string;
}

/** The anchor of an alert's runbook section in docs/metrics-and-alerts.md (GitHub lowercases heading text). */
export function runbookAnchor(alert: string): string {
    return alert.toLowerCase();
}

function liteFsAlerts(target: AlertTarget): AlertSpec[] {
    const pods = podMatchers(target);
    const t = target.thresholds;
    const perPod = (name: Parameters<typeof series>[0]) => `max by (namespace, pod) (${series(name, pods)})`;
    const primaries = `sum by (namespace) (${perPod("litefs_is_primary")})`;
    const isPrimary = `(${perPod("litefs_is_primary")} == 1)`;
    const app = `${target.namespace}/${target.name}`;
    const txid = (offset: string) => `max by (namespace, pod, db) (${series("litefs_db_txid", pods)}${offset ? ` ${offset}` : ""})`;
    /** The primary's transaction id per database (`primary` selects the pod that was primary then). */
    const primaryTxid = (offset: string, primary: string) => `max by (namespace, db) (${txid(offset)} and on (namespace, pod) ${primary})`;
    /** Each replica's transaction id per database. */
    const replicaTxid = (offset: string) => `(${txid(offset)} unless on (namespace, pod) ${isPrimary})`;
    const alerts: AlertSpec[] = [
        {
            alert: "LiteFSNoPrimary",
            expr: `${primaries} < 1 or absent(${series("litefs_is_primary", pods)})`,
            for: "2m",
            severity: "critical",
            summary: `LiteFS app ${app} has no primary: writes fail.`,
            description:
                `No pod of ${app} reports litefs_is_primary = 1, or none is scraped. Writes fail until ${target.name}-0 is back. ` +
                `Check the pod: kubectl -n ${target.namespace} get pod ${target.name}-0, then its events and logs (-c ${target.liteFsContainer}). ` +
                "If every pod is running, check that Prometheus can still scrape the metrics port (NetworkPolicy, allowFrom).",
        },
        {
            alert: "LiteFSSplitBrain",
            expr: `${primaries} > 1`,
            for: "1m",
            severity: "critical",
            summary: `LiteFS app ${app} has more than one primary.`,
            description:
                `More than one pod of ${app} holds the primary lease, so each accepts writes the others never see. ` +
                "Stop writes first. The dashboard's Primary panel (or litefs_is_primary) shows which pods claim it; pulumi-litefs makes only pod-0 a candidate, " +
                "so another primary runs a litefs.yml it did not write (an image that ships its own, or a manual change). " +
                "Save every pod's database (docs/recovery.md), decide which copy to keep, fix the config, and restart the other pods.",
        },
        {
            alert: "LiteFSReplicaLagging",
            expr: `${perPod("litefs_lag_seconds")} > ${t.replicaLagSeconds}`,
            for: "2m",
            severity: "warning",
            summary: `Replica {{ $labels.pod }} of ${app} has not heard from the primary for over ${t.replicaLagSeconds}s.`,
            description:
                `{{ $labels.pod }} last received a frame from the primary more than ${t.replicaLagSeconds} seconds ago (the primary sends one every second), so its reads are stale. ` +
                `Check the replica's logs (kubectl -n ${target.namespace} logs {{ $labels.pod }} -c ${target.liteFsContainer}) for "replica disconnected" or "different cluster id", and that ${target.name}-0 is Ready.`,
        },
        {
            // Lag is no freshness signal: a replica restarted with another cluster id reports litefs_lag_seconds 0
            // while it serves its old copy. Its transaction id per database tells: a follower's is never below what
            // the primary had `behindPrimarySeconds` ago, and what it had then is never beyond the primary's now
            // (comparing across that window keeps scrape skew from firing it).
            alert: "LiteFSReplicaBehindPrimary",
            expr:
                `(${primaryTxid(`offset ${t.behindPrimarySeconds}s`, `(max by (namespace, pod) (${series("litefs_is_primary", pods)} offset ${t.behindPrimarySeconds}s) == 1)`)} ` +
                `- on (namespace, db) group_right () ${replicaTxid("")} > 0) ` +
                `or (${replicaTxid(`offset ${t.behindPrimarySeconds}s`)} - on (namespace, db) group_left () ${primaryTxid("", isPrimary)} > 0)`,
            for: "2m",
            severity: "warning",
            summary: `Replica {{ $labels.pod }} of ${app} no longer follows the primary on {{ $labels.db }}.`,
            description:
                `{{ $labels.pod }}'s transaction id for {{ $labels.db }} is below the primary's of ${t.behindPrimarySeconds} seconds ago, or beyond the primary's: it stopped applying changes, ` +
                "or holds another history, and serves stale or foreign reads even though its lag may read 0. " +
                `Its logs (kubectl -n ${target.namespace} logs {{ $labels.pod }} -c ${target.liteFsContainer}) say why; a "different cluster id" needs the recovery in docs/recovery.md. ` +
                "If the replica is stuck for another reason, delete the pod: it catches up from the primary on start.",
        },
        {
            alert: "LiteFSVolumeNearlyFull",
            expr:
                `max by (namespace, persistentvolumeclaim) (${series("kubelet_volume_stats_used_bytes", dataVolumeMatchers(target))}) ` +
                `/ max by (namespace, persistentvolumeclaim) (${series("kubelet_volume_stats_capacity_bytes", dataVolumeMatchers(target))}) * 100 > ${t.volumeUsagePercent}`,
            for: "5m",
            severity: "warning",
            summary: `Data volume {{ $labels.persistentvolumeclaim }} of ${app} is over ${t.volumeUsagePercent}% full.`,
            description:
                `{{ $labels.persistentvolumeclaim }} holds the database and LiteFS's LTX files; when it fills, writes fail (and a full replica stops following). ` +
                `If its StorageClass allows expansion, grow each PVC (kubectl -n ${target.namespace} edit pvc {{ $labels.persistentvolumeclaim }}: spec.resources.requests.storage) ` +
                "and raise storage.size to match for new pods; otherwise shorten litefs.data.retention so fewer LTX files are kept.",
        },
        {
            alert: "LiteFSPodRestarting",
            expr: `max by (namespace, pod, container) (increase(${series("kube_pod_container_status_restarts_total", pods)}[1h])) >= ${t.restartsPerHour}`,
            severity: "warning",
            summary: `Container {{ $labels.container }} of {{ $labels.pod }} (${app}) restarted ${t.restartsPerHour} or more times in an hour.`,
            description:
                `A restart of the app container stops LiteFS too; on ${target.name}-0 every restart stops writes. ` +
                `Read why it ended: kubectl -n ${target.namespace} logs {{ $labels.pod }} -c {{ $labels.container }} --previous, and kubectl describe pod (OOMKilled, probe failures, exit code 99 = a fatal LiteFS commit error).`,
        },
    ];
    if (target.replicas > 1)
        alerts.splice(4, 0, {
            alert: "LiteFSReplicasNotStreaming",
            expr: `(${perPod("litefs_http_stream_count")} and on (namespace, pod) ${isPrimary}) < ${target.replicas - 1}`,
            for: "5m",
            severity: "warning",
            summary: `Only {{ $value }} of ${target.replicas - 1} replicas of ${app} stream from the primary.`,
            description:
                `The primary {{ $labels.pod }} serves fewer replication streams than there are replicas, so some replicas serve stale reads. ` +
                `Find the missing replica (kubectl -n ${target.namespace} get pods -l app.kubernetes.io/instance=${target.name}) and read its logs for "connect to primary" or "different cluster id".`,
        });
    return alerts;
}

function backupAlerts(target: AlertTarget, cronJob: string): AlertSpec[] {
    const ns = `namespace="${target.namespace}"`;
    const cron = `${ns}, cronjob="${cronJob}"`;
    const lastSuccess = `max by (namespace, cronjob) (${series("kube_cronjob_status_last_successful_time", cron)})`;
    const suspended = `on (namespace, cronjob) (${series("kube_cronjob_spec_suspend", cron)} == 1)`;
    const hours = target.thresholds.backupMaxAgeHours;
    return [
        {
            alert: "LiteFSBackupFailed",
            // Failed Jobs of this CronJob that started after its last success: a later success clears it.
            expr:
                `max by (namespace, job_name) (${series("kube_job_failed", `${ns}, condition="true"`)} == 1) ` +
                `and on (namespace, job_name) ${series("kube_job_owner", `${ns}, owner_kind="CronJob", owner_name="${cronJob}"`)} ` +
                `unless on (namespace, job_name) (${series("kube_job_status_start_time", ns)} < on (namespace) group_left () max by (namespace) (${series("kube_cronjob_status_last_successful_time", cron)}))`,
            severity: "warning",
            summary: `Backup job {{ $labels.job_name }} of ${target.namespace}/${target.name} failed.`,
            description:
                `The latest run of the CronJob ${cronJob} failed and no run has succeeded since. ` +
                `Read its logs: kubectl -n ${target.namespace} logs job/{{ $labels.job_name }}. Typical causes: the rclone Secret, the destination, or a snapshot that failed its checks.`,
        },
        {
            alert: "LiteFSBackupTooOld",
            expr:
                `(time() - ${lastSuccess} > ${hours * 3600} ` +
                `or (time() - max by (namespace, cronjob) (${series("kube_cronjob_created", cron)}) > ${hours * 3600} unless on (namespace, cronjob) ${lastSuccess})) ` +
                `unless ${suspended}`,
            severity: "critical",
            summary: `No successful backup of ${target.namespace}/${target.name} in ${hours} hours.`,
            description:
                `The CronJob ${cronJob} has not completed a backup in ${hours} hours: a restore now would lose everything since. ` +
                `Check kubectl -n ${target.namespace} get cronjob ${cronJob} and its latest jobs' logs; if the schedule is longer than ${hours} hours, raise metrics.thresholds.backupMaxAgeHours.`,
        },
    ];
}

/** The app's rule group: LiteFS, volume and restart alerts, plus the backup alerts when there is a backup CronJob. */
export function alertRules(target: AlertTarget): RuleGroup {
    const specs = [...liteFsAlerts(target), ...(target.backupCronJob ? backupAlerts(target, target.backupCronJob) : [])];
    return {
        name: `litefs-${target.namespace}-${target.name}`,
        rules: specs.map((spec) => ({
            alert: spec.alert,
            expr: spec.expr,
            ...(spec.for !== undefined && { for: spec.for }),
            labels: { severity: spec.severity, litefs_app: target.name },
            annotations: {
                summary: spec.summary,
                description: spec.description,
                runbook_url: `${RUNBOOK_BASE_URL}#${runbookAnchor(spec.alert)}`,
            },
        })),
    };
}
