import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { gitOpsAnnotations } from "../data-protection";
import { CONFIG_VOLUME, CONTAINER_NAME, DATA_VOLUME, FUSE_VOLUME, PORT_NAMES } from "../naming";
import type { AppPlan } from "../plan";
import { startupScript } from "../startup/script";
import { containerEnv } from "./env";
import { metricsPodParts } from "./metrics-sidecar";
import { nonEmpty } from "./namespace";
import { assertOnlyLiteFsElevated, fuseDeviceLimits, liteFsSecurityContext, serviceAccountSettings, unelevated } from "./pod-security";
import { containerProbes } from "./probes";
import { podScheduling } from "./scheduling";

/** Pod template annotation that changes whenever the env Secret does: a new value must restart the pods to be read. */
export const ENV_SECRET_VERSION_ANNOTATION = "pulumi-litefs.dev/env-secret-version";

function resourceRequirements(plan: AppPlan): k8s.types.input.core.v1.ResourceRequirements | undefined {
    const device = fuseDeviceLimits(plan.fuseAccess);
    if (!plan.resources && Object.keys(device).length === 0) return undefined;
    const list = (l?: { cpu?: string; memory?: string }): Record<string, string> | undefined => {
        if (!l) return undefined;
        const out: Record<string, string> = {};
        if (l.cpu !== undefined) out.cpu = l.cpu;
        if (l.memory !== undefined) out.memory = l.memory;
        return out;
    };
    const limits = { ...list(plan.resources?.limits), ...device };
    return { requests: list(plan.resources?.requests), limits: Object.keys(limits).length > 0 ? limits : undefined };
}

function container(plan: AppPlan): k8s.types.input.core.v1.Container {
    return {
        name: CONTAINER_NAME,
        image: plan.image,
        imagePullPolicy: plan.imagePullPolicy,
        command: ["/bin/sh", "-c", startupScript(plan)],
        env: containerEnv(plan),
        ports: [
            { name: PORT_NAMES.app, containerPort: plan.port, protocol: "TCP" },
            { name: PORT_NAMES.litefs, containerPort: plan.apiPort, protocol: "TCP" },
            ...(plan.proxy ? [{ name: PORT_NAMES.proxy, containerPort: plan.proxy.port, protocol: "TCP" }] : []),
        ],
        ...containerProbes(plan),
        // Keep serving while Services and Gateways drop the pod, before SIGTERM reaches LiteFS (which then
        // stops the app, unmounts FUSE and exits).
        lifecycle:
            plan.preStopSleepSeconds > 0 ? { preStop: { exec: { command: ["sleep", String(plan.preStopSleepSeconds)] } } } : undefined,
        securityContext: liteFsSecurityContext(plan.fuseAccess),
        resources: resourceRequirements(plan),
        volumeMounts: [
            { name: DATA_VOLUME, mountPath: plan.dataDir },
            { name: FUSE_VOLUME, mountPath: plan.fuseDir },
            { name: CONFIG_VOLUME, mountPath: plan.configDir },
            ...plan.volumeMounts,
        ],
        envFrom: plan.envFrom.length > 0 ? [...plan.envFrom] : undefined,
    };
}

/**
 * The StatefulSet. `envSecretVersion` is the env Secret's resourceVersion, when there is one: it goes into a
 * pod template annotation, so a changed secret value rolls the pods like a changed plain value does.
 */
export function statefulSetManifest(plan: AppPlan, envSecretVersion?: pulumi.Input<string>): k8s.types.input.apps.v1.StatefulSet {
    const metrics = metricsPodParts(plan);
    const annotations = {
        ...metrics.annotations,
        ...plan.podAnnotations,
        ...(envSecretVersion !== undefined && { [ENV_SECRET_VERSION_ANNOTATION]: envSecretVersion }),
    };
    const podSpec: k8s.types.input.core.v1.PodSpec = {
        ...serviceAccountSettings(plan),
        securityContext: plan.podSecurityContext && { ...plan.podSecurityContext },
        initContainers: plan.initContainers.length > 0 ? plan.initContainers.map(unelevated) : undefined,
        containers: [container(plan), ...metrics.containers, ...plan.sidecars.map(unelevated)],
        // Covers the preStop sleep, the app's shutdown and LiteFS's unmount. LiteFS ignores SIGTERM
        // until the node is ready, so a replica still syncing is killed when it runs out.
        terminationGracePeriodSeconds: plan.terminationGracePeriodSeconds,
        ...podScheduling(plan),
        imagePullSecrets: plan.imagePullSecrets.length > 0 ? plan.imagePullSecrets.map((name) => ({ name })) : undefined,
        volumes: [{ name: FUSE_VOLUME, emptyDir: {} }, { name: CONFIG_VOLUME, emptyDir: {} }, ...metrics.volumes, ...plan.volumes],
    };
    assertOnlyLiteFsElevated(podSpec);
    return {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: {
            name: plan.names.statefulSet,
            namespace: plan.namespace,
            labels: { ...plan.labels },
            // Pulumi's StatefulSet await waits for every pod to reach the new revision, which a partition
            // prevents by design: without this, every staged `pulumi up` would end in a timeout.
            annotations: nonEmpty({
                ...(plan.updatePartition > 0 && { "pulumi.com/skipAwait": "true" }),
                ...gitOpsAnnotations(plan.dataProtection),
            }),
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
                    annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
                },
                spec: podSpec,
            },
            volumeClaimTemplates: [
                {
                    metadata: {
                        name: DATA_VOLUME,
                        labels: { ...plan.storage.labels, ...plan.selectorLabels },
                        annotations: Object.keys(plan.storage.annotations).length > 0 ? { ...plan.storage.annotations } : undefined,
                    },
                    spec: {
                        accessModes: [...plan.storage.accessModes],
                        storageClassName: plan.storage.storageClassName,
                        resources: { requests: { storage: plan.storage.size } },
                    },
                },
            ],
        },
    };
}
