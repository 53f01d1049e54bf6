import type * as k8s from "@pulumi/kubernetes";
import { BACKUP_JOB } from "../backup/job";
import { DRILL_STEPS, RESTORE_STEPS } from "../backup/steps";
import { type BackupTarget, drillEnv, type RestoreSource, restoreEnv } from "../backup/target";
import { backupPodLabels, backupPodSpec } from "./backup-pod";

/** A one-off Job of backup-pod steps, never retried by itself past the restore back-off limit. */
function oneOffJob(
    target: BackupTarget,
    kind: "restore" | "restore-drill",
    name: string,
    spec: k8s.types.input.core.v1.PodSpec,
): k8s.types.input.batch.v1.Job {
    const labels = backupPodLabels(target, kind);
    return {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name, namespace: target.names.namespace, labels },
        spec: {
            backoffLimit: BACKUP_JOB.restoreBackoffLimit,
            activeDeadlineSeconds: BACKUP_JOB.activeDeadlineSeconds,
            template: { metadata: { labels }, spec },
        },
    };
}

/**
 * The one-off restore Job `<name>-restore` that the restore commands create (pulumi-litefs never registers it):
 * it saves the live database, downloads the snapshot (`latest` or a path, from the app's own snapshot folder or
 * `source.from`), checks it and brings it into the live database's journal mode, imports it into the primary and
 * checks that every pod has applied it.
 */
export function restoreJobManifest(target: BackupTarget, source: RestoreSource): k8s.types.input.batch.v1.Job {
    return oneOffJob(target, "restore", target.names.restoreJob, backupPodSpec(target, RESTORE_STEPS, restoreEnv(target, source)));
}

/**
 * The restore drill's Job `<name>-restore-drill` (`pulumi-litefs restore --verify`): it downloads the snapshot into
 * its own scratch directory, checks it and prints its row counts per table and its transaction id. It never
 * reaches LiteFS and never writes to the store, so it can run on a schedule against production.
 */
export function restoreDrillJobManifest(target: BackupTarget, source: RestoreSource): k8s.types.input.batch.v1.Job {
    return oneOffJob(target, "restore-drill", target.names.restoreDrillJob, backupPodSpec(target, DRILL_STEPS, drillEnv(target, source)));
}
