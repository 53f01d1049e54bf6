/**
 * PromQL label matchers that pick out one app's series. They rely on the target labels `namespace` and
 * `pod`, which both the Prometheus Operator (PodMonitor) and the annotation-driven `kubernetes-pods` job of
 * the prometheus-community chart set, and on the labels the kubelet and kube-state-metrics put on their own
 * series. Queries aggregate `by (namespace, pod)` first, so a pod scraped twice (by two jobs) counts once.
 */
import { DATA_VOLUME } from "../naming";

export interface MonitoredApp {
    /** The instance name: the StatefulSet, and the prefix of every pod. */
    readonly name: string;
    readonly namespace: string;
}

/** Instance names are DNS labels (letters, digits, `-`), so they need no escaping inside a PromQL regex. */
export function podMatchers(app: MonitoredApp): string {
    return `namespace="${app.namespace}", pod=~"${app.name}-[0-9]+"`;
}

/** The data volumes `litefs-data-<name>-<ordinal>`, as the kubelet labels its volume stats. */
export function dataVolumeMatchers(app: MonitoredApp): string {
    return `namespace="${app.namespace}", persistentvolumeclaim=~"${DATA_VOLUME}-${app.name}-[0-9]+"`;
}
