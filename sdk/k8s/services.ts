/**
 * The client Services. Unlike the headless Service they honour readiness, so they only send traffic to
 * pods that can serve it. When the LiteFS proxy is on, both target it, because it gives read-your-writes
 * consistency; that is safe for writes only on pod-0, the static primary, whose proxy always serves them
 * locally. A replica's proxy drops writes (an empty 200 with `fly-replay`), so no write route of ours
 * ever selects a replica: `<name>-primary` selects the static primary (pod `primaryOrdinal`) by its pod-name
 * label, or under `failover` the pod the labeller labels `litefs.io/role: primary`. A label can be stale for a
 * moment after the lease moves, so under failover the write Service skips the proxy and targets the app itself:
 * a write that reaches a replica then fails on its read-only database instead of vanishing.
 */
import type * as k8s from "@pulumi/kubernetes";
import { POD_NAME_LABEL, PORT_NAMES, ROLE_LABEL } from "../naming";
import type { AppPlan, ServicePlan } from "../plan";

type Service = k8s.types.input.core.v1.Service;

function clientService(plan: AppPlan, name: string, selector: Record<string, string>, exposure: ServicePlan, viaProxy = true): Service {
    return {
        apiVersion: "v1",
        kind: "Service",
        metadata: {
            name,
            namespace: plan.namespace,
            labels: { ...exposure.labels, ...plan.labels },
            annotations: Object.keys(exposure.annotations).length > 0 ? { ...exposure.annotations } : undefined,
        },
        spec: {
            type: exposure.type,
            selector,
            // Clients use the app's port number whether or not the proxy is on.
            ports: [
                {
                    name: PORT_NAMES.app,
                    port: plan.port,
                    targetPort: plan.proxy && viaProxy ? PORT_NAMES.proxy : PORT_NAMES.app,
                    protocol: "TCP",
                },
            ],
        },
    };
}

/** `<name>`: reads, over every Ready pod. Send only GET and HEAD here when the proxy is on. */
export function readServiceManifest(plan: AppPlan): Service {
    return clientService(plan, plan.names.readService, { ...plan.selectorLabels }, plan.services.read);
}

/** `<name>-primary`: writes, to the primary only. It has no endpoints while no pod is a Ready primary. */
export function primaryServiceManifest(plan: AppPlan): Service {
    const failover = plan.lease.type === "consul";
    const primary: Record<string, string> = failover ? { [ROLE_LABEL]: "primary" } : { [POD_NAME_LABEL]: plan.names.primaryPod };
    return clientService(plan, plan.names.primaryService, { ...plan.selectorLabels, ...primary }, plan.services.primary, !failover);
}
