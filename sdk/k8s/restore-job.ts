import type * as k8s from "@pulumi/kubernetes";
import { BACKUP_JOB } from "../backup/job";
import { RESTORE_STEPS } from "../backup/steps";
import { type BackupTarget, restoreEnv } from "../backup/target";
import { backupPodLabels, backupPodSpec } from "./backup-pod";

/**
 * The one-off restore Job `<name>-restore` that the restore commands create (pulumi-litefs never registers it):
 * it saves the live database, downloads `snapshot` (`latest` or a path below `<destination>/<database>/`),
 * checks it and brings it into the live database's journal mode, imports it into pod-0 and waits until every
 * pod serves it. Never retried by itself.
 */
export function restoreJobManifest(target: BackupTarget, snapshot: string): k8s.types.input.batch.v1.Job {
    const labels = backupPodLabels(target, "restore");
    return {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name: target.names.restoreJob, namespace: target.names.namespace, labels },
        spec: {
            backoffLimit: BACKUP_JOB.restoreBackoffLimit,
            activeDeadlineSeconds: BACKUP_JOB.activeDeadlineSeconds,
            template: { metadata: { labels }, spec: backupPodSpec(target, RESTORE_STEPS, restoreEnv(target, snapshot)) },
        },
    };
}
