import type * as k8s from "@pulumi/kubernetes";
import { backupSelectorLabels } from "../naming";
import type { AppPlan, MetricsPeer } from "../plan";

/**
 * LiteFS's node API has no authentication: whoever reaches it can stream the database or, on pod-0, replace
 * it with `litefs import`. Only this app's own pods (the replicas) may reach it, and with `backup` its backup and
 * restore pods; the app and proxy ports stay open to every source, as without a policy. The metrics sidecar's
 * port admits `metrics.allowFrom` only. Once a policy selects a pod, every port it does not list is closed.
 */
export function networkPolicyManifest(plan: AppPlan): k8s.types.input.networking.v1.NetworkPolicy {
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: plan.names.networkPolicy, namespace: plan.namespace, labels: { ...plan.labels } },
        spec: {
            podSelector: { matchLabels: { ...plan.selectorLabels } },
            policyTypes: ["Ingress"],
            ingress: [
                {
                    from: [
                        { podSelector: { matchLabels: { ...plan.selectorLabels } } },
                        ...(plan.backup ? [{ podSelector: { matchLabels: backupSelectorLabels(plan.name) } }] : []),
                    ],
                    ports: [{ protocol: "TCP", port: plan.apiPort }],
                },
                { ports: [plan.port, ...(plan.proxy ? [plan.proxy.port] : [])].map((port) => ({ protocol: "TCP", port })) },
                ...(plan.metrics
                    ? [{ from: plan.metrics.allowFrom.map(networkPolicyPeer), ports: [{ protocol: "TCP", port: plan.metrics.port }] }]
                    : []),
            ],
        },
    };
}

/** `allowFrom`'s label maps as NetworkPolicy selectors; `{}` matches every namespace or pod. */
function networkPolicyPeer(peer: MetricsPeer): k8s.types.input.networking.v1.NetworkPolicyPeer {
    return {
        ...(peer.namespaceSelector && { namespaceSelector: { matchLabels: { ...peer.namespaceSelector } } }),
        ...(peer.podSelector && { podSelector: { matchLabels: { ...peer.podSelector } } }),
    };
}
