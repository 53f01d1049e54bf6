import type * as k8s from "@pulumi/kubernetes";
import type { AppPlan } from "../plan";
import { CONTAINER_NAME, DATA_VOLUME } from "../naming";
import { startupScript } from "../startup/script";

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
            ...Object.entries(plan.env).map(([name, value]) => ({ name, value })),
        ],
        ports: [
            { name: "http", containerPort: plan.port, protocol: "TCP" },
            { name: "litefs", containerPort: plan.apiPort, protocol: "TCP" },
            ...(plan.proxy ? [{ name: "proxy", containerPort: plan.proxy.port, protocol: "TCP" }] : []),
        ],
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
        metadata: { name: plan.names.statefulSet, namespace: plan.namespace, labels: { ...plan.labels } },
        spec: {
            serviceName: plan.names.headlessService,
            replicas: plan.replicas,
            // Parallel (immutable once created): replicas wait inside LiteFS until pod-0 answers, so ordered
            // start-up buys nothing, and under OrderedReady a pod-0 that cannot become Ready would block every
            // replica from being created. Rolling updates still go from the highest ordinal down to pod-0.
            podManagementPolicy: "Parallel",
            updateStrategy: { type: "RollingUpdate" },
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
