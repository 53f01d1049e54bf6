/**
 * The runtime twin of the `LiteFsConfig` model, and a checker that decodes as strictly as LiteFS does.
 * `SchemaOf<LiteFsConfig>` makes the compiler refuse a schema with a key the model lacks, or without a key
 * it has, so the model and this table cannot drift apart.
 */

import { closest, type Problem } from "../validation/problem";
import { isPlainObject, trimDir } from "../validation/values";
import type { ExecEntry, LiteFsConfig, LiteFsSettings, ProxySettings } from "./config";
import { LITEFS_DATA_DIR, LITEFS_FUSE_DIR } from "./facts";

type StringSpec<V> = "string" | "duration" | { readonly enum: readonly V[] };
type Spec<V> = [V] extends [boolean]
    ? "bool"
    : [V] extends [number]
      ? "int"
      : [V] extends [string]
        ? StringSpec<V>
        : [V] extends [string[]]
          ? "strings"
          : [V] extends [string | ExecEntry[]]
            ? "exec"
            : V extends object
              ? SchemaOf<V>
              : never;
export type SchemaOf<T> = { readonly [K in keyof T]-?: Spec<Exclude<T[K], undefined>> };

export const LITEFS_SCHEMA: SchemaOf<LiteFsConfig> = {
    "exit-on-error": "bool",
    "skip-sync": "bool",
    "strict-verify": "bool",
    exec: "exec",
    data: { dir: "string", compress: "bool", retention: "duration", "retention-monitor-interval": "duration" },
    fuse: { dir: "string", "allow-other": "bool", debug: "bool" },
    http: { addr: "string", "snapshot-timeout": "duration" },
    proxy: {
        addr: "string",
        target: "string",
        db: "string",
        "max-lag": "duration",
        debug: "bool",
        passthrough: "strings",
        "always-forward": "strings",
        "primary-redirect-timeout": "duration",
        "read-timeout": "duration",
        "read-header-timeout": "duration",
        "write-timeout": "duration",
        "idle-timeout": "duration",
    },
    lease: {
        type: { enum: ["static", "consul"] },
        hostname: "string",
        "advertise-url": "string",
        candidate: "bool",
        promote: "bool",
        "reconnect-delay": "duration",
        "demote-delay": "duration",
        databases: "strings",
        consul: { url: "string", key: "string", ttl: "duration", "lock-delay": "duration" },
    },
    backup: {
        type: { enum: ["file", "litefs-cloud"] },
        path: "string",
        url: "string",
        cluster: "string",
        "auth-token": "string",
    },
    log: { format: { enum: ["text", "json"] }, timestamp: "bool", debug: "bool" },
    tracing: { enabled: "bool", path: "string", "max-size": "int", "max-count": "int", compress: "bool" },
};

const { addr: _proxyAddr, target: _proxyTarget, db: _proxyDb, "always-forward": _alwaysForward, ...proxySettings } = LITEFS_SCHEMA.proxy;
/** The keys of `proxy` a caller may set (the others pulumi-litefs writes itself). */
export const PROXY_SETTINGS_SCHEMA: SchemaOf<ProxySettings> = proxySettings;

const { dir: _dataDir, ...dataSettings } = LITEFS_SCHEMA.data;
const { dir: _fuseDir, ...fuseSettings } = LITEFS_SCHEMA.fuse;
const { addr: _httpAddr, ...httpSettings } = LITEFS_SCHEMA.http;
/** The top-level keys a caller may set through `litefs` (directories, lease and exec are pulumi-litefs's). */
export const LITEFS_SETTINGS_SCHEMA: SchemaOf<LiteFsSettings> = {
    "exit-on-error": "bool",
    "skip-sync": "bool",
    "strict-verify": "bool",
    data: dataSettings,
    fuse: fuseSettings,
    http: httpSettings,
    lease: { "reconnect-delay": LITEFS_SCHEMA.lease["reconnect-delay"] },
    log: LITEFS_SCHEMA.log,
    tracing: LITEFS_SCHEMA.tracing,
};

type AnySpec = string | { readonly enum: readonly string[] } | { readonly [key: string]: AnySpec };

/** A Go `time.ParseDuration` string, without a sign: LiteFS has no use for negative durations. */
const GO_DURATION = /^(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

export function isDuration(value: unknown): value is string {
    return typeof value === "string" && GO_DURATION.test(value);
}

/** The schema node at a dotted path (`proxy.max-lag`), or undefined when LiteFS has no such key. */
export function specAt(path: readonly string[]): AnySpec | undefined {
    let spec: AnySpec | undefined = LITEFS_SCHEMA as AnySpec;
    for (const key of path) {
        if (spec === undefined || typeof spec === "string" || "enum" in spec) return undefined;
        spec = Object.hasOwn(spec, key) ? (spec as Record<string, AnySpec>)[key] : undefined;
    }
    return spec;
}

/** Checks one value against a leaf spec; returns what is wrong with it, or undefined. */
export function checkLeaf(spec: AnySpec, value: unknown, path: string): Problem | undefined {
    if (spec === "bool") {
        if (typeof value === "boolean") return undefined;
        if (value === "true" || value === "false" || value === "")
            return {
                rule: "litefs-value-type",
                path,
                message: `is the string "${value}": LiteFS refuses a quoted boolean (cannot unmarshal !!str into bool).`,
                fix: "write true or false, unquoted.",
            };
        return {
            rule: "litefs-value-type",
            path,
            message: `must be a boolean (true or false), got ${describe(value)}.`,
            fix: "write true or false, unquoted.",
        };
    }
    if (spec === "int") {
        return Number.isInteger(value)
            ? undefined
            : {
                  rule: "litefs-value-type",
                  path,
                  message: `must be an integer, got ${describe(value)}.`,
                  fix: typeof value === "string" ? `write it unquoted: ${value}.` : "e.g. 8.",
              };
    }
    if (spec === "string") {
        return typeof value === "string"
            ? undefined
            : {
                  rule: "litefs-value-type",
                  path,
                  message: `must be a string, got ${describe(value)}.`,
                  fix: `quote it: "${String(value)}".`,
              };
    }
    if (spec === "duration") {
        if (isDuration(value)) return undefined;
        if (typeof value === "number")
            return {
                rule: "litefs-duration",
                path,
                message: `is the bare number ${value}: LiteFS reads durations as Go duration strings and refuses numbers.`,
                fix: `write a duration with a unit, e.g. "${value}s".`,
            };
        return {
            rule: "litefs-duration",
            path,
            message: `must be a Go duration such as "10s", "1m30s" or "500ms", got ${describe(value)}.`,
            fix: 'write digits followed by a unit (ns, us, ms, s, m, h), no spaces or days: e.g. "10s", "24h".',
        };
    }
    if (spec === "strings") {
        return Array.isArray(value) && value.every((v) => typeof v === "string")
            ? undefined
            : {
                  rule: "litefs-value-type",
                  path,
                  message: `must be a list of strings, got ${describe(value)}.`,
                  fix: 'e.g. ["/static/*"].',
              };
    }
    if (spec === "exec") return checkExec(value, path);
    if (typeof spec === "object" && "enum" in spec) {
        const allowed = spec.enum as readonly string[];
        return typeof value === "string" && allowed.includes(value)
            ? undefined
            : {
                  rule: "litefs-value-type",
                  path,
                  message: `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${describe(value)}.`,
                  fix: `use one of ${allowed.map((a) => `"${a}"`).join(", ")}.`,
              };
    }
    return undefined;
}

function checkExec(value: unknown, path: string): Problem | undefined {
    if (typeof value === "string") return undefined;
    if (!Array.isArray(value))
        return {
            rule: "litefs-value-type",
            path,
            message: "must be a command string or a list of {cmd, if-candidate}.",
            fix: 'e.g. "node server.js".',
        };
    for (const [i, entry] of value.entries()) {
        const at = `${path}[${i}]`;
        if (!isPlainObject(entry) || typeof entry.cmd !== "string")
            return {
                rule: "litefs-value-type",
                path: at,
                message: 'must be a mapping with a string "cmd".',
                fix: '{ cmd: "node server.js" }.',
            };
        const extra = Object.keys(entry).filter((k) => k !== "cmd" && k !== "if-candidate");
        if (extra.length > 0)
            return {
                rule: "litefs-unknown-key",
                path: `${at}.${extra[0]}`,
                message: "is not a LiteFS exec key.",
                fix: "only cmd and if-candidate exist.",
            };
        if (entry["if-candidate"] !== undefined) {
            const problem = checkLeaf("bool", entry["if-candidate"], `${at}.if-candidate`);
            if (problem) return problem;
        }
    }
    return undefined;
}

/** What is wrong with a key that LiteFS does not know, with the likeliest intended key. */
export function unknownKey(key: string, known: readonly string[], path: string): Problem {
    if (key === "primary-redirect-url" || key === "primaryRedirectUrl")
        return {
            rule: "litefs-unknown-key",
            path,
            message: "does not exist in any LiteFS version, and LiteFS decodes strictly: this key stops it at start-up (exit code 2).",
            fix: "remove it. Writes must be routed to pod-0 outside the LiteFS proxy; `proxy.primary-redirect-timeout` is a different setting.",
        };
    const guess = closest(key, known);
    return {
        rule: "litefs-unknown-key",
        path,
        message: `is not a LiteFS 0.5 key; LiteFS decodes strictly and would stop at start-up (exit code 2).`,
        fix: guess ? `did you mean "${guess}"? Known keys here: ${known.join(", ")}.` : `known keys here: ${known.join(", ")}.`,
    };
}

function checkTree(value: unknown, spec: AnySpec, path: string, problems: Problem[]): void {
    if (typeof spec === "string" || "enum" in spec) {
        const problem = checkLeaf(spec, value, path);
        if (problem) problems.push(problem);
        return;
    }
    if (!isPlainObject(value)) {
        problems.push({
            rule: "litefs-value-type",
            path,
            message: `must be a mapping, got ${describe(value)}.`,
            fix: `known keys here: ${Object.keys(spec).join(", ")}.`,
        });
        return;
    }
    const known = Object.keys(spec);
    for (const [key, child] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (!Object.hasOwn(spec, key)) problems.push(unknownKey(key, known, at));
        else if (child !== undefined && child !== null) checkTree(child, (spec as Record<string, AnySpec>)[key], at, problems);
    }
}

/**
 * Checks a whole `litefs.yml` document as LiteFS 0.5 would decode and validate it: unknown keys, quoted
 * booleans, numbers where durations belong, and the cross-field rules LiteFS enforces at start-up.
 */
export function checkLiteFsConfig(config: unknown): Problem[] {
    const problems: Problem[] = [];
    checkTree(config, LITEFS_SCHEMA as AnySpec, "", problems);
    if (!isPlainObject(config)) return problems;
    const lease = isPlainObject(config.lease) ? config.lease : undefined;
    if (!lease?.type)
        problems.push({
            rule: "litefs-config",
            path: "lease.type",
            message: "is required: LiteFS exits with \"invalid lease type, must be either 'consul' or 'static'\".",
            fix: 'set lease.type to "static" (pod-0 is the primary).',
        });
    if (lease?.type === "static") {
        for (const key of ["hostname", "advertise-url"])
            if (typeof lease[key] !== "string" || lease[key] === "")
                problems.push({
                    rule: "litefs-config",
                    path: `lease.${key}`,
                    message: "is required with a static lease: it must name the primary on every node.",
                    fix: "name pod-0.",
                });
        if (lease.candidate !== false && Array.isArray(lease.databases))
            problems.push({
                rule: "litefs-config",
                path: "lease.databases",
                message: "is refused by LiteFS on a candidate node.",
                fix: "remove it.",
            });
    }
    const fuse = isPlainObject(config.fuse) ? config.fuse : {};
    const data = isPlainObject(config.data) ? config.data : {};
    if (trimDir(fuse.dir ?? LITEFS_FUSE_DIR) === trimDir(data.dir ?? LITEFS_DATA_DIR))
        problems.push({
            rule: "litefs-config",
            path: "fuse.dir",
            message: "must differ from data.dir: LiteFS mounts its FUSE file system over fuse.dir and keeps its real files in data.dir.",
            fix: 'keep the defaults: fuse.dir "/litefs", data.dir "/var/lib/litefs".',
        });
    const proxy = isPlainObject(config.proxy) ? config.proxy : undefined;
    if (proxy?.target)
        for (const key of ["addr", "db"])
            if (!proxy[key])
                problems.push({
                    rule: "litefs-config",
                    path: `proxy.${key}`,
                    message: "is required when proxy.target is set.",
                    fix: `set proxy.${key}.`,
                });
    return problems;
}

export function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
    if (typeof value === "object") return "a mapping";
    return `${typeof value} ${String(value)}`;
}

/** Problems of a litefs.yml fragment against a schema node, as LiteFS would decode it. */
function fragmentProblems(value: unknown, spec: AnySpec): Problem[] {
    const problems: Problem[] = [];
    checkTree(value, spec, "", problems);
    return problems;
}

/** Parses the converted `litefs` argument: true only when every key and value is one a caller may set. */
export function isLiteFsSettings(value: unknown): value is LiteFsSettings {
    return isPlainObject(value) && fragmentProblems(value, LITEFS_SETTINGS_SCHEMA).length === 0;
}

/** Parses the converted `proxy` argument: true only when every key and value is one a caller may set. */
export function isProxySettings(value: unknown): value is ProxySettings {
    return isPlainObject(value) && fragmentProblems(value, PROXY_SETTINGS_SCHEMA).length === 0;
}
