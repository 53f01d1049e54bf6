/**
 * Maps the camelCase `litefs` and `proxy` arguments onto the litefs.yml model, refusing what LiteFS
 * would refuse and what pulumi-litefs sets itself.
 */
import type { LiteFsOptions, ProxyArgs } from "../args";
import type { Problem } from "../validation/problem";
import { type AnyShape, type Shape, unknownKeys } from "../validation/shape";
import { isPlainObject } from "../validation/values";
import type { LiteFsSettings, ProxySettings } from "./config";
import { checkLeaf, isLiteFsSettings, isProxySettings, specAt, unknownKey } from "./schema";

export const LITEFS_OPTIONS_SHAPE: Shape<LiteFsOptions> = {
    exitOnError: true,
    skipSync: true,
    strictVerify: true,
    data: { dir: true, compress: true, retention: true, retentionMonitorInterval: true },
    fuse: { dir: true, allowOther: true, debug: true },
    http: { snapshotTimeout: true },
    lease: { reconnectDelay: true },
    log: { format: true, timestamp: true, debug: true },
    tracing: { enabled: true, path: true, maxSize: true, maxCount: true, compress: true },
};

export const PROXY_SHAPE: Shape<ProxyArgs> = {
    port: true,
    maxLag: true,
    passthrough: true,
    primaryRedirectTimeout: true,
    readTimeout: true,
    readHeaderTimeout: true,
    writeTimeout: true,
    idleTimeout: true,
    debug: true,
};

/** LiteFS keys that pulumi-litefs writes itself, and the argument that controls each. */
const MANAGED: Record<string, string> = {
    exec: "it is built from `command` and `migrate`.",
    lease: "pulumi-litefs always runs a static lease with pod-0 as the primary.",
    "lease.type": "pulumi-litefs always runs a static lease with pod-0 as the primary.",
    "lease.hostname": "it is always pod-0's name, on every pod.",
    "lease.advertise-url": "it is always pod-0's URL on the headless Service, on every pod.",
    "lease.candidate": "it is computed per pod at start-up: true only on pod-0.",
    "lease.promote": "a static lease cannot hand off; pod-0 is always the primary.",
    "lease.demote-delay": "a static lease never demotes.",
    "lease.databases": "LiteFS refuses it on the primary, and every pod runs the same config.",
    "lease.consul": "pulumi-litefs runs a static lease, not Consul.",
    "http.addr": "set `apiPort` instead.",
    proxy: "set the `proxy` argument instead.",
    "proxy.addr": "set `proxy.port` instead.",
    "proxy.target": "it is always localhost:<port>.",
    "proxy.db": "set `database` instead.",
    "proxy.always-forward":
        "reads (GET, HEAD) go to the read Service over every pod, and a replica's proxy answers an always-forward request with an empty 200 and a fly-replay header only Fly.io acts on: the request would be lost. Send such requests to the <name>-primary Service instead.",
    backup: "LiteFS Cloud was retired on 2024-10-15, and a backup token would be written into the pod spec.",
};

export function camelToKebab(key: string): string {
    return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function reporterFor(prefix: readonly string[]) {
    return (key: string, path: string, known: readonly string[]): Problem => {
        const relative = path.split(".").slice(2).slice(0, -1).map(camelToKebab);
        const litefsPath = [...prefix, ...relative, camelToKebab(key)].join(".");
        if (Object.hasOwn(MANAGED, litefsPath))
            return {
                rule: litefsPath === "proxy.always-forward" ? "proxy-always-forward" : "litefs-managed-key",
                path,
                message: `is managed by pulumi-litefs: ${MANAGED[litefsPath]}`,
                fix: "remove it from the arguments.",
            };
        return unknownKey(key, known, path);
    };
}

/**
 * Converts options into part of a litefs.yml document. `prefix` is where they land (`[]` for `litefs`,
 * `["proxy"]` for `proxy`); `skip` lists dotted argument paths that other arguments place (`port`, `data.dir`).
 */
function convert(
    value: unknown,
    shape: AnyShape,
    path: string,
    prefix: readonly string[],
    skip: readonly string[],
    problems: Problem[],
): Record<string, unknown> {
    const found = unknownKeys(value, shape, path, reporterFor(prefix), "litefs-value-type");
    problems.push(...found);
    if (found.length > 0 || !isPlainObject(value)) return {};
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
        if (child === undefined || skip.includes(key)) continue;
        const litefsKey = camelToKebab(key);
        if (shape[key] === true) {
            const spec = specAt([...prefix, litefsKey]);
            const problem = spec && checkLeaf(spec, child, `${path}.${key}`);
            if (problem) problems.push(problem);
            else out[litefsKey] = child;
        } else {
            const below = skip.flatMap((s) => (s.startsWith(`${key}.`) ? [s.slice(key.length + 1)] : []));
            out[litefsKey] = convert(child, shape[key], `${path}.${key}`, [...prefix, litefsKey], below, problems);
        }
    }
    return out;
}

/** The `litefs` argument as litefs.yml settings; `data.dir` and `fuse.dir` are placed by the plan's storage module. */
export function litefsOptionsToConfig(options: unknown): { settings: LiteFsSettings; problems: Problem[] } {
    const problems: Problem[] = [];
    const converted = convert(options, LITEFS_OPTIONS_SHAPE, "args.litefs", [], ["data.dir", "fuse.dir"], problems);
    return { settings: problems.length === 0 && isLiteFsSettings(converted) ? converted : {}, problems };
}

/** The `proxy` argument as litefs.yml settings; `port` becomes `proxy.addr`. */
export function proxyArgsToConfig(proxy: unknown): { settings: ProxySettings; problems: Problem[] } {
    const problems: Problem[] = [];
    const converted = convert(proxy, PROXY_SHAPE, "args.proxy", ["proxy"], ["port"], problems);
    return { settings: problems.length === 0 && isProxySettings(converted) ? converted : {}, problems };
}
