import type * as k8s from "@pulumi/kubernetes";
import { PORT_NAMES } from "../naming";
import type { AppPlan } from "../plan";

/**
 * The StatefulSet's governing Service: it gives every pod a stable DNS name. It publishes pods before they
 * are Ready because replicas must resolve pod-0 while pod-0 is still starting (its LiteFS API answers before
 * its app is Ready). Clients never use it: it bypasses readiness.
 */
export function headlessServiceManifest(plan: AppPlan): k8s.types.input.core.v1.Service {
    return {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: plan.names.headlessService, namespace: plan.namespace, labels: { ...plan.labels } },
        spec: {
            clusterIP: "None",
            publishNotReadyAddresses: true,
            selector: { ...plan.selectorLabels },
            ports: [
                { name: PORT_NAMES.litefs, port: plan.apiPort, targetPort: PORT_NAMES.litefs, protocol: "TCP" },
                ...(plan.proxy ? [{ name: PORT_NAMES.proxy, port: plan.proxy.port, targetPort: PORT_NAMES.proxy, protocol: "TCP" }] : []),
            ],
        },
    };
}
