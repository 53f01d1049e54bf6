/**
 * Sidecar mode's containers: LiteFS as a native sidecar of its own image, the `migrate` gate and the app, both
 * from the app's image and unprivileged. The FUSE mount travels from the LiteFS container to the others through
 * the shared emptyDir: `Bidirectional` propagation from LiteFS's (privileged) container, `HostToContainer` into
 * the others (Kubernetes admits `Bidirectional` only in a privileged container; `HostToContainer` anywhere).
 *
 * Order and lifetime (Kubernetes ≥ 1.29, native sidecars): the LiteFS init container starts first and, having
 * `restartPolicy: Always`, keeps running; the next init container and the app start only once its startup probe
 * has passed, i.e. LiteFS is the primary or has synced. At termination the kubelet stops the app first and LiteFS
 * after it, so every write the app committed through FUSE is in LiteFS's data directory before LiteFS gets
 * SIGTERM, closes its store and unmounts.
 */
import type * as k8s from "@pulumi/kubernetes";
import { LAG_FILE, LAG_SYNCED_BELOW_MS, PROXY_HEALTH_PATH, SIDECAR_TOOLS_DIR } from "../litefs/facts";
import { splitCommand } from "../litefs/exec";
import { CONFIG_VOLUME, DATA_VOLUME, FUSE_VOLUME, PORT_NAMES, TOOLS_VOLUME } from "../naming";
import type { AppPlan, LayoutContainer, LiteFsSidecarPlan, ProbeTiming } from "../plan";
import { shellWord } from "../shell-loop";
import { busybox, migrateGateCommand, mountAliveCommand } from "../startup/sidecar-tools";
import { startupScript } from "../startup/script";
import { containerEnv } from "./env";
import { liteFsSecurityContext } from "./pod-security";

type Container = k8s.types.input.core.v1.Container;
type Probe = k8s.types.input.core.v1.Probe;
type ResourceRequirements = k8s.types.input.core.v1.ResourceRequirements;
type SidecarPlan = AppPlan & { readonly liteFsSidecar: LiteFsSidecarPlan };

/** What LiteFS reads at start-up beyond litefs.yml: its config dir, and where it copies the tools. */
function liteFsEnv(plan: AppPlan): k8s.types.input.core.v1.EnvVar[] {
    return [
        { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
        { name: "LITEFS_CONFIG_DIR", value: plan.configDir },
        { name: "LITEFS_TOOLS_DIR", value: SIDECAR_TOOLS_DIR },
    ];
}

/**
 * The sidecar's startup probe, in the LiteFS image's own busybox sh: `.lag` below 10 s, which holds on the
 * primary (`+000000000`) and on a replica once synced, never before its first sync (`+2147483647`), and fails
 * while nothing is mounted yet (an empty value is no number).
 */
export function liteFsStartupProbeCommand(fuseDir: string): string[] {
    return ["/bin/sh", "-c", `[ "$(cat ${shellWord(`${fuseDir}/${LAG_FILE}`)})" -lt ${LAG_SYNCED_BELOW_MS} ]`];
}

const probe = (handler: Pick<Probe, "exec" | "httpGet" | "tcpSocket">, timing: ProbeTiming): Probe => ({ ...handler, ...timing });

function requirements(resources: AppPlan["resources"]): ResourceRequirements | undefined {
    if (!resources) return undefined;
    return { requests: resources.requests && { ...resources.requests }, limits: resources.limits && { ...resources.limits } };
}

/** The shared FUSE volume as each container mounts it. */
function fuseMount(plan: AppPlan, propagation: "Bidirectional" | "HostToContainer"): k8s.types.input.core.v1.VolumeMount {
    return { name: FUSE_VOLUME, mountPath: plan.fuseVolumeDir, mountPropagation: propagation };
}

const toolsMount = (readOnly: boolean): k8s.types.input.core.v1.VolumeMount => ({
    name: TOOLS_VOLUME,
    mountPath: SIDECAR_TOOLS_DIR,
    ...(readOnly && { readOnly }),
});

/**
 * LiteFS, privileged (the device-plugin mode is refused in sidecar mode), as a native sidecar. Its readiness is
 * the pod's too (the proxy's health, when the proxy is on); liveness is the API port, as in embedded mode.
 */
export function liteFsSidecarContainer(plan: SidecarPlan, layout: LayoutContainer): Container {
    return {
        name: layout.name,
        image: plan.liteFsSidecar.image,
        restartPolicy: "Always",
        command: ["/bin/sh", "-c", startupScript(plan)],
        env: liteFsEnv(plan),
        ports: [
            { name: PORT_NAMES.litefs, containerPort: plan.apiPort, protocol: "TCP" },
            ...(plan.proxy ? [{ name: PORT_NAMES.proxy, containerPort: plan.proxy.port, protocol: "TCP" }] : []),
        ],
        startupProbe: probe({ exec: { command: liteFsStartupProbeCommand(plan.fuseDir) } }, plan.probes.startup),
        readinessProbe: plan.proxy
            ? probe({ httpGet: { path: PROXY_HEALTH_PATH, port: PORT_NAMES.proxy } }, plan.probes.readiness)
            : undefined,
        livenessProbe: probe({ tcpSocket: { port: PORT_NAMES.litefs } }, plan.probes.liveness),
        securityContext: liteFsSecurityContext({ mode: "privileged" }),
        resources: requirements(plan.liteFsSidecar.resources),
        volumeMounts: [
            { name: DATA_VOLUME, mountPath: plan.dataDir },
            fuseMount(plan, "Bidirectional"),
            { name: CONFIG_VOLUME, mountPath: plan.configDir },
            toolsMount(false),
        ],
    };
}

/** What the app and the migrate gate share: the app's image, env and volumes, and no privileges at all. */
function appImageParts(
    plan: AppPlan,
): Pick<Container, "image" | "imagePullPolicy" | "env" | "envFrom" | "securityContext" | "volumeMounts"> {
    return {
        image: plan.image,
        imagePullPolicy: plan.imagePullPolicy,
        env: containerEnv(plan),
        envFrom: plan.envFrom.length > 0 ? [...plan.envFrom] : undefined,
        // Non-root is allowed and left to the image (or podSecurityContext): nothing here needs root.
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
        volumeMounts: [fuseMount(plan, "HostToContainer"), toolsMount(true), ...plan.volumeMounts],
    };
}

/** `migrate`, once per start of pod-0, after LiteFS (now the primary) and before the app; a no-op on replicas. */
export function migrateInitContainer(plan: SidecarPlan & { readonly migrate: string }, layout: LayoutContainer): Container {
    return {
        name: layout.name,
        ...appImageParts(plan),
        command: migrateGateCommand(plan.migrate, plan.names.primaryPod),
        resources: requirements(plan.resources),
    };
}

/** "Can this pod serve?" from the app's side: its path, or its port. The proxy's health is on the LiteFS container. */
function appReadiness(plan: AppPlan): Pick<Probe, "httpGet" | "tcpSocket"> {
    return plan.probes.readinessPath
        ? { httpGet: { path: plan.probes.readinessPath, port: PORT_NAMES.app } }
        : { tcpSocket: { port: PORT_NAMES.app } };
}

/**
 * The app: the user's image and command (split as LiteFS would split it), unprivileged. Liveness reads `.lag`:
 * after LiteFS restarts, the app's view of the mount may be dead ("Transport endpoint is not connected") and the
 * kubelet restarts the app. The preStop sleep runs the copied busybox: the app image needs no `sleep`.
 */
export function sidecarModeAppContainer(plan: SidecarPlan, layout: LayoutContainer): Container {
    return {
        name: layout.name,
        ...appImageParts(plan),
        command: splitCommand(plan.command).words,
        ports: [{ name: PORT_NAMES.app, containerPort: plan.port, protocol: "TCP" }],
        readinessProbe: probe(appReadiness(plan), plan.probes.readiness),
        startupProbe: probe(appReadiness(plan), plan.probes.startup),
        livenessProbe: probe({ exec: { command: mountAliveCommand(plan.fuseDir) } }, plan.probes.liveness),
        lifecycle:
            plan.preStopSleepSeconds > 0
                ? { preStop: { exec: { command: busybox("sleep", String(plan.preStopSleepSeconds)) } } }
                : undefined,
        resources: requirements(plan.resources),
    };
}

export function isSidecarPlan(plan: AppPlan): plan is SidecarPlan {
    return plan.liteFsSidecar !== undefined;
}
