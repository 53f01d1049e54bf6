/**
 * Metrics: the sidecar that serves LiteFS's `/metrics` on its own port, who may scrape it, and the
 * optional PodMonitor, PrometheusRule (with its thresholds) and Grafana dashboard.
 */
import type { LiteFsAppArgs, MetricsPeerArgs, MetricsThresholdsArgs } from "../args";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { isPlainObject, shown } from "../validation/values";
import { defaultBackupMaxAgeHours, scheduleIntervalHours } from "./backup";
import { DEFAULTS } from "./defaults";
import type { MetricsPeer, MetricsPlan, MetricsThresholds, PlanContext, Planned } from "./model";
import { freeOwnPort, type OwnLayout } from "./pod-layout";

/** Only nginx as root may bind below 1024, and the sidecar never runs as root. */
const FIRST_UNPRIVILEGED_PORT = 1024;
const PEER_KEYS: readonly (keyof MetricsPeerArgs)[] = ["namespaceSelector", "podSelector"];

export function planMetrics(args: LiteFsAppArgs, ctx: PlanContext): Planned<{ readonly metrics?: MetricsPlan }> {
    const metrics = args.metrics;
    if (metrics === undefined) return { value: {}, problems: [] };
    if (!isRecord(metrics))
        return {
            value: {},
            problems: [
                {
                    rule: "metrics-object",
                    path: "args.metrics",
                    message: `must be an object of metrics settings, got ${shown(metrics)}.`,
                    fix: "write metrics: {} for the sidecar with its defaults, or e.g. metrics: { podMonitor: true }.",
                },
            ],
        };
    const port = ctx.basics.metricsPort ?? DEFAULTS["metrics.port"];
    const image = metrics.image ?? DEFAULTS["metrics.image"];
    const problems: Problem[] = [
        ...portProblems(port, ctx.basics.layout),
        ...rules.pinnedImage(image, "args.metrics.image", "metrics-image", `pin a version or digest, e.g. "${DEFAULTS["metrics.image"]}".`),
        ...(["podMonitor", "prometheusRule", "dashboard"] as const).flatMap((key) =>
            rules.boolean(metrics[key], `args.metrics.${key}`, "metrics-boolean"),
        ),
    ];
    const allowFrom = metrics.allowFrom === undefined ? DEFAULTS["metrics.allowFrom"] : metrics.allowFrom;
    problems.push(...allowFromProblems(allowFrom));
    if (metrics.allowFrom !== undefined && args.networkPolicy === false)
        problems.push({
            rule: "metrics-allow-from",
            path: "args.metrics.allowFrom",
            message: "only takes effect through the NetworkPolicy, and networkPolicy is false: every source could scrape.",
            fix: "remove networkPolicy: false, or remove allowFrom.",
        });
    const schedule: unknown = isPlainObject(args.backup) ? args.backup.schedule : undefined;
    const thresholds = planThresholds(metrics.thresholds, problems, defaultBackupMaxAgeHours(schedule));
    const interval = scheduleIntervalHours(schedule);
    const maxAge = metrics.thresholds?.backupMaxAgeHours;
    if (interval !== undefined && typeof maxAge === "number" && maxAge < interval)
        problems.push({
            rule: "backup-max-age",
            path: "args.metrics.thresholds.backupMaxAgeHours",
            message: `(${maxAge}) is shorter than the ${interval} hours backup.schedule "${String(schedule)}" can leave between two runs: LiteFSBackupTooOld would page after every run.`,
            fix: `leave it out for ${defaultBackupMaxAgeHours(schedule)} (the schedule's longest interval plus ${defaultBackupMaxAgeHours(schedule) - interval} hours), or at least ${interval}.`,
        });
    if (metrics.thresholds?.backupMaxAgeHours !== undefined && args.backup === undefined)
        problems.push({
            rule: "metrics-thresholds",
            path: "args.metrics.thresholds.backupMaxAgeHours",
            message: "is the threshold of the backup alerts, and there are none without backup.",
            fix: "set backup (a schedule, destination and rcloneConfigSecret), or remove backupMaxAgeHours.",
        });
    if (metrics.thresholds !== undefined && metrics.prometheusRule !== true)
        problems.push({
            rule: "metrics-thresholds",
            path: "args.metrics.thresholds",
            message: "set the alerts' thresholds, and there are no alerts without prometheusRule: true.",
            fix: "set metrics.prometheusRule: true, or remove thresholds.",
        });
    return {
        value: {
            metrics: {
                port,
                image,
                allowFrom: Array.isArray(allowFrom) ? allowFrom.map(peer) : [],
                podMonitor: metrics.podMonitor ?? DEFAULTS["metrics.podMonitor"],
                prometheusRule: metrics.prometheusRule ?? DEFAULTS["metrics.prometheusRule"],
                dashboard: metrics.dashboard ?? DEFAULTS["metrics.dashboard"],
                thresholds,
            },
        },
        problems,
    };
}

/** The metrics port's own rule: a whole number the non-root sidecar may listen on. Its clashes are the pod layout's. */
export function metricsPortInRange(port: unknown): boolean {
    return Number.isInteger(port) && (port as number) >= FIRST_UNPRIVILEGED_PORT && (port as number) <= 65535;
}

function portProblems(port: unknown, layout: OwnLayout): Problem[] {
    const path = "args.metrics.port";
    // The port a fix suggests: the default, unless one of the pod's other own ports takes it.
    const free = freeOwnPort(layout, path);
    return rules.wholeNumber(port, path, "metrics-port", FIRST_UNPRIVILEGED_PORT, 65535).map((p) => ({
        ...p,
        message: `${p.message} The sidecar runs as a non-root user, which cannot listen below ${FIRST_UNPRIVILEGED_PORT}.`,
        fix: free === DEFAULTS["metrics.port"] ? `e.g. ${free}, the default.` : `e.g. ${free}.`,
        suggestion: { path, value: free },
    }));
}

function allowFromProblems(allowFrom: unknown): Problem[] {
    const path = "args.metrics.allowFrom";
    if (!Array.isArray(allowFrom)) return rules.list(allowFrom, path, "metrics-allow-from");
    if (allowFrom.length === 0)
        return [
            {
                rule: "metrics-allow-from",
                path,
                message: "is empty, which would admit no one to the metrics port: nothing could scrape it.",
                fix: 'list the scrapers, e.g. [{ namespaceSelector: { "kubernetes.io/metadata.name": "monitoring" } }], or leave it out for every pod in the cluster.',
            },
        ];
    return allowFrom.flatMap((entry: unknown, i) => {
        const at = `${path}[${i}]`;
        if (!isPlainObject(entry) || !PEER_KEYS.some((key) => entry[key] !== undefined))
            return [
                {
                    rule: "metrics-allow-from" as const,
                    path: at,
                    message: `must be { namespaceSelector?, podSelector? } with at least one of them, got ${shown(entry)}.`,
                    fix: 'e.g. { namespaceSelector: { "kubernetes.io/metadata.name": "monitoring" } }; { namespaceSelector: {} } is every namespace.',
                },
            ];
        const unknown = Object.keys(entry).filter((key) => !(PEER_KEYS as readonly string[]).includes(key));
        return [
            ...unknown.map((key) => ({
                rule: "metrics-allow-from" as const,
                path: `${at}.${key}`,
                message: "is not a peer field: only namespaceSelector and podSelector, each a map of labels.",
                fix: "remove it; IP blocks are not offered, since pods scrape from pod IPs that change.",
            })),
            ...PEER_KEYS.flatMap((key) =>
                entry[key] === undefined
                    ? []
                    : isPlainObject(entry[key])
                      ? rules.labels(entry[key], `${at}.${key}`, "metrics-allow-from")
                      : [
                            {
                                rule: "metrics-allow-from" as const,
                                path: `${at}.${key}`,
                                message: `must be a map of labels (matchLabels), got ${shown(entry[key])}.`,
                                fix: 'e.g. { "kubernetes.io/metadata.name": "monitoring" }; {} selects everything.',
                            },
                        ],
            ),
        ];
    });
}

/**
 * Whether a typed argument really is a plain object (JavaScript and YAML callers have no compiler). Unlike
 * `isPlainObject`, it keeps the argument's type.
 */
function isRecord(value: object): boolean {
    return isPlainObject(value);
}

function peer(entry: MetricsPeerArgs): MetricsPeer {
    return {
        ...(entry.namespaceSelector !== undefined && { namespaceSelector: { ...entry.namespaceSelector } }),
        ...(entry.podSelector !== undefined && { podSelector: { ...entry.podSelector } }),
    };
}

/** Each threshold and what it accepts: seconds in an `offset` must be whole, a percentage below 100. */
const THRESHOLD_RULES: Record<keyof MetricsThresholdsArgs, (value: unknown, path: string, example: number) => Problem[]> = {
    replicaLagSeconds: (value, path, example) => positive(value, path, example),
    behindPrimarySeconds: (value, path, example) => rules.wholeNumber(value, path, "metrics-thresholds", 1, undefined, example),
    volumeUsagePercent: (value, path, example) => positive(value, path, example, 100),
    restartsPerHour: (value, path, example) => rules.wholeNumber(value, path, "metrics-thresholds", 1, undefined, example),
    backupMaxAgeHours: (value, path, example) => positive(value, path, example),
};

/** A number above 0 (and below `below`, when given). */
function positive(value: unknown, path: string, example: number, below = Infinity): Problem[] {
    if (typeof value === "number" && Number.isFinite(value) && value > 0 && value < below) return [];
    const range = below === Infinity ? "greater than 0" : `above 0 and below ${below}`;
    return [
        {
            rule: "metrics-thresholds",
            path,
            message: `must be a number ${range}, got ${shown(value)}.`,
            fix: `e.g. ${example} (the default), unquoted.`,
            suggestion: { path, value: example },
        },
    ];
}

/** The thresholds; `backupMaxAgeHours` defaults to `backupMaxAge`, which follows the backup schedule. */
function planThresholds(thresholds: MetricsThresholdsArgs | undefined, problems: Problem[], backupMaxAge: number): MetricsThresholds {
    const given = thresholds !== undefined && isRecord(thresholds) ? thresholds : undefined;
    if (thresholds !== undefined && given === undefined)
        problems.push({
            rule: "metrics-thresholds",
            path: "args.metrics.thresholds",
            message: `must be an object of thresholds, got ${shown(thresholds)}.`,
            fix: "e.g. { replicaLagSeconds: 60 }.",
        });
    const defaults: MetricsThresholds = {
        replicaLagSeconds: DEFAULTS["metrics.thresholds.replicaLagSeconds"],
        behindPrimarySeconds: DEFAULTS["metrics.thresholds.behindPrimarySeconds"],
        volumeUsagePercent: DEFAULTS["metrics.thresholds.volumeUsagePercent"],
        restartsPerHour: DEFAULTS["metrics.thresholds.restartsPerHour"],
        backupMaxAgeHours: backupMaxAge,
    };
    const value: Required<MetricsThresholdsArgs> = { ...defaults };
    for (const key of Object.keys(THRESHOLD_RULES) as (keyof MetricsThresholdsArgs)[]) {
        const threshold = given?.[key];
        if (threshold === undefined) continue;
        problems.push(...THRESHOLD_RULES[key](threshold, `args.metrics.thresholds.${key}`, defaults[key]));
        value[key] = threshold;
    }
    return value;
}
