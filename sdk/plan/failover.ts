/**
 * Who may be the primary: the static lease on pod `primaryOrdinal`, or, with `failover`, LiteFS's Consul lease
 * among the candidate pods with a labeller keeping the write Service on the lease holder. The facts it relies on
 * are LiteFS v0.5.14's (docs/failover.md cites each): consul/consul.go, lease.go, cmd/litefs/mount_linux.go.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { LiteFsAppArgs, SecretKeyRefArgs } from "../args";
import { isDuration } from "../litefs/schema";
import { defaultConsulKey } from "../naming";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { isPlainObject } from "../validation/values";
import { DEFAULTS } from "./defaults";
import { secretKeyRefFieldProblems } from "./env";
import type { PlanContext, Planned } from "./model";

/** The static lease: pod `names.primaryOrdinal` is the primary, for good. */
export interface StaticLeasePlan {
    readonly type: "static";
}

/** LiteFS's Consul lease: any candidate may hold it; the labeller labels the holder. */
export interface ConsulLeasePlan {
    readonly type: "consul";
    /** Consul's HTTP API, without credentials; the start-up script writes it into litefs.yml at start. */
    readonly url: pulumi.Input<string>;
    readonly tokenSecret?: SecretKeyRefArgs;
    readonly key: string;
    readonly ttl: string;
    readonly lockDelay: string;
    /** Pods 0 to candidates-1 may take the lease. */
    readonly candidates: number;
    /**
     * `lease.promote` on the candidates: with a `migrate` command, a candidate that starts takes the lease by handoff
     * before its `exec` runs, so the migration of every rolled-out version runs, once per start, on the primary.
     */
    readonly promote: boolean;
    readonly labellerImage: string;
}

export type LeasePlan = StaticLeasePlan | ConsulLeasePlan;

export interface FailoverPlan {
    readonly lease: LeasePlan;
}

/** Consul's session TTL bounds (its API refuses a TTL outside 10s–86400s). */
const MIN_TTL_SECONDS = 10;
const MAX_TTL_SECONDS = 86400;
/** Consul caps a session's lock-delay at 60s. */
const MAX_LOCK_DELAY_SECONDS = 60;

export function planFailover(args: LiteFsAppArgs, ctx: PlanContext): Planned<FailoverPlan> {
    const replicas = Number.isInteger(ctx.basics.replicas) ? ctx.basics.replicas : DEFAULTS.replicas;
    const problems = primaryOrdinalProblems(args.primaryOrdinal, replicas);
    const failover = args.failover;
    if (failover === undefined) return { value: { lease: { type: "static" } }, problems };
    if (!isPlainObject(failover) || !isPlainObject(failover.consul)) {
        problems.push({
            rule: "failover-consul",
            path: isPlainObject(failover) ? "args.failover.consul" : "args.failover",
            message: "must say which Consul holds the lease.",
            fix: 'failover: { consul: { url: "http://consul-server.consul.svc:8500" } } (see docs/failover.md).',
        });
        return { value: { lease: { type: "static" } }, problems };
    }
    // Unknown keys inside failover are refused with every other unknown argument (ARGS_SHAPE, rule args-unknown).
    const consul = failover.consul;
    const key = consul.key ?? defaultConsulKey(ctx.basics.namespace, ctx.name);
    const ttl = consul.ttl ?? DEFAULTS["failover.consul.ttl"];
    const lockDelay = consul.lockDelay ?? DEFAULTS["failover.consul.lockDelay"];
    problems.push(
        ...consulUrlProblems(consul.url),
        ...consulKeyProblems(consul.key),
        ...durationProblems(ttl, "args.failover.consul.ttl", MIN_TTL_SECONDS, MAX_TTL_SECONDS, '"10s"'),
        ...durationProblems(lockDelay, "args.failover.consul.lockDelay", 0, MAX_LOCK_DELAY_SECONDS, '"1s"'),
        ...(consul.tokenSecret === undefined
            ? []
            : secretKeyRefFieldProblems(consul.tokenSecret, "args.failover.consul.tokenSecret", "failover-consul")),
    );
    const candidates = failover.candidates ?? replicas;
    problems.push(...candidatesProblems(candidates, replicas, failover.candidates !== undefined));
    const labellerImage = failover.labellerImage ?? DEFAULTS["failover.labellerImage"];
    problems.push(
        ...rules.pinnedImage(
            labellerImage,
            "args.failover.labellerImage",
            "failover-image",
            `pin an image with POSIX sh and curl by version or digest, e.g. "${DEFAULTS["failover.labellerImage"]}" (the default).`,
        ),
    );
    problems.push(...conflictProblems(args));
    return {
        value: {
            lease: {
                type: "consul",
                url: consul.url,
                tokenSecret: consul.tokenSecret,
                key,
                ttl,
                lockDelay,
                candidates,
                promote: args.migrate !== undefined,
                labellerImage,
            },
        },
        problems,
    };
}

function primaryOrdinalProblems(ordinal: unknown, replicas: number): Problem[] {
    if (ordinal === undefined || (Number.isInteger(ordinal) && (ordinal as number) >= 0 && (ordinal as number) < replicas)) return [];
    return [
        {
            rule: "primary-ordinal",
            path: "args.primaryOrdinal",
            message:
                `must be the ordinal of one of the app's pods, a whole number from 0 to ${replicas - 1} (replicas is ${replicas}), ` +
                `got ${JSON.stringify(ordinal)}.`,
            fix:
                typeof ordinal === "number" && ordinal >= replicas && Number.isInteger(ordinal)
                    ? `raise replicas above ${ordinal} first, or choose a pod from 0 to ${replicas - 1}.`
                    : "e.g. 0 (the default), or the ordinal `pulumi-litefs promote` moved the primary to.",
        },
    ];
}

/** The URL LiteFS hands to Consul's client (consul/consul.go `Leaser.Open`: scheme, host, password as token, path as key prefix). */
function consulUrlProblems(url: unknown): Problem[] {
    // An Output is only known at deploy time; the start-up script checks it then.
    if (typeof url === "object" && url !== null) return [];
    const problem = (message: string, fix: string): Problem[] => [
        { rule: "failover-consul", path: "args.failover.consul.url", message, fix },
    ];
    const example = '"http://consul-server.consul.svc:8500"';
    if (typeof url !== "string") return problem(`must be Consul's HTTP API URL, got ${JSON.stringify(url)}.`, `e.g. ${example}.`);
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        return problem(`is not a URL, got ${JSON.stringify(url)}.`, `e.g. ${example}.`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
        return problem(`must be an http:// or https:// URL, got ${JSON.stringify(url)}.`, `e.g. ${example}.`);
    if (parsed.username !== "" || parsed.password !== "")
        return problem(
            "has credentials in it. LiteFS would take the password as the ACL token, and the URL is written in the pod spec and the stack's state, readable by anyone who can read those.",
            "remove them and put the token in a Secret: failover.consul.tokenSecret: { secretName, key }.",
        );
    if (parsed.search !== "" || parsed.hash !== "" || /[^A-Za-z0-9._~:/%[\]-]/.test(url))
        return problem(
            `may hold only a scheme, a host, a port and a path (LiteFS ignores the rest), got ${JSON.stringify(url)}.`,
            `e.g. ${example}.`,
        );
    return [];
}

function consulKeyProblems(key: unknown): Problem[] {
    if (key === undefined || (typeof key === "string" && /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(key))) return [];
    return [
        {
            rule: "failover-consul",
            path: "args.failover.consul.key",
            message: `must be a Consul KV key of letters, digits, "_", ".", "-" and "/" between parts (no leading or trailing "/"), got ${JSON.stringify(key)}.`,
            fix: 'e.g. "pulumi-litefs/shop/shop-app", unique per app (the default is "pulumi-litefs/<namespace>/<name>").',
        },
    ];
}

/** Seconds in a Go duration string (already known to be one). */
function seconds(duration: string): number {
    const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
    return [...duration.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)].reduce((sum, [, n, u]) => sum + Number(n) * unit[u], 0);
}

function durationProblems(value: unknown, path: string, min: number, max: number, example: string): Problem[] {
    if (isDuration(value) && seconds(value) >= min && seconds(value) <= max) return [];
    const range = min > 0 ? `from ${min}s to ${max}s` : `of at most ${max}s`;
    return [
        {
            rule: "failover-consul",
            path,
            message: isDuration(value)
                ? `is ${value}; Consul accepts a value ${range}.`
                : `must be a Go duration string ${range}, got ${JSON.stringify(value)}.`,
            fix: `e.g. ${example} (the default).`,
        },
    ];
}

function candidatesProblems(candidates: unknown, replicas: number, set: boolean): Problem[] {
    if (replicas < 2)
        return [
            {
                rule: "failover-candidates",
                path: "args.replicas",
                message: `is ${replicas}: failover needs a second pod to take over the lease.`,
                fix: "set replicas to 2 or more.",
            },
        ];
    if (Number.isInteger(candidates) && (candidates as number) >= 2 && (candidates as number) <= replicas) return [];
    return [
        {
            rule: "failover-candidates",
            path: set ? "args.failover.candidates" : "args.replicas",
            message: `must be a whole number from 2 (a pod to fail over to) to replicas (${replicas}), got ${JSON.stringify(candidates)}.`,
            fix: `e.g. ${Math.min(replicas, 3)}, or leave it out: every pod is a candidate.`,
        },
    ];
}

/** Arguments that contradict the Consul lease. */
function conflictProblems(args: LiteFsAppArgs): Problem[] {
    const problems: Problem[] = [];
    const conflict = (path: string, message: string, fix: string) => problems.push({ rule: "failover-conflict", path, message, fix });
    if (args.primaryOrdinal !== undefined)
        conflict(
            "args.primaryOrdinal",
            "names the static primary, and with failover Consul elects the primary among the candidates.",
            "remove primaryOrdinal, or remove failover to keep a static primary.",
        );
    if (args.serviceAccountName !== undefined)
        conflict(
            "args.serviceAccountName",
            "would give every container in the pod a token of that account, while with failover pulumi-litefs runs the pods under a service account of its own whose token only the labeller gets.",
            "remove serviceAccountName; grant your app what it needs another way (e.g. a Secret in secretEnv).",
        );
    if (args.migrate !== undefined && args.litefs?.skipSync === true)
        conflict(
            "args.litefs.skipSync",
            "makes LiteFS skip the promotion that puts a starting candidate in charge before migrate runs (cmd/litefs/mount_linux.go Run): the migration could run on a replica and fail.",
            "remove skip-sync.",
        );
    if (args.migrate !== undefined && args.liteFsSidecar !== undefined)
        conflict(
            "args.migrate",
            "in sidecar mode runs from a gate that knows the static primary only: under the Consul lease any candidate may hold the lease, so the migration could run on a replica or not at all.",
            "remove liteFsSidecar to run migrate through LiteFS's exec (if-candidate, with lease.promote), or run the migration from your app at start and remove migrate.",
        );
    const tokenVar = "CONSUL_HTTP_TOKEN";
    if (args.failover?.consul.tokenSecret !== undefined)
        for (const arg of ["env", "secretEnv"] as const)
            if (args[arg] && Object.hasOwn(args[arg] as object, tokenVar))
                conflict(
                    `args.${arg}.${tokenVar}`,
                    "is set by pulumi-litefs from failover.consul.tokenSecret for LiteFS's Consul client.",
                    `remove ${arg}.${tokenVar}.`,
                );
    return problems;
}
