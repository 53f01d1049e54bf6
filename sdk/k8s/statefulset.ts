import type * as k8s from "@pulumi/kubernetes";
import type { AppPlan } from "../plan";
import { CONTAINER_NAME, DATA_VOLUME, PORT_NAMES } from "../naming";
import { startupScript } from "../startup/script";
import { containerProbes } from "./probes";
import { podScheduling } from "./scheduling";

const FUSE_VOLUME = "litefs-fuse";
const CONFIG_VOLUME = "litefs-config";

function resourceRequirements(plan: AppPlan): k8s.types.input.core.v1.ResourceRequirements | undefined {
    if (!plan.resources) return undefined;
    const list = (l?: { cpu?: string; memory?: string }): Record<string, string> | undefined => {
        if (!l) return undefined;
        const out: Record<string, string> = {};
        if (l.cpu !== undefined) out.cpu = l.cpu;
        if (l.memory !== undefined) out.memory = l.memory;
        return out;
    };
    return { requests: list(plan.resources.requests), limits: list(plan.resources.limits) };
}

function container(plan: AppPlan): k8s.types.input.core.v1.Container {
    return {
        name: CONTAINER_NAME,
        image: plan.image,
        imagePullPolicy: plan.imagePullPolicy,
        command: ["/bin/sh", "-c", startupScript(plan)],
        env: [
            { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
            { name: "LITEFS_CONFIG_DIR", value: plan.configDir },
            // Where the app forwards writes it receives on a replica: pod-0, through the write Service.
            { name: "LITEFS_PRIMARY_URL", value: plan.names.primaryServiceUrl(plan.port) },
            ...Object.entries(plan.env).map(([name, value]) => ({ name, value })),
        ],
        ports: [
            { name: PORT_NAMES.app, containerPort: plan.port, protocol: "TCP" },
            { name: PORT_NAMES.litefs, containerPort: plan.apiPort, protocol: "TCP" },
            ...(plan.proxy ? [{ name: PORT_NAMES.proxy, containerPort: plan.proxy.port, protocol: "TCP" }] : []),
        ],
        ...containerProbes(plan),
        // Keep serving while Services and Gateways drop the pod, before SIGTERM reaches LiteFS (which then
        // stops the app, unmounts FUSE and exits).
        lifecycle: plan.preStopSleepSeconds > 0 ? { preStop: { exec: { command: ["sleep", String(plan.preStopSleepSeconds)] } } } : undefined,
        // FUSE needs /dev/fuse and CAP_SYS_ADMIN; on stock Kubernetes only privileged mode grants the device.
        securityContext: { privileged: true, runAsUser: 0, runAsGroup: 0 },
        resources: resourceRequirements(plan),
        volumeMounts: [
            { name: DATA_VOLUME, mountPath: plan.dataDir },
            { name: FUSE_VOLUME, mountPath: plan.fuseDir },
            { name: CONFIG_VOLUME, mountPath: plan.configDir },
        ],
    };
}

export function statefulSetManifest(plan: AppPlan): k8s.types.input.apps.v1.StatefulSet {
    return {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: {
            name: plan.names.statefulSet,
            namespace: plan.namespace,
            labels: { ...plan.labels },
            // Pulumi's StatefulSet await waits for every pod to reach the new revision, which a partition
            // prevents by design: without this, every staged `pulumi up` would end in a timeout.
            annotations: plan.updatePartition > 0 ? { "pulumi.com/skipAwait": "true" } : undefined,
        },
        spec: {
            serviceName: plan.names.headlessService,
            replicas: plan.replicas,
            // Parallel (immutable once created): replicas wait inside LiteFS until pod-0 answers, so ordered
            // start-up buys nothing, and under OrderedReady a pod-0 that cannot become Ready would block every
            // replica from being created. Rolling updates still go from the highest ordinal down to pod-0:
            // replicas first, the primary last.
            podManagementPolicy: "Parallel",
            updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: plan.updatePartition } },
            minReadySeconds: plan.minReadySeconds,
            // The PVCs hold the databases: keep them when the StatefulSet is deleted or scaled down.
            persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
            selector: { matchLabels: { ...plan.selectorLabels } },
            template: {
                metadata: {
                    labels: { ...plan.labels },
                    annotations: Object.keys(plan.podAnnotations).length > 0 ? { ...plan.podAnnotations } : undefined,
                },
                spec: {
                    containers: [container(plan)],
                    // Covers the preStop sleep, the app's shutdown and LiteFS's unmount. LiteFS ignores SIGTERM
                    // until the node is ready, so a replica still syncing is killed when it runs out.
                    terminationGracePeriodSeconds: plan.terminationGracePeriodSeconds,
                    ...podScheduling(plan),
                    imagePullSecrets: plan.imagePullSecrets.length > 0 ? plan.imagePullSecrets.map((name) => ({ name })) : undefined,
                    volumes: [
                        { name: FUSE_VOLUME, emptyDir: {} },
                        { name: CONFIG_VOLUME, emptyDir: {} },
                    ],
                },
            },
            volumeClaimTemplates: [
                {
                    metadata: { name: DATA_VOLUME, labels: { ...plan.selectorLabels } },
                    spec: {
                        accessModes: ["ReadWriteOnce"],
                        storageClassName: plan.storage.storageClassName,
                        resources: { requests: { storage: plan.storage.size } },
                    },
                },
            ],
        },
    };
}
