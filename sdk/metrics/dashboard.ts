/**
 * The Grafana dashboard of one app (JSON model, schema 39): which pod is primary, replication lag and
 * transaction ids per pod, commits per second, replicas streaming, data volume use and restarts. Every
 * query is scoped to this app's pods and volumes, and names only series from `series.ts`.
 */
import { createHash } from "node:crypto";
import { dataVolumeMatchers, type MonitoredApp, podMatchers } from "./scope";
import { series } from "./series";

export interface DashboardPanelQuery {
    readonly expr: string;
    readonly legendFormat: string;
}

const DATASOURCE = { type: "prometheus", uid: "${datasource}" } as const;

interface PanelSpec {
    readonly title: string;
    readonly description: string;
    readonly type: "timeseries" | "stat";
    readonly unit: string;
    readonly queries: readonly DashboardPanelQuery[];
    readonly extra?: Record<string, unknown>;
}

/** The panels, in reading order; each query's `$__rate_interval` is Grafana's, the rest plain PromQL. */
export function dashboardPanels(app: MonitoredApp): PanelSpec[] {
    const pods = podMatchers(app);
    const volumes = dataVolumeMatchers(app);
    return [
        {
            title: "Primary",
            description: "litefs_is_primary per pod: exactly one pod (the primary) should read 1.",
            type: "stat",
            unit: "none",
            queries: [{ expr: `max by (pod) (${series("litefs_is_primary", pods)})`, legendFormat: "{{pod}}" }],
            extra: {
                fieldConfig: {
                    defaults: {
                        unit: "none",
                        mappings: [
                            {
                                type: "value",
                                options: { "0": { text: "replica", color: "blue" }, "1": { text: "primary", color: "green" } },
                            },
                        ],
                        color: { mode: "fixed" },
                    },
                    overrides: [],
                },
                options: {
                    colorMode: "background",
                    graphMode: "none",
                    textMode: "value_and_name",
                    reduceOptions: { calcs: ["lastNotNull"] },
                },
            },
        },
        {
            title: "Replicas streaming from the primary",
            description: "litefs_http_stream_count on each pod: the primary serves one stream per connected replica.",
            type: "stat",
            unit: "none",
            queries: [{ expr: `max by (pod) (${series("litefs_http_stream_count", pods)})`, legendFormat: "{{pod}}" }],
            extra: {
                options: { colorMode: "value", graphMode: "area", textMode: "value_and_name", reduceOptions: { calcs: ["lastNotNull"] } },
            },
        },
        {
            title: "Replication lag",
            description:
                "litefs_lag_seconds: time since each replica last heard from the primary (0 on the primary, and on a replica that has not synced yet); " +
                "litefs_db_lag_seconds: time from an LTX file's creation to its apply on each pod, per database.",
            type: "timeseries",
            unit: "s",
            queries: [
                { expr: `max by (pod) (${series("litefs_lag_seconds", pods)})`, legendFormat: "{{pod}} since last heard" },
                { expr: `max by (pod, db) (${series("litefs_db_lag_seconds", pods)})`, legendFormat: "{{pod}} {{db}} apply" },
            ],
        },
        {
            title: "Transaction ID",
            description: "litefs_db_txid per pod and database: replicas should follow the primary's line closely.",
            type: "timeseries",
            unit: "none",
            queries: [{ expr: `max by (pod, db) (${series("litefs_db_txid", pods)})`, legendFormat: "{{pod}} {{db}}" }],
        },
        {
            title: "Commits per second",
            description: "rate of litefs_db_commit_count: writes committed on each pod (the primary), per database.",
            type: "timeseries",
            unit: "ops",
            queries: [
                {
                    expr: `sum by (pod, db) (rate(${series("litefs_db_commit_count", pods)}[$__rate_interval]))`,
                    legendFormat: "{{pod}} {{db}}",
                },
            ],
        },
        {
            title: "Data volume use",
            description: "kubelet volume stats of each litefs-data PVC: keep 20–50% free for LTX files.",
            type: "timeseries",
            unit: "percentunit",
            queries: [
                {
                    expr:
                        `max by (persistentvolumeclaim) (${series("kubelet_volume_stats_used_bytes", volumes)}) ` +
                        `/ max by (persistentvolumeclaim) (${series("kubelet_volume_stats_capacity_bytes", volumes)})`,
                    legendFormat: "{{persistentvolumeclaim}}",
                },
            ],
            extra: { fieldConfig: { defaults: { unit: "percentunit", min: 0, max: 1 }, overrides: [] } },
        },
        {
            title: "Container restarts",
            description: "kube-state-metrics restarts per container over the dashboard's interval.",
            type: "timeseries",
            unit: "none",
            queries: [
                {
                    expr: `max by (pod, container) (increase(${series("kube_pod_container_status_restarts_total", pods)}[$__rate_interval]))`,
                    legendFormat: "{{pod}} {{container}}",
                },
            ],
        },
    ];
}

/** Grafana dashboard uids are at most 40 characters: a stable hash of the app's namespace and name. */
export function dashboardUid(app: MonitoredApp): string {
    return `litefs-${createHash("sha256").update(`${app.namespace}/${app.name}`).digest("hex").slice(0, 16)}`;
}

export function dashboard(app: MonitoredApp): Record<string, unknown> {
    const panels = dashboardPanels(app).map((spec, i) => ({
        id: i + 1,
        title: spec.title,
        description: spec.description,
        type: spec.type,
        datasource: DATASOURCE,
        // Two columns of 12 × 8.
        gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
        targets: spec.queries.map((query, j) => ({
            refId: String.fromCharCode(65 + j),
            datasource: DATASOURCE,
            expr: query.expr,
            legendFormat: query.legendFormat,
        })),
        fieldConfig: { defaults: { unit: spec.unit }, overrides: [] },
        ...spec.extra,
    }));
    return {
        uid: dashboardUid(app),
        title: `LiteFS: ${app.namespace}/${app.name}`,
        tags: ["litefs", "pulumi-litefs"],
        timezone: "browser",
        schemaVersion: 39,
        editable: true,
        refresh: "30s",
        time: { from: "now-6h", to: "now" },
        templating: {
            list: [{ name: "datasource", label: "Prometheus", type: "datasource", query: "prometheus", current: {}, hide: 0 }],
        },
        panels,
    };
}
