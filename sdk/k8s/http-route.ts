/**
 * Method-based routing with the Gateway API's standard HTTPRoute (not one ingress controller's CRD), the
 * Kubernetes form of the nginx split in LiteFS's own example: reads to every pod, writes to pod-0.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { AppPlan } from "../plan";

/** The methods the LiteFS proxy serves on any node; it treats every other method as a write. */
export const READ_METHODS = ["GET", "HEAD"] as const;
export const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;

export interface HttpRouteManifest {
    readonly apiVersion: "gateway.networking.k8s.io/v1";
    readonly kind: "HTTPRoute";
    readonly metadata: k8s.types.input.meta.v1.ObjectMeta;
    readonly spec: Record<string, unknown>;
}

const EVERY_PATH = { type: "PathPrefix", value: "/" };

export function httpRouteManifest(plan: AppPlan): HttpRouteManifest | undefined {
    if (!plan.httpRoute) return undefined;
    const to = (service: string) => [{ name: service, port: plan.port }];
    const byMethod = (methods: readonly string[]) => methods.map((method) => ({ path: EVERY_PATH, method }));
    const { readService, primaryService } = plan.names;
    return {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name: plan.name, namespace: plan.namespace, labels: { ...plan.labels } },
        spec: {
            parentRefs: plan.httpRoute.parentRefs.map(({ name, namespace, sectionName, port }) => ({
                name,
                ...(namespace !== undefined && { namespace }),
                ...(sectionName !== undefined && { sectionName }),
                ...(port !== undefined && { port }),
            })),
            ...(plan.httpRoute.hostnames.length > 0 && { hostnames: [...plan.httpRoute.hostnames] }),
            // A match with a method outranks one without (Gateway API match precedence), whatever the order.
            rules: [
                { matches: byMethod(READ_METHODS), backendRefs: to(readService) },
                { matches: byMethod(WRITE_METHODS), backendRefs: to(primaryService) },
                // Any other method (OPTIONS, …): a replica's proxy would treat it as a write and drop it.
                { matches: [{ path: EVERY_PATH }], backendRefs: to(plan.proxy ? primaryService : readService) },
            ],
        },
    };
}
