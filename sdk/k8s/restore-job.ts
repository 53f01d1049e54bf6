import type * as k8s from "@pulumi/kubernetes";
import { BACKUP_JOB } from "../backup/job";
import { DRILL_STEPS, RESTORE_STEPS } from "../backup/steps";
import { type BackupTarget, drillEnv, type RestoreSource, restoreEnv } from "../backup/target";
import { backupPodLabels, backupPodSpec } from "./backup-pod";

/**
 * The one-off restore Job `<name>-restore` that the restore commands create (pulumi-litefs never registers it):
 * it saves the live database, downloads the snapshot (`latest` or a path, from the app's own snapshot folder or
 * `source.from`), checks it and brings it into the live database's journal mode, imports it into the primary and
 * checks that every pod has applied it. Never retried by itself.
 */
export function restoreJobManifest(target: BackupTarget, source: RestoreSource): k8s.types.input.batch.v1.Job {
    const labels = backupPodLabels(target, "restore");
    return {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name: target.names.restoreJob, namespace: target.names.namespace, labels },
        spec: {
            backoffLimit: BACKUP_JOB.restoreBackoffLimit,
            activeDeadlineSeconds: BACKUP_JOB.activeDeadlineSeconds,
            template: { metadata: { labels }, spec: backupPodSpec(target, RESTORE_STEPS, restoreEnv(target, source)) },
        },
    };
}

/**
 * The restore drill's Job `<name>-restore-drill` (`pulumi-litefs restore --verify`): it downloads the snapshot into
 * its own scratch directory, checks it and prints its row counts per table and its transaction id. It never
 * reaches LiteFS and never writes to the store, so it can run on a schedule against production.
 */
export function restoreDrillJobManifest(target: BackupTarget, source: RestoreSource): k8s.types.input.batch.v1.Job {
    const labels = backupPodLabels(target, "restore-drill");
    return {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name: target.names.restoreDrillJob, namespace: target.names.namespace, labels },
        spec: {
            backoffLimit: BACKUP_JOB.restoreBackoffLimit,
            activeDeadlineSeconds: BACKUP_JOB.activeDeadlineSeconds,
            template: { metadata: { labels }, spec: backupPodSpec(target, DRILL_STEPS, drillEnv(target, source)) },
        },
    };
}
