/**
 * The Prometheus Operator objects (monitoring.coreos.com/v1 PodMonitor and PrometheusRule) and the Grafana
 * dashboard ConfigMap of one app, as plain manifests, each present only when `metrics` asks for it. The
 * Operator's CRDs are not in the Kubernetes schema `render` validates against, so their shapes are typed here.
 */
import type * as k8s from "@pulumi/kubernetes";
import { alertRules, type AlertTarget, type RuleGroup } from "../metrics/alerts";
import { dashboard } from "../metrics/dashboard";
import { METRICS_PATH } from "../metrics/nginx-conf";
import { PORT_NAMES } from "../naming";
import type { AppPlan, MetricsPlan } from "../plan";

interface CustomResource<Kind extends string, Spec> {
    readonly apiVersion: "monitoring.coreos.com/v1";
    readonly kind: Kind;
    readonly metadata: k8s.types.input.meta.v1.ObjectMeta;
    readonly spec: Spec;
}

export type PodMonitorManifest = CustomResource<
    "PodMonitor",
    {
        readonly selector: { readonly matchLabels: Record<string, string> };
        readonly podMetricsEndpoints: readonly { readonly port: string; readonly path: string }[];
    }
>;

export type PrometheusRuleManifest = CustomResource<"PrometheusRule", { readonly groups: readonly RuleGroup[] }>;

/** The Grafana sidecar's default label for dashboard ConfigMaps (kube-prometheus-stack, the grafana chart). */
export const GRAFANA_DASHBOARD_LABEL = { grafana_dashboard: "1" } as const;

function metadata(plan: AppPlan, name: string, extraLabels: Record<string, string> = {}): k8s.types.input.meta.v1.ObjectMeta {
    return { name, namespace: plan.namespace, labels: { ...plan.labels, ...extraLabels } };
}

/** Selects exactly this app's pods (its selector labels) in its own namespace, on the `metrics` port. */
export function podMonitorManifest(plan: AppPlan): PodMonitorManifest | undefined {
    if (!plan.metrics?.podMonitor) return undefined;
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PodMonitor",
        metadata: metadata(plan, plan.names.podMonitor),
        spec: {
            selector: { matchLabels: { ...plan.selectorLabels } },
            podMetricsEndpoints: [{ port: PORT_NAMES.metrics, path: METRICS_PATH }],
        },
    };
}

/** What the alerts need to know about the app; with `backup`, its CronJob adds the backup alerts. */
export function alertTarget(plan: AppPlan, metrics: MetricsPlan): AlertTarget {
    return {
        name: plan.name,
        namespace: plan.namespace,
        replicas: plan.replicas,
        thresholds: metrics.thresholds,
        liteFsContainer: plan.podLayout.litefs.name,
        ...(plan.backup && { backupCronJob: plan.names.backupCronJob }),
    };
}

export function prometheusRuleManifest(plan: AppPlan): PrometheusRuleManifest | undefined {
    if (!plan.metrics?.prometheusRule) return undefined;
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: metadata(plan, plan.names.prometheusRule),
        spec: { groups: [alertRules(alertTarget(plan, plan.metrics))] },
    };
}

/** The dashboard's file name inside the ConfigMap, which the Grafana sidecar writes out as is. */
export function dashboardFileName(plan: AppPlan): string {
    return `litefs-${plan.namespace}-${plan.name}.json`;
}

export function dashboardConfigMapManifest(plan: AppPlan): k8s.types.input.core.v1.ConfigMap | undefined {
    if (!plan.metrics?.dashboard) return undefined;
    return {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: metadata(plan, plan.names.dashboardConfigMap, GRAFANA_DASHBOARD_LABEL),
        data: { [dashboardFileName(plan)]: JSON.stringify(dashboard(plan), null, 2) },
    };
}
