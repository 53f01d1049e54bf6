/** Names and ports: the instance name, namespace, cluster domain, replicas, and the three ports. */
import type { LiteFsAppArgs } from "../args";
import { type AppNames, appNames, MAX_NAME_LENGTH, selectorLabels } from "../naming";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { DEFAULTS } from "./defaults";
import type { PlanContext, Planned } from "./model";

/**
 * Kubernetes supports clusters of at most 5,000 nodes ("Considerations for large clusters"), and a replica
 * beside another on the same node adds no availability; past that, one primary streaming every transaction
 * to thousands of replicas is the bottleneck, not the reads they serve.
 */
export const MAX_REPLICAS = 5000;

export interface NamesPlan {
    readonly name: string;
    readonly names: AppNames;
    readonly namespace: string;
    readonly createNamespace: boolean;
    readonly clusterDomain: string;
    readonly replicas: number;
    readonly port: number;
    readonly apiPort: number;
    /** The proxy's port, when the proxy is on. */
    readonly proxyPort?: number;
    readonly selectorLabels: Readonly<Record<string, string>>;
}

export function planNames(args: LiteFsAppArgs, ctx: PlanContext): Planned<NamesPlan> {
    const { name } = ctx;
    // The name itself is checked by `nameProblems`, which planApp runs first, before anything else.
    const problems: Problem[] = [];
    const namespace = args.namespace ?? name;
    problems.push(...rules.dnsLabel(namespace, "args.namespace", "namespace-dns-label"));
    const clusterDomain = args.clusterDomain ?? DEFAULTS.clusterDomain;
    problems.push(...rules.dnsSubdomain(clusterDomain, "args.clusterDomain", "cluster-domain", true));
    problems.push(...rules.boolean(args.createNamespace, "args.createNamespace", "boolean-args"));

    const replicas = args.replicas ?? DEFAULTS.replicas;
    problems.push(...replicasProblems(replicas));
    const apiPort = args.apiPort ?? DEFAULTS.apiPort;
    const proxyPort = args.proxy ? (args.proxy.port ?? DEFAULTS["proxy.port"]) : undefined;
    problems.push(...portProblems({ "args.port": args.port, "args.apiPort": apiPort, "args.proxy.port": proxyPort }));
    return {
        value: {
            name,
            names: appNames(name, namespace, clusterDomain),
            namespace,
            createNamespace: args.createNamespace ?? DEFAULTS.createNamespace,
            clusterDomain,
            replicas,
            port: args.port,
            apiPort,
            proxyPort,
            selectorLabels: selectorLabels(name),
        },
        problems,
    };
}

/** The instance name: a DNS-1035 label short enough for the names derived from it. */
export function nameProblems(name: string): Problem[] {
    return rules.dnsLabel(name, "name", "name-dns-label", MAX_NAME_LENGTH, true, "name-length");
}

function replicasProblems(replicas: unknown): Problem[] {
    if (Number.isInteger(replicas) && (replicas as number) >= 1 && (replicas as number) <= MAX_REPLICAS) return [];
    return [
        {
            rule: "replicas",
            path: "args.replicas",
            message: `must be a whole number of at least 1 (pod-0 is the primary) and at most ${MAX_REPLICAS}, got ${JSON.stringify(replicas)}.`,
            fix:
                typeof replicas === "string" && /^\d+$/.test(replicas)
                    ? `write the number unquoted: ${replicas}.`
                    : typeof replicas === "number" && replicas > MAX_REPLICAS
                      ? `at most ${MAX_REPLICAS}: Kubernetes supports at most 5,000 nodes and one primary streams to every replica.`
                      : "e.g. 2: pod-0, the primary, and one replica.",
        },
    ];
}

function portProblems(ports: Record<string, unknown>): Problem[] {
    const problems: Problem[] = [];
    const seen = new Map<unknown, string>();
    for (const [path, value] of Object.entries(ports)) {
        if (value === undefined && path !== "args.port") continue;
        const found = rules.port(value, path, "port-range");
        problems.push(...found);
        if (found.length > 0) continue;
        const other = seen.get(value);
        if (other)
            problems.push({
                rule: "port-clash",
                path,
                message: `is ${value}, the same port as ${other}; each must be distinct.`,
                fix: `choose another port for ${path}.`,
            });
        seen.set(value, path);
    }
    return problems;
}

/** The last pod's DNS name must fit DNS; only meaningful once every name is valid, so planApp runs it last. */
export function podDnsNameProblems(names: NamesPlan): Problem[] {
    const fqdn = names.names.podFqdn(names.replicas - 1);
    if (fqdn.length <= 253) return [];
    return [
        {
            rule: "pod-dns-name",
            path: "args.namespace",
            message: `makes the pod DNS name ${fqdn} ${fqdn.length} characters long; DNS names may have at most 253.`,
            fix: "shorten the instance name, the namespace or the cluster domain.",
        },
    ];
}
