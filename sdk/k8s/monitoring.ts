/**
 * The Prometheus Operator objects (monitoring.coreos.com/v1 PodMonitor and PrometheusRule) and the Grafana
 * dashboard ConfigMap of one app, as plain manifests. The Operator's CRDs are not in the Kubernetes schema
 * that `render` validates against, so these are typed here.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { RuleGroup } from "../metrics/alerts";
import { METRICS_PATH } from "../metrics/nginx-conf";
import { type AppNames, PORT_NAMES } from "../naming";

export interface MonitoredObject {
    readonly names: AppNames;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly selectorLabels: Readonly<Record<string, string>>;
}

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

/** The Grafana sidecar's default label for dashboard ConfigMaps (kube-prometheus-stack, grafana chart). */
export const GRAFANA_DASHBOARD_LABEL = { grafana_dashboard: "1" } as const;

function metadata(app: MonitoredObject, name: string, extraLabels: Record<string, string> = {}): k8s.types.input.meta.v1.ObjectMeta {
    return { name, namespace: app.namespace, labels: { ...app.labels, ...extraLabels } };
}

/** Selects exactly this app's pods (its selector labels) in its own namespace, on the `metrics` port. */
export function podMonitorManifest(app: MonitoredObject): PodMonitorManifest {
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PodMonitor",
        metadata: metadata(app, app.names.podMonitor),
        spec: {
            selector: { matchLabels: { ...app.selectorLabels } },
            podMetricsEndpoints: [{ port: PORT_NAMES.metrics, path: METRICS_PATH }],
        },
    };
}

export function prometheusRuleManifest(app: MonitoredObject, group: RuleGroup): PrometheusRuleManifest {
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: metadata(app, app.names.prometheusRule),
        spec: { groups: [group] },
    };
}

/** The dashboard's file name inside the ConfigMap, which the Grafana sidecar writes out as is. */
export function dashboardFileName(app: MonitoredObject): string {
    return `litefs-${app.namespace}-${app.names.statefulSet}.json`;
}

export function dashboardConfigMapManifest(app: MonitoredObject, dashboard: Record<string, unknown>): k8s.types.input.core.v1.ConfigMap {
    return {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: metadata(app, app.names.dashboardConfigMap, GRAFANA_DASHBOARD_LABEL),
        data: { [dashboardFileName(app)]: JSON.stringify(dashboard, null, 2) },
    };
}
