import type * as k8s from "@pulumi/kubernetes";
import { SCRIPTS } from "../backup/scripts";
import type { BackupTarget } from "../backup/target";
import { backupSelectorLabels } from "../naming";

/**
 * The backup and restore scripts, one key each, mounted by the CronJob's pods and the restore Job. In a
 * ConfigMap rather than inline, so the restore Job the restore commands print stays short, and a Job created
 * from those commands runs the scripts of the version that `pulumi up` deployed.
 */
export function backupScriptsManifest(target: BackupTarget): k8s.types.input.core.v1.ConfigMap {
    return {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: {
            name: target.names.backupScripts,
            namespace: target.names.namespace,
            labels: { ...target.labels, ...backupSelectorLabels(target.name) },
        },
        data: { ...SCRIPTS },
    };
}
