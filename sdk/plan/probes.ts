/** Proxy and probes: what readiness, liveness and startup check, and their timing. */
import type { LiteFsAppArgs } from "../args";
import { PROXY_HEALTH_PATH } from "../litefs/facts";
import { isDuration } from "../litefs/schema";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { DEFAULTS } from "./defaults";
import type { PlanContext, Planned, ProbesPlan, ProbeTiming } from "./model";
import { shown } from "../validation/values";

type ProbeKind = "readiness" | "liveness" | "startup";

/** The default timing of one probe, from the defaults table. */
export function defaultTiming(kind: ProbeKind): ProbeTiming {
    return {
        initialDelaySeconds: DEFAULTS[`probes.${kind}.initialDelaySeconds`],
        periodSeconds: DEFAULTS[`probes.${kind}.periodSeconds`],
        timeoutSeconds: DEFAULTS[`probes.${kind}.timeoutSeconds`],
        failureThreshold: DEFAULTS[`probes.${kind}.failureThreshold`],
    };
}

export function planProbes(args: LiteFsAppArgs, _ctx: PlanContext): Planned<ProbesPlan> {
    const problems: Problem[] = [];
    const timing = (kind: ProbeKind): ProbeTiming => {
        const given = Object.entries(args.probes?.[kind] ?? {}).filter(([, value]) => value !== undefined);
        const resolved: ProbeTiming = { ...defaultTiming(kind), ...Object.fromEntries(given) };
        const at = `args.probes.${kind}`;
        problems.push(...rules.wholeNumber(resolved.initialDelaySeconds, `${at}.initialDelaySeconds`, "probes-timing", 0));
        for (const key of ["periodSeconds", "timeoutSeconds", "failureThreshold"] as const)
            problems.push(...rules.wholeNumber(resolved[key], `${at}.${key}`, "probes-timing", 1));
        return resolved;
    };
    problems.push(...readinessPathProblems(args), ...readyWithoutPrimaryProblems(args));
    return {
        value: {
            readinessPath: args.probes?.readinessPath,
            readiness: timing("readiness"),
            liveness: timing("liveness"),
            startup: timing("startup"),
        },
        problems,
    };
}

function readinessPathProblems(args: LiteFsAppArgs): Problem[] {
    const readinessPath: unknown = args.probes?.readinessPath;
    if (readinessPath === undefined) return [];
    if (args.proxy)
        return [
            {
                rule: "probes-readiness-path",
                path: "args.probes.readinessPath",
                message: `is only used without the proxy; with the proxy on, readiness is the proxy's ${PROXY_HEALTH_PATH}, which answers only once the node has synced.`,
                fix: "remove readinessPath, or turn the proxy off.",
            },
        ];
    if (typeof readinessPath !== "string" || !/^\/[\x21-\x7e]*$/.test(readinessPath))
        return [
            {
                rule: "probes-readiness-path",
                path: "args.probes.readinessPath",
                message: `must be an HTTP path starting with "/", without spaces, got ${shown(readinessPath)}.`,
                fix: 'e.g. "/healthz".',
                suggestion: { path: "args.probes.readinessPath", value: "/healthz" },
            },
        ];
    return [];
}

function readyWithoutPrimaryProblems(args: LiteFsAppArgs): Problem[] {
    const readyWithoutPrimary = args.probes?.replicasReadyWithoutPrimary;
    if (readyWithoutPrimary !== undefined && typeof readyWithoutPrimary !== "boolean")
        return rules.boolean(readyWithoutPrimary, "args.probes.replicasReadyWithoutPrimary", "probes-replicas-ready");
    if (!readyWithoutPrimary) return [];
    if (!args.proxy)
        return [
            {
                rule: "probes-replicas-ready",
                path: "args.probes.replicasReadyWithoutPrimary",
                message:
                    "only applies with the proxy on: it sets the proxy's max-lag. Without the proxy, readiness is the app's own check, which LiteFS does not fail when pod-0 is down.",
                fix: "remove it, or turn the proxy on.",
            },
        ];
    const maxLag = args.proxy.maxLag;
    if (maxLag !== undefined && !(isDuration(maxLag) && !/[1-9]/.test(maxLag)))
        return [
            {
                rule: "probes-replicas-ready",
                path: "args.proxy.maxLag",
                message: `(${JSON.stringify(maxLag)}) contradicts probes.replicasReadyWithoutPrimary, which sets max-lag to "0s" so replicas stay Ready without pod-0.`,
                fix: "remove one of the two.",
            },
        ];
    return [];
}
