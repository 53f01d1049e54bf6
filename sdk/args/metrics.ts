/** Prometheus metrics, alerts and dashboard (`plan/metrics.ts`). */
export interface MetricsFieldArgs {
    /**
     * LiteFS's Prometheus metrics without exposing its API: a sidecar that answers only `GET /metrics` on the
     * port named `metrics`, and optionally a PodMonitor, alert rules and a Grafana dashboard. `{}` turns on the
     * sidecar with its defaults. Default: none (no sidecar).
     */
    metrics?: MetricsArgs;
}

export interface MetricsArgs {
    /**
     * The pod's port named `metrics`, where the sidecar serves `/metrics`. From 1024 (the sidecar is not root),
     * different from `port`, `apiPort` and `proxy.port`. Default: 20203.
     */
    port?: number;
    /**
     * Who may scrape the metrics port, as NetworkPolicy `from` peers (requires the NetworkPolicy). The default
     * admits every pod in every namespace: the page holds only numbers and database names. Narrow it, e.g.
     * `[{ namespaceSelector: { "kubernetes.io/metadata.name": "monitoring" } }]`. Default: [{"namespaceSelector":{}}].
     */
    allowFrom?: MetricsPeerArgs[];
    /**
     * A Prometheus Operator PodMonitor `<name>` (monitoring.coreos.com/v1) selecting this app's pods on the
     * `metrics` port; without it the pods carry `prometheus.io/scrape` annotations instead. Needs the Operator's
     * CRDs. Default: false.
     */
    podMonitor?: boolean;
    /** The alert rules, as a Prometheus Operator PrometheusRule `<name>` (monitoring.coreos.com/v1). Default: false. */
    prometheusRule?: boolean;
    /** A Grafana dashboard in the ConfigMap `<name>-dashboard`, labelled `grafana_dashboard: "1"` for Grafana's sidecar. Default: false. */
    dashboard?: boolean;
    /**
     * The sidecar's image: nginx 1.19.5 or later with `/bin/sh`, running as uid 101. Pin it by version or digest.
     * Default: "docker.io/nginxinc/nginx-unprivileged:1.28.0-alpine".
     */
    image?: string;
    /** The alert thresholds (with `prometheusRule: true`). Default: the defaults of `MetricsThresholdsArgs`. */
    thresholds?: MetricsThresholdsArgs;
}

/** A NetworkPolicy `from` peer, with label maps for selectors: at least one of the two. */
export interface MetricsPeerArgs {
    /** Namespaces by their labels; `{}` is every namespace. Without it, the app's own namespace. Default: none. */
    namespaceSelector?: Record<string, string>;
    /** Pods by their labels, within the selected namespaces. Without it, every pod there. Default: none. */
    podSelector?: Record<string, string>;
}

/** When the alerts fire; each is an alert's threshold, described in docs/metrics-and-alerts.md. */
export interface MetricsThresholdsArgs {
    /** `LiteFSReplicaLagging`: seconds since a replica last heard from the primary (which sends a heartbeat every second). Default: 30. */
    replicaLagSeconds?: number;
    /**
     * `LiteFSReplicaBehindPrimary`: a replica whose transaction id is below the one the primary had this many
     * seconds ago. A whole number. Default: 120.
     */
    behindPrimarySeconds?: number;
    /** `LiteFSVolumeNearlyFull`: percent of a data volume in use, above 0 and below 100. Default: 80. */
    volumeUsagePercent?: number;
    /** `LiteFSPodRestarting`: container restarts within an hour, a whole number. Default: 3. */
    restartsPerHour?: number;
    /**
     * `LiteFSBackupTooOld`: hours without a successful backup (with backups on); refused when shorter than the longest
     * interval `backup.schedule` leaves between two runs. Default: that interval plus 2 (26 for a daily schedule,
     * 170 for "@weekly").
     */
    backupMaxAgeHours?: number;
}
