/**
 * The pod that runs backup or restore steps, shared by the backup CronJob and the restore Job. Every step is a
 * container (init containers in order, the last step the main one) in its tool's image, running its script
 * from the scripts ConfigMap. The pod needs no privilege at all: it only makes HTTP requests and writes files
 * in its emptyDir.
 */
import type * as k8s from "@pulumi/kubernetes";
import { BACKUP_JOB } from "../backup/job";
import { STEP_ENV } from "../backup/scripts";
import type { Step } from "../backup/steps";
import type { BackupTarget } from "../backup/target";
import { backupSelectorLabels } from "../naming";

type PodSpec = k8s.types.input.core.v1.PodSpec;
type Container = k8s.types.input.core.v1.Container;

const WORK_VOLUME = "work";
const SCRIPTS_VOLUME = "scripts";

/** What a backup or restore pod is: which steps, with which environment. */
export type BackupPodKind = "backup" | "restore" | "restore-drill";

/** The labels of a backup or restore pod: the NetworkPolicy admits `backupSelectorLabels`, the component tells them apart. */
export function backupPodLabels(target: BackupTarget, kind: BackupPodKind): Record<string, string> {
    return { ...target.labels, ...backupSelectorLabels(target.name), "app.kubernetes.io/component": kind };
}

function container(target: BackupTarget, step: Step, env: Record<string, string>): Container {
    return {
        name: step.name,
        image: target.images[step.tool],
        command: ["sh", `${BACKUP_JOB.scriptsDir}/${step.script}`],
        env: Object.entries({
            ...Object.fromEntries(step.reads.map((name) => [name, env[name]])),
            [STEP_ENV.work]: BACKUP_JOB.workDir,
            // The root filesystem is read-only: rclone's cache and sqlite3's temporary files go to the emptyDir.
            ...(step.tool === "rclone" && { HOME: BACKUP_JOB.workDir }),
            ...(step.tool === "sqlite" && { TMPDIR: BACKUP_JOB.workDir }),
            // rclone's configuration comes from the Secret's RCLONE_CONFIG_* variables only; no config file.
            ...(step.tool === "rclone" && { RCLONE_CONFIG: "" }),
        }).map(([name, value]) => ({ name, value })),
        // Only the steps that talk to the object store see its credentials.
        envFrom: step.tool === "rclone" ? [{ secretRef: { name: target.rcloneConfigSecret } }] : undefined,
        resources: BACKUP_JOB.resources,
        securityContext: {
            runAsNonRoot: true,
            privileged: false,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
        },
        volumeMounts: [
            { name: WORK_VOLUME, mountPath: BACKUP_JOB.workDir },
            { name: SCRIPTS_VOLUME, mountPath: BACKUP_JOB.scriptsDir, readOnly: true },
        ],
    };
}

export function backupPodSpec(target: BackupTarget, steps: readonly Step[], env: Record<string, string>): PodSpec {
    const containers = steps.map((step) => container(target, step, env));
    return {
        restartPolicy: "Never",
        // No Kubernetes API access, and no Service variables in the environment.
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: {
            runAsNonRoot: true,
            runAsUser: BACKUP_JOB.uid,
            runAsGroup: BACKUP_JOB.uid,
            fsGroup: BACKUP_JOB.uid,
            seccompProfile: { type: "RuntimeDefault" },
        },
        imagePullSecrets: target.imagePullSecrets.length > 0 ? target.imagePullSecrets.map((name) => ({ name })) : undefined,
        initContainers: containers.slice(0, -1),
        containers: containers.slice(-1),
        volumes: [
            { name: WORK_VOLUME, emptyDir: {} },
            { name: SCRIPTS_VOLUME, configMap: { name: target.names.backupScripts, defaultMode: 0o444 } },
        ],
    };
}
