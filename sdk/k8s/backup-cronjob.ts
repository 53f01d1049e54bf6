import type * as k8s from "@pulumi/kubernetes";
import { BACKUP_JOB } from "../backup/job";
import { BACKUP_STEPS } from "../backup/steps";
import { type BackupTarget, backupEnv } from "../backup/target";
import { backupPodLabels, backupPodSpec } from "./backup-pod";

/**
 * The backup CronJob `<name>-backup`: on `schedule` (UTC), export the database from a replica, check it, upload
 * it to the app's snapshot folder (`backup/layout.ts`) and delete snapshots older than `retention` but the newest `keepLast`. One run at a
 * time; a failed run fails its Job, which `kubectl get cronjob` and kube-state-metrics alerts see.
 */
export function backupCronJobManifest(target: BackupTarget): k8s.types.input.batch.v1.CronJob {
    const labels = backupPodLabels(target, "backup");
    return {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name: target.names.backupCronJob, namespace: target.names.namespace, labels },
        spec: {
            schedule: target.schedule,
            timeZone: BACKUP_JOB.timeZone,
            // Two exports at once would only double the load; a run still going when the next is due skips it.
            concurrencyPolicy: "Forbid",
            startingDeadlineSeconds: BACKUP_JOB.startingDeadlineSeconds,
            successfulJobsHistoryLimit: BACKUP_JOB.successfulJobsHistoryLimit,
            failedJobsHistoryLimit: BACKUP_JOB.failedJobsHistoryLimit,
            suspend: target.suspend,
            jobTemplate: {
                metadata: { labels },
                spec: {
                    backoffLimit: BACKUP_JOB.backoffLimit,
                    activeDeadlineSeconds: BACKUP_JOB.activeDeadlineSeconds,
                    template: {
                        metadata: { labels },
                        spec: backupPodSpec(target, BACKUP_STEPS, backupEnv(target)),
                    },
                },
            },
        },
    };
}
