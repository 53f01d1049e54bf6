/** The read and write Services (`plan/services.ts`). */
export interface ServicesFieldArgs {
    /** Type, annotations and labels of the read Service `<name>` and the write Service `<name>-primary`. Default: both ClusterIP. */
    services?: ServicesArgs;
}

export interface ServicesArgs {
    /** The read Service `<name>`: every Ready pod, for GET and HEAD. */
    read?: ServiceArgs;
    /** The write Service `<name>-primary`: pod-0 only. */
    primary?: ServiceArgs;
}

export interface ServiceArgs {
    /** "ClusterIP", "NodePort" or "LoadBalancer". Default: "ClusterIP". */
    type?: ServiceType;
    /** Annotations, e.g. a cloud load balancer's (`service.beta.kubernetes.io/aws-load-balancer-scheme: internal`). Default: none. */
    annotations?: Record<string, string>;
    /** Labels added to the Service's own (not to its selector). Default: none. */
    labels?: Record<string, string>;
}

/** How a Service is exposed; see `ServiceArgs.type`. */
export const ServiceType = {
    /** Reachable inside the cluster only. */
    ClusterIP: "ClusterIP",
    /** Also on a port of every node. */
    NodePort: "NodePort",
    /** Also through the cloud's load balancer (or k3s's ServiceLB). */
    LoadBalancer: "LoadBalancer",
} as const;
export type ServiceType = (typeof ServiceType)[keyof typeof ServiceType];
