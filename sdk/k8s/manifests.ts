/** Every Kubernetes object a LiteFsApp creates, as plain objects: what the component registers and the CLI prints. */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { backupTarget } from "../backup/target";
import type { AppPlan } from "../plan";
import { backupCronJobManifest } from "./backup-cronjob";
import { backupScriptsManifest } from "./backup-scripts";
import { envSecretManifest } from "./env";
import { headlessServiceManifest } from "./headless-service";
import { consulLease, labellerRoleBindingManifest, labellerRoleManifest, labellerServiceAccountManifest } from "./labeller";
import { type HttpRouteManifest, httpRouteManifest } from "./http-route";
import {
    dashboardConfigMapManifest,
    type PodMonitorManifest,
    podMonitorManifest,
    type PrometheusRuleManifest,
    prometheusRuleManifest,
} from "./monitoring";
import { namespaceManifest } from "./namespace";
import { networkPolicyManifest } from "./network-policy";
import { podDisruptionBudgetManifest } from "./pod-disruption-budget";
import { primaryServiceManifest, readServiceManifest } from "./services";
import { statefulSetManifest } from "./statefulset";

/** A Kubernetes object as plain JSON, as rendered or captured: its shape depends on its kind. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary Kubernetes JSON, walked by kind-specific code
export type KubeObject = Record<string, any>;

export interface AppManifests {
    /** Present when the app creates its namespace. */
    readonly namespace?: k8s.types.input.core.v1.Namespace;
    /** `<name>-labeller`, present with `failover`: the labeller's account, its Role and the binding. */
    readonly labellerServiceAccount?: k8s.types.input.core.v1.ServiceAccount;
    readonly labellerRole?: k8s.types.input.rbac.v1.Role;
    readonly labellerRoleBinding?: k8s.types.input.rbac.v1.RoleBinding;
    /** Present when an `env` value is an Output or a promise: holds the ones that are secret. */
    readonly envSecret?: k8s.types.input.core.v1.Secret;
    readonly headlessService: k8s.types.input.core.v1.Service;
    /** Present unless `networkPolicy: false`. */
    readonly networkPolicy?: k8s.types.input.networking.v1.NetworkPolicy;
    /** The StatefulSet, given the env Secret's resourceVersion once that Secret is registered. */
    statefulSet(envSecretVersion?: pulumi.Input<string>): k8s.types.input.apps.v1.StatefulSet;
    /** `<name>`: reads, over every Ready pod. */
    readonly readService: k8s.types.input.core.v1.Service;
    /** `<name>-primary`: writes, to the primary only. */
    readonly primaryService: k8s.types.input.core.v1.Service;
    readonly podDisruptionBudget: k8s.types.input.policy.v1.PodDisruptionBudget;
    /** Present when `httpRoute` is set. */
    readonly httpRoute?: HttpRouteManifest;
    /** `<name>-backup-scripts`, present with `backup`: the scripts the backup and restore pods run. */
    readonly backupScripts?: k8s.types.input.core.v1.ConfigMap;
    /** `<name>-backup`, present with `backup`. */
    readonly backupCronJob?: k8s.types.input.batch.v1.CronJob;
    /** Present with `metrics.podMonitor`. */
    readonly podMonitor?: PodMonitorManifest;
    /** Present with `metrics.prometheusRule`. */
    readonly prometheusRule?: PrometheusRuleManifest;
    /** Present with `metrics.dashboard`. */
    readonly dashboard?: k8s.types.input.core.v1.ConfigMap;
}

export function appManifests(plan: AppPlan): AppManifests {
    const backup = backupTarget(plan);
    const failover = consulLease(plan) !== undefined;
    return {
        namespace: plan.createNamespace ? namespaceManifest(plan) : undefined,
        labellerServiceAccount: failover ? labellerServiceAccountManifest(plan) : undefined,
        labellerRole: failover ? labellerRoleManifest(plan) : undefined,
        labellerRoleBinding: failover ? labellerRoleBindingManifest(plan) : undefined,
        envSecret: envSecretManifest(plan),
        headlessService: headlessServiceManifest(plan),
        networkPolicy: plan.networkPolicy ? networkPolicyManifest(plan) : undefined,
        statefulSet: (envSecretVersion) => statefulSetManifest(plan, envSecretVersion),
        readService: readServiceManifest(plan),
        primaryService: primaryServiceManifest(plan),
        podDisruptionBudget: podDisruptionBudgetManifest(plan),
        httpRoute: httpRouteManifest(plan),
        backupScripts: backup && backupScriptsManifest(backup),
        backupCronJob: backup && backupCronJobManifest(backup),
        podMonitor: podMonitorManifest(plan),
        prometheusRule: prometheusRuleManifest(plan),
        dashboard: dashboardConfigMapManifest(plan),
    };
}

/**
 * Every object of `appManifests`, in creation order, as plain JSON data (unset fields dropped): what the
 * component registers, as `render` writes it. For plans from plain arguments (an args file), whose image
 * and env values are strings, so there is no env Secret and the StatefulSet is built without its version.
 * Generic over the fields of `AppManifests`, so a new object is rendered,
 * validated and compared with the component without touching this function.
 */
export function manifestList(manifests: AppManifests): KubeObject[] {
    return Object.values(manifests)
        .filter((manifest) => manifest !== undefined)
        .map((manifest) => (typeof manifest === "function" ? manifest() : manifest))
        .map((manifest) => JSON.parse(JSON.stringify(manifest)));
}
