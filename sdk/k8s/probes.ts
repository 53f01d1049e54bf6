/**
 * The app container's probes. LiteFS starts its API early, syncs from pod-0, then opens the proxy and runs
 * the app: each probe checks the one stage that tells what it needs to know.
 */
import type * as k8s from "@pulumi/kubernetes";
import { PROXY_HEALTH_PATH } from "../litefs/facts";
import { PORT_NAMES } from "../naming";
import type { AppPlan, ProbeTiming } from "../plan";

type Probe = k8s.types.input.core.v1.Probe;
type Handler = Pick<Probe, "httpGet" | "tcpSocket">;

/** "Can this pod serve?": the proxy's health when the proxy is on, else the app's path or port. */
function readinessHandler(plan: AppPlan): Handler {
    if (plan.proxy) return { httpGet: { path: PROXY_HEALTH_PATH, port: PORT_NAMES.proxy } };
    if (plan.probes.readinessPath) return { httpGet: { path: plan.probes.readinessPath, port: PORT_NAMES.app } };
    return { tcpSocket: { port: PORT_NAMES.app } };
}

function probe(handler: Handler, timing: ProbeTiming): Probe {
    return { ...handler, ...timing };
}

export function containerProbes(
    plan: AppPlan,
): Pick<k8s.types.input.core.v1.Container, "readinessProbe" | "livenessProbe" | "startupProbe"> {
    const ready = readinessHandler(plan);
    return {
        readinessProbe: probe(ready, plan.probes.readiness),
        // The first readiness success, with a long budget: it holds liveness off through the first sync from
        // pod-0 (and pod-0's migrations), however large the database.
        startupProbe: probe(ready, plan.probes.startup),
        // Never through the proxy or the app: both open only after the node has synced, so a replica that
        // cannot reach pod-0 would be killed over and over although nothing is wrong with it. The LiteFS API
        // port listens from start-up until LiteFS exits, on every pod, whatever pod-0 does: it fails only when
        // LiteFS itself is gone or wedged. (If the app exits, LiteFS exits with it and the container restarts.)
        livenessProbe: probe({ tcpSocket: { port: PORT_NAMES.litefs } }, plan.probes.liveness),
    };
}
