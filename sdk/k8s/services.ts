/**
 * The client Services. Unlike the headless Service they honour readiness, so they only send traffic to
 * pods that can serve it. When the LiteFS proxy is on, both target it, because it gives read-your-writes
 * consistency; that is safe for writes only on pod-0, the static primary, whose proxy always serves them
 * locally. A replica's proxy drops writes (an empty 200 with `fly-replay`), so no write route of ours
 * ever selects a replica: `<name>-primary` selects pod-0 by its pod-name label.
 */
import type * as k8s from "@pulumi/kubernetes";
import { POD_NAME_LABEL, PORT_NAMES } from "../naming";
import type { AppPlan, ServicePlan } from "../plan";

type Service = k8s.types.input.core.v1.Service;

function clientService(plan: AppPlan, name: string, selector: Record<string, string>, exposure: ServicePlan): Service {
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
            ports: [{ name: PORT_NAMES.app, port: plan.port, targetPort: plan.proxy ? PORT_NAMES.proxy : PORT_NAMES.app, protocol: "TCP" }],
        },
    };
}

/** `<name>`: reads, over every Ready pod. Send only GET and HEAD here when the proxy is on. */
export function readServiceManifest(plan: AppPlan): Service {
    return clientService(plan, plan.names.readService, { ...plan.selectorLabels }, plan.services.read);
}

/** `<name>-primary`: writes, to pod-0 only. It has no endpoints while pod-0 is not Ready. */
export function primaryServiceManifest(plan: AppPlan): Service {
    return clientService(
        plan,
        plan.names.primaryService,
        { ...plan.selectorLabels, [POD_NAME_LABEL]: plan.names.primaryPod },
        plan.services.primary,
    );
}
