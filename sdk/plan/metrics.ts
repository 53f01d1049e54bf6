/**
 * Metrics: the sidecar that serves LiteFS's `/metrics` on its own port, who may scrape it, and the
 * optional PodMonitor, PrometheusRule (with its thresholds) and Grafana dashboard.
 */
import type { LiteFsAppArgs, MetricsPeerArgs, MetricsThresholdsArgs } from "../args";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { isPlainObject, shown } from "../validation/values";
import { METRICS_CONTAINER_NAME, METRICS_RUN_VOLUME, PORT_NAMES } from "../naming";
import { DEFAULTS } from "./defaults";
import type { MetricsPeer, MetricsPlan, MetricsThresholds, PlanContext, Planned } from "./model";

/** Only nginx as root may bind below 1024, and the sidecar never runs as root. */
const FIRST_UNPRIVILEGED_PORT = 1024;
const PEER_KEYS: readonly (keyof MetricsPeerArgs)[] = ["namespaceSelector", "podSelector"];

export function planMetrics(args: LiteFsAppArgs, _ctx: PlanContext): Planned<{ readonly metrics?: MetricsPlan }> {
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
    const port = metrics.port ?? DEFAULTS["metrics.port"];
    const image = metrics.image ?? DEFAULTS["metrics.image"];
    const problems: Problem[] = [
        ...portProblems(port, args),
        ...podExtensionClashes(port, args),
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
    const thresholds = planThresholds(metrics.thresholds, problems);
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

function portProblems(port: unknown, args: LiteFsAppArgs): Problem[] {
    const path = "args.metrics.port";
    const others: [string, unknown][] = [
        ["port", args.port],
        ["apiPort", args.apiPort ?? DEFAULTS.apiPort],
        ["proxy.port", args.proxy ? (args.proxy.port ?? DEFAULTS["proxy.port"]) : undefined],
    ];
    // The port a fix suggests: the default, unless the app's other ports take it.
    const free = rules.freePort(
        DEFAULTS["metrics.port"],
        others.map(([, other]) => other),
    );
    const range = rules.wholeNumber(port, path, "metrics-port", FIRST_UNPRIVILEGED_PORT, 65535);
    if (range.length > 0)
        return range.map((p) => ({
            ...p,
            message: `${p.message} The sidecar runs as a non-root user, which cannot listen below ${FIRST_UNPRIVILEGED_PORT}.`,
            fix: free === DEFAULTS["metrics.port"] ? `e.g. ${free}, the default.` : `e.g. ${free}.`,
            suggestion: { path, value: free },
        }));
    return others
        .filter(([, other]) => other === port)
        .map(([name]) => ({
            rule: "metrics-port-clash" as const,
            path,
            message: `is ${port}, the same port as ${name}: the sidecar and ${name === "apiPort" ? "LiteFS's API" : name === "port" ? "the app" : "the LiteFS proxy"} cannot both listen on it.`,
            fix:
                free === DEFAULTS["metrics.port"]
                    ? `leave metrics.port at its default ${free}.`
                    : `set metrics.port to a free port, e.g. ${free} (its default ${DEFAULTS["metrics.port"]} is taken by ${name}).`,
            suggestion: { path, value: free },
        }));
}

/**
 * `sidecars`, `initContainers` and `volumes` may not take the sidecar's container name, port or volume: the
 * API server would refuse the pod (a duplicate name) or one of the two could not listen.
 */
function podExtensionClashes(port: unknown, args: LiteFsAppArgs): Problem[] {
    const problems: Problem[] = [];
    const reserved = (path: string, what: string): Problem => ({
        rule: "metrics-reserved-name",
        path,
        message: `is "${what}", the name of the metrics sidecar's ${what === METRICS_RUN_VOLUME ? "volume" : "container"}.`,
        fix: "choose another name.",
    });
    for (const key of ["sidecars", "initContainers"] as const)
        (Array.isArray(args[key]) ? (args[key] ?? []) : []).forEach((spec, i) => {
            if (!isPlainObject(spec)) return;
            if (spec.name === METRICS_CONTAINER_NAME) problems.push(reserved(`args.${key}[${i}].name`, METRICS_CONTAINER_NAME));
            if (key !== "sidecars" || !Array.isArray(spec.ports)) return;
            spec.ports.forEach((containerPort: unknown, j: number) => {
                if (isPlainObject(containerPort) && (containerPort.containerPort === port || containerPort.name === PORT_NAMES.metrics))
                    problems.push({
                        rule: "metrics-port-clash",
                        path: `args.sidecars[${i}].ports[${j}]`,
                        message: `takes the metrics sidecar's port (${port}, named "${PORT_NAMES.metrics}").`,
                        fix: "give this sidecar another port and port name, or set metrics.port to another free port.",
                    });
            });
        });
    (Array.isArray(args.volumes) ? args.volumes : []).forEach((spec, i) => {
        if (isPlainObject(spec) && spec.name === METRICS_RUN_VOLUME) problems.push(reserved(`args.volumes[${i}].name`, METRICS_RUN_VOLUME));
    });
    return problems;
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

function planThresholds(thresholds: MetricsThresholdsArgs | undefined, problems: Problem[]): MetricsThresholds {
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
        backupMaxAgeHours: DEFAULTS["metrics.thresholds.backupMaxAgeHours"],
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
