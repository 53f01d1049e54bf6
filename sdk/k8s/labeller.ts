/**
 * Under `failover`: the labeller container and what it may do. Its service account's token reaches no other
 * container: the pod automounts none, and a projected token volume (the same sources as the kubelet's own
 * `kube-api-access` volume: token, the cluster CA, the namespace) is mounted in the labeller alone. Its Role allows
 * `get` and `patch` on this StatefulSet's pods, by name: `resourceNames` cannot restrict `list`, `watch` or
 * `create`, and the labeller needs none of them (sdk/failover/labeller.ts).
 */
import type * as k8s from "@pulumi/kubernetes";
import { LABELLER_ENV, LABELLER_SCRIPT } from "../failover/labeller";
import { LABELLER_CONTAINER_NAME, LABELLER_RUN_VOLUME, LABELLER_TOKEN_VOLUME, labellerObjectName } from "../naming";
import type { AppPlan } from "../plan";
import type { ConsulLeasePlan } from "../plan/failover";

/** Where the labeller finds its token, as the kubelet mounts one: `token` and `ca.crt`. */
export const LABELLER_TOKEN_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
const RUN_DIR = "/run/labeller";
/** A token lives an hour; the kubelet renews it at 80% of that, and the labeller reads it for every PATCH. */
const TOKEN_SECONDS = 3600;
/** curl_user in the curl image; any non-root user with a writable run directory works. */
const LABELLER_USER = 100;

/** The lease plan when the app uses failover, else undefined. */
export function consulLease(plan: Pick<AppPlan, "lease">): ConsulLeasePlan | undefined {
    return plan.lease.type === "consul" ? plan.lease : undefined;
}

export function labellerContainer(plan: AppPlan, lease: ConsulLeasePlan): k8s.types.input.core.v1.Container {
    return {
        name: LABELLER_CONTAINER_NAME,
        image: lease.labellerImage,
        command: ["/bin/sh", "-c", LABELLER_SCRIPT],
        env: [
            { name: LABELLER_ENV.podName, valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
            { name: LABELLER_ENV.podNamespace, valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
            { name: LABELLER_ENV.liteFsUrl, value: `http://localhost:${plan.apiPort}` },
            { name: LABELLER_ENV.tokenDir, value: LABELLER_TOKEN_DIR },
            { name: LABELLER_ENV.runDir, value: RUN_DIR },
        ],
        resources: { requests: { cpu: "5m", memory: "16Mi" }, limits: { memory: "32Mi" } },
        securityContext: {
            runAsNonRoot: true,
            runAsUser: LABELLER_USER,
            runAsGroup: LABELLER_USER,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
        },
        volumeMounts: [
            { name: LABELLER_TOKEN_VOLUME, mountPath: LABELLER_TOKEN_DIR, readOnly: true },
            { name: LABELLER_RUN_VOLUME, mountPath: RUN_DIR },
        ],
    };
}

/** The labeller's volumes: its projected token (mounted in no other container) and its run directory. */
export function labellerVolumes(): k8s.types.input.core.v1.Volume[] {
    return [
        {
            name: LABELLER_TOKEN_VOLUME,
            projected: {
                // Readable by the labeller's non-root user; no other container mounts it.
                defaultMode: 0o444,
                sources: [
                    { serviceAccountToken: { path: "token", expirationSeconds: TOKEN_SECONDS } },
                    { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
                    { downwardAPI: { items: [{ path: "namespace", fieldRef: { fieldPath: "metadata.namespace" } }] } },
                ],
            },
        },
        { name: LABELLER_RUN_VOLUME, emptyDir: { medium: "Memory", sizeLimit: "1Mi" } },
    ];
}

export function labellerServiceAccountManifest(plan: AppPlan): k8s.types.input.core.v1.ServiceAccount {
    return {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: labellerObjectName(plan.name), namespace: plan.namespace, labels: { ...plan.labels } },
        // The token is projected into the labeller only; nothing mounts this account's token by default.
        automountServiceAccountToken: false,
    };
}

export function labellerRoleManifest(plan: AppPlan): k8s.types.input.rbac.v1.Role {
    return {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "Role",
        metadata: { name: labellerObjectName(plan.name), namespace: plan.namespace, labels: { ...plan.labels } },
        rules: [
            {
                apiGroups: [""],
                resources: ["pods"],
                // Kept in step with replicas: a pod the StatefulSet adds is named here in the same update.
                resourceNames: Array.from({ length: plan.replicas }, (_, ordinal) => plan.names.pod(ordinal)),
                verbs: ["get", "patch"],
            },
        ],
    };
}

export function labellerRoleBindingManifest(plan: AppPlan): k8s.types.input.rbac.v1.RoleBinding {
    const name = labellerObjectName(plan.name);
    return {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name, namespace: plan.namespace, labels: { ...plan.labels } },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
        subjects: [{ kind: "ServiceAccount", name, namespace: plan.namespace }],
    };
}
