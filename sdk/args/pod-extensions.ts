/** The user's additions to the pod: containers, volumes, mounts, envFrom (`plan/pod-extensions.ts`). */
export interface PodExtensionsArgs {
    /**
     * More containers in each pod, beside the app's (a log shipper, a metrics exporter): Kubernetes
     * Container specs. Each needs a `name` (not "app") and an `image`. They never get elevated rights: no
     * `privileged`, no added capabilities, no `allowPrivilegeEscalation: true`, no unconfined AppArmor;
     * pulumi-litefs sets `allowPrivilegeEscalation: false` and drops every capability. They may mount
     * `volumes`, not LiteFS's own volumes. Default: none.
     */
    sidecars?: KubernetesSpec[];
    /**
     * Containers that run to completion before the app's container starts on every pod (replicas included:
     * a database migration belongs in `migrate`). Kubernetes Container specs, with the same rules as
     * `sidecars`. Default: none.
     */
    initContainers?: KubernetesSpec[];
    /**
     * More pod volumes (Kubernetes Volume specs: `configMap`, `secret`, `emptyDir`, `persistentVolumeClaim`,
     * …) for `volumeMounts` and the sidecars. Their names may not be LiteFS's own (`litefs-data`,
     * `litefs-fuse`, `litefs-config`). Default: none.
     */
    volumes?: KubernetesSpec[];
    /**
     * Mounts of `volumes` into the app's container (Kubernetes VolumeMount specs: `name`, `mountPath`,
     * `readOnly`, `subPath`). A mount path may not overlap LiteFS's directories (data.dir, fuse.dir, the
     * litefs.yml directory). Default: none.
     */
    volumeMounts?: KubernetesSpec[];
    /**
     * Environment from ConfigMaps and Secrets (Kubernetes EnvFromSource specs: `{ configMapRef: { name } }`
     * or `{ secretRef: { name } }`, with an optional `prefix`). pulumi-litefs's own variables and `env` win
     * over a key of the same name; never put `HOSTNAME` in them. Default: none.
     */
    envFrom?: KubernetesSpec[];
}

/**
 * A Kubernetes object given as it appears in a pod spec (a Container, a Volume, a VolumeMount, an
 * EnvFromSource): the fields and spelling of the Kubernetes API (`k8s.types.input.core.v1.*`). A plain
 * JSON object rather than the typed `@pulumi/kubernetes` input: the multi-language schema cannot express
 * those types (their union-typed fields, e.g. a probe's `port: number | string`), and pulumi-litefs checks
 * what matters here itself before anything is created.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema analyzer refuses `unknown`; `any` becomes a JSON object
export type KubernetesSpec = Record<string, any>;
