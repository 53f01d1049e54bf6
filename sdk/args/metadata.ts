/** Labels, pod annotations and the app container's resources (`plan/metadata.ts`). */
export interface MetadataArgs {
    /** Extra labels for every object and pod. The selector labels cannot be overridden. Default: none. */
    labels?: Record<string, string>;
    /** Extra annotations on the pod template (changing them rolls the pods). Default: none. */
    podAnnotations?: Record<string, string>;
    /** CPU and memory requests and limits of the app container. Default: none. */
    resources?: ResourcesArgs;
}

export interface ResourcesArgs {
    /** What the scheduler reserves for the container. */
    requests?: ResourceListArgs;
    /** The most the container may use. */
    limits?: ResourceListArgs;
}

export interface ResourceListArgs {
    /** CPU, a Kubernetes quantity such as "250m" or "1". */
    cpu?: string;
    /** Memory, a Kubernetes quantity such as "512Mi". */
    memory?: string;
}
