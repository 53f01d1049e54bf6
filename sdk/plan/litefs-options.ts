/** LiteFS options: the `litefs` and `proxy` arguments as litefs.yml settings, and the proxy's port. */
import type { LiteFsAppArgs } from "../args";
import type { LiteFsSettings } from "../litefs/config";
import { PROXY_HEALTH_PATH } from "../litefs/facts";
import { litefsOptionsToConfig, proxyArgsToConfig } from "../litefs/options";
import type { Problem } from "../validation/problem";
import { DEFAULTS } from "./defaults";
import type { PlanContext, Planned, ProxyPlan } from "./model";
import { shown } from "../validation/values";

export interface LiteFsOptionsPlan {
    readonly litefs: LiteFsSettings;
    /** The proxy, when it is on. */
    readonly proxy?: ProxyPlan;
}

export function planLiteFsOptions(args: LiteFsAppArgs, ctx: PlanContext): Planned<LiteFsOptionsPlan> {
    const litefs = litefsOptionsToConfig(args.litefs);
    if (!args.proxy) return { value: { litefs: litefs.settings }, problems: litefs.problems };
    // From an args file or another language `proxy: true` arrives as it is; it is an object of settings.
    if (typeof args.proxy !== "object" || Array.isArray(args.proxy))
        return {
            value: { litefs: litefs.settings },
            problems: [
                ...litefs.problems,
                {
                    rule: "litefs-value-type",
                    path: "args.proxy",
                    message: `must be an object of proxy settings, got ${shown(args.proxy)}.`,
                    fix: `write proxy: {} to turn the proxy on with its defaults (port ${DEFAULTS["proxy.port"]}); set a key only to change it, e.g. proxy: { port: 8081 }.`,
                },
            ],
        };
    const proxy = proxyArgsToConfig(args.proxy);
    const settings =
        // Keeping replicas Ready without pod-0 is max-lag 0s (the probes module refuses a contradicting maxLag).
        args.probes?.replicasReadyWithoutPrimary === true ? { ...proxy.settings, "max-lag": "0s" } : proxy.settings;
    return {
        value: { litefs: litefs.settings, proxy: { port: ctx.basics.proxyPort ?? DEFAULTS["proxy.port"], settings } },
        problems: [...litefs.problems, ...proxy.problems, ...passthroughProblems(settings.passthrough)],
    };
}

/**
 * LiteFS matches `passthrough` patterns before its health path (`*` is any text, anchored at both ends,
 * as in LiteFS's CompileMatch): a pattern that matches `/litefs/health` would send readiness to the app.
 */
function passthroughProblems(patterns: readonly string[] | undefined): Problem[] {
    return (patterns ?? []).flatMap((pattern, i): Problem[] => {
        if (!liteFsGlob(pattern).test(PROXY_HEALTH_PATH)) return [];
        return [
            {
                rule: "proxy-passthrough-health",
                path: `args.proxy.passthrough[${i}]`,
                message: `(${JSON.stringify(pattern)}) matches ${PROXY_HEALTH_PATH}, the proxy's health check that readiness uses; LiteFS would pass it to the app instead.`,
                fix: 'narrow the pattern, e.g. "/assets/*" instead of "*".',
            },
        ];
    });
}

/** LiteFS's CompileMatch: every character literal except `*`, which matches any text; the whole path must match. */
function liteFsGlob(pattern: string): RegExp {
    const literal = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${literal.join(".*")}$`);
}
