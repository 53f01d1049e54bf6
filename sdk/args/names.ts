/** The instance's place in the cluster: namespace, pod count, ports and DNS domain (`plan/names.ts`). */
export interface NamesArgs {
    /** Kubernetes namespace for every object. Default: the instance name. */
    namespace?: string;
    /**
     * Create the namespace, labelled `pod-security.kubernetes.io/enforce: privileged` (LiteFS pods are
     * privileged, which `baseline` and `restricted` reject). Set false to use an existing namespace; it
     * must then allow privileged pods. Default: true.
     */
    createNamespace?: boolean;
    /** Number of pods: pod-0 is the primary, every other pod a read replica. Default: 2. */
    replicas?: number;
    /** The port the app's HTTP server listens on inside the pod. */
    port: number;
    /** The LiteFS node API port that replicas stream from (`http.addr`). Default: 20202. */
    apiPort?: number;
    /** The cluster's DNS domain, used in the primary's advertise URL. Default: "cluster.local". */
    clusterDomain?: string;
}
