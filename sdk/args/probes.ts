/** Readiness, liveness and startup probes (`plan/probes.ts`). */
export interface ProbesFieldArgs {
    /**
     * Readiness, liveness and startup probes. Readiness is the proxy's `GET /litefs/health` when the proxy
     * is on, else `readinessPath` on the app port (a TCP check without it). Liveness is a TCP check on the
     * LiteFS API port, never through the proxy. Default: the defaults of `ProbesArgs`.
     */
    probes?: ProbesArgs;
}

export interface ProbesArgs {
    /**
     * Without the proxy: an HTTP path on the app port that answers 2xx or 3xx when the app can serve,
     * e.g. "/healthz". Refused with the proxy on: readiness is then the proxy's `/litefs/health`.
     * Default: none (a TCP check on the app port).
     */
    readinessPath?: string;
    /**
     * With the proxy on: keep replicas Ready, so they go on serving reads, while pod-0 is down. It sets
     * the proxy's `max-lag` to "0s". The trade-off: about 10s after losing pod-0 every replica's
     * `/litefs/health` turns 503 by default and the read Service `<name>` has no endpoints (no reads, no
     * stale reads); with this on, reads keep working but may be arbitrarily stale. Default: false.
     */
    replicasReadyWithoutPrimary?: boolean;
    /** Readiness timing. Default: period 5s, timeout 5s, 3 failures, no initial delay. */
    readiness?: ProbeTimingArgs;
    /**
     * Liveness timing (a TCP check on the LiteFS API port). Default: period 10s, timeout 5s, 6 failures,
     * no initial delay.
     */
    liveness?: ProbeTimingArgs;
    /**
     * Startup timing: the startup probe runs the readiness check and holds off liveness until it first
     * succeeds, so periodSeconds × failureThreshold is how long a pod has for its first sync from pod-0
     * (or its migrations on pod-0) before it is restarted. Default: period 10s, timeout 5s,
     * 360 failures (one hour), no initial delay.
     */
    startup?: ProbeTimingArgs;
}

/** Probe timing, as in a Kubernetes probe. Every field is a whole number of seconds or a count. */
export interface ProbeTimingArgs {
    /** Seconds after the container starts before the first check. */
    initialDelaySeconds?: number;
    /** Seconds between checks. At least 1. */
    periodSeconds?: number;
    /** Seconds a check may take. At least 1. */
    timeoutSeconds?: number;
    /** Failed checks in a row that count as failure. At least 1. */
    failureThreshold?: number;
}
