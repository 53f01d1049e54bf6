/**
 * The metrics sidecar: nginx answering `GET /metrics` from LiteFS on the pod's `metrics` port, so scrapers
 * never reach LiteFS's API port (see `metrics/nginx-conf.ts`). Unprivileged in every respect; the
 * only-LiteFS-elevated check covers it like any other container.
 */
import type * as k8s from "@pulumi/kubernetes";
import { METRICS_PATH, metricsProxyConfig } from "../metrics/nginx-conf";
import { METRICS_CONTAINER_NAME, METRICS_RUN_VOLUME, PORT_NAMES } from "../naming";
import type { AppPlan, MetricsPlan } from "../plan";

const RUN_DIR = "/tmp";
const CONFIG_FILE = `${RUN_DIR}/nginx.conf`;
/** The uid and gid of nginx in the nginxinc/nginx-unprivileged images. */
const NGINX_UID = 101;
/** One nginx worker serving a scrape every few seconds needs a few MiB. */
export const METRICS_SIDECAR_RESOURCES = { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "64Mi" } } as const;

export interface MetricsSidecarSpec {
    readonly image: string;
    readonly port: number;
    /** LiteFS's API port, reached on 127.0.0.1. */
    readonly apiPort: number;
    readonly resources: k8s.types.input.core.v1.ResourceRequirements;
}

/**
 * The config travels in the container's command, so a change to it changes the pod template and rolls
 * the pods, with no ConfigMap to keep in step. The shell only writes it into the emptyDir, then `exec`s
 * nginx in the foreground with its error log on stderr. No probes: a readiness probe would take the whole
 * pod out of its Services when only metrics fail, and a dead nginx ends the container anyway.
 */
export function metricsSidecarContainer(spec: MetricsSidecarSpec, name = METRICS_CONTAINER_NAME): k8s.types.input.core.v1.Container {
    const config = metricsProxyConfig({ listenPort: spec.port, upstreamPort: spec.apiPort, runDir: RUN_DIR });
    return {
        name,
        image: spec.image,
        command: [
            "/bin/sh",
            "-c",
            `printf '%s' "$1" > ${CONFIG_FILE} && exec nginx -e stderr -c ${CONFIG_FILE} -g 'daemon off;'`,
            "metrics-proxy",
            config,
        ],
        ports: [{ name: PORT_NAMES.metrics, containerPort: spec.port, protocol: "TCP" }],
        securityContext: {
            runAsNonRoot: true,
            runAsUser: NGINX_UID,
            runAsGroup: NGINX_UID,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        },
        resources: spec.resources,
        volumeMounts: [{ name: METRICS_RUN_VOLUME, mountPath: RUN_DIR }],
    };
}

export function metricsSidecarVolume(): k8s.types.input.core.v1.Volume {
    return { name: METRICS_RUN_VOLUME, emptyDir: { sizeLimit: "16Mi" } };
}

/**
 * The de-facto scrape annotations of annotation-driven Prometheus setups (the prometheus-community chart's
 * `kubernetes-pods` job), for clusters without the Prometheus Operator.
 */
export function scrapeAnnotations(port: number): Record<string, string> {
    return { "prometheus.io/scrape": "true", "prometheus.io/port": String(port), "prometheus.io/path": METRICS_PATH };
}

/** The sidecar's settings in a plan. LiteFS's API is reached on localhost: the pod layout shares one network namespace. */
export function metricsSidecarSpec(plan: Pick<AppPlan, "apiPort">, metrics: MetricsPlan): MetricsSidecarSpec {
    return {
        image: metrics.image,
        port: metrics.port,
        apiPort: plan.apiPort,
        resources: { requests: { ...METRICS_SIDECAR_RESOURCES.requests }, limits: { ...METRICS_SIDECAR_RESOURCES.limits } },
    };
}

export interface MetricsPodParts {
    readonly volumes: k8s.types.input.core.v1.Volume[];
    readonly annotations: Record<string, string>;
}

/**
 * What `metrics` adds to the pod besides the sidecar (built from the pod layout): its volume; the scrape
 * annotations unless a PodMonitor scrapes (a Prometheus following both would scrape twice); and the default
 * container for kubectl, the app's, now that there are two.
 */
export function metricsPodParts(plan: AppPlan): MetricsPodParts {
    const metrics = plan.metrics;
    if (!metrics) return { volumes: [], annotations: {} };
    return {
        volumes: [metricsSidecarVolume()],
        annotations: {
            ...(!metrics.podMonitor && scrapeAnnotations(metrics.port)),
            "kubectl.kubernetes.io/default-container": plan.podLayout.app.name,
        },
    };
}
