import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { gitOpsAnnotations } from "../data-protection";
import { CONFIG_VOLUME, DATA_VOLUME, FUSE_VOLUME, PRIMARY_ORDINAL_ANNOTATION, ROLE_LABEL, TOOLS_VOLUME } from "../naming";
import { consulLease, labellerContainer, labellerVolumes } from "./labeller";
import type { AppPlan, LayoutContainer } from "../plan";
import { liteFsContainer } from "./litefs-container";
import { isSidecarPlan, liteFsSidecarContainer, migrateInitContainer, sidecarModeAppContainer } from "./litefs-sidecar";
import { metricsPodParts, metricsSidecarContainer, metricsSidecarSpec } from "./metrics-sidecar";
import { nonEmpty } from "./namespace";
import { assertOnlyLiteFsElevated, serviceAccountSettings, unelevated } from "./pod-security";
import { podScheduling } from "./scheduling";

/** Pod template annotation that changes whenever the env Secret does: a new value must restart the pods to be read. */
export const ENV_SECRET_VERSION_ANNOTATION = "pulumi-litefs.dev/env-secret-version";

/** Each container of the layout from its own builder, found by role. */
function buildContainer(plan: AppPlan, container: LayoutContainer): k8s.types.input.core.v1.Container {
    if (isSidecarPlan(plan)) {
        if (container.roles.includes("litefs")) return liteFsSidecarContainer(plan, container);
        if (container.roles.includes("migrate") && plan.migrate) return migrateInitContainer({ ...plan, migrate: plan.migrate }, container);
        if (container.roles.includes("app")) return sidecarModeAppContainer(plan, container);
    }
    if (container.roles.includes("litefs")) return liteFsContainer(plan, container);
    if (container.roles.includes("metrics") && plan.metrics)
        return metricsSidecarContainer(metricsSidecarSpec(plan, plan.metrics), container.name);
    const lease = consulLease(plan);
    if (container.roles.includes("labeller") && lease) return labellerContainer(plan, lease);
    const specs = container.roles.includes("init") ? plan.initContainers : plan.sidecars;
    const spec = specs.find((c) => c.name === container.name);
    if (!spec) throw new Error(`pulumi-litefs bug: no spec for container "${container.name}"`);
    return unelevated(spec);
}

/**
 * The StatefulSet. `envSecretVersion` is the env Secret's resourceVersion, when there is one: it goes into a
 * pod template annotation, so a changed secret value rolls the pods like a changed plain value does.
 */
export function statefulSetManifest(plan: AppPlan, envSecretVersion?: pulumi.Input<string>): k8s.types.input.apps.v1.StatefulSet {
    const metrics = metricsPodParts(plan);
    const layout = plan.podLayout;
    const failover = consulLease(plan) !== undefined;
    const inits = layout.containers.filter((c) => c.slot === "initContainers").map((c) => buildContainer(plan, c));
    const annotations = {
        ...metrics.annotations,
        ...plan.podAnnotations,
        ...(envSecretVersion !== undefined && { [ENV_SECRET_VERSION_ANNOTATION]: envSecretVersion }),
    };
    const podSpec: k8s.types.input.core.v1.PodSpec = {
        ...serviceAccountSettings(plan),
        securityContext: plan.podSecurityContext && { ...plan.podSecurityContext },
        initContainers: inits.length > 0 ? inits : undefined,
        containers: layout.containers.filter((c) => c.slot === "containers").map((c) => buildContainer(plan, c)),
        // Covers the preStop sleep, the app's shutdown and LiteFS's unmount. LiteFS ignores SIGTERM
        // until the node is ready, so a replica still syncing is killed when it runs out.
        terminationGracePeriodSeconds: plan.terminationGracePeriodSeconds,
        ...podScheduling(plan),
        imagePullSecrets: plan.imagePullSecrets.length > 0 ? plan.imagePullSecrets.map((name) => ({ name })) : undefined,
        volumes: [
            { name: FUSE_VOLUME, emptyDir: {} },
            { name: CONFIG_VOLUME, emptyDir: {} },
            // Sidecar mode: busybox and the musl loader, copied by LiteFS for the app's probes and the migrate gate.
            ...(isSidecarPlan(plan) ? [{ name: TOOLS_VOLUME, emptyDir: { sizeLimit: "16Mi" } }] : []),
            ...metrics.volumes,
            ...(failover ? labellerVolumes() : []),
            ...plan.volumes,
        ],
    };
    assertOnlyLiteFsElevated(podSpec, layout);
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
                // What `pulumi-litefs promote` waits for before it fences the old primary (not in the pod template:
                // it rolls no pod by itself).
                ...(!failover && { [PRIMARY_ORDINAL_ANNOTATION]: String(plan.names.primaryOrdinal) }),
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
                    // Under failover every pod starts as a replica; the labeller relabels the lease holder.
                    labels: { ...plan.labels, ...(failover && { [ROLE_LABEL]: "replica" }) },
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
