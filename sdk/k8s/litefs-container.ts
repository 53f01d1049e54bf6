/** The LiteFS container's builder: the one container of the pod with FUSE rights. */
import type * as k8s from "@pulumi/kubernetes";
import { CONFIG_VOLUME, DATA_VOLUME, FUSE_VOLUME, PORT_NAMES } from "../naming";
import type { AppPlan, LayoutContainer } from "../plan";
import { startupScript } from "../startup/script";
import { containerEnv } from "./env";
import { fuseDeviceLimits, liteFsSecurityContext } from "./pod-security";
import { containerProbes } from "./probes";

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

/**
 * The container that runs LiteFS. In embedded mode it is the app's container too: LiteFS starts the app
 * through its `exec` section, so it carries the app's image, ports, env, probes and mounts.
 */
export function liteFsContainer(plan: AppPlan, layout: LayoutContainer): k8s.types.input.core.v1.Container {
    return {
        name: layout.name,
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
