/** Names and ports: the instance name, namespace, cluster domain, replicas, and the three ports. */
import type { LiteFsAppArgs } from "../args";
import { type AppNames, appNames, MAX_NAME_LENGTH, selectorLabels } from "../naming";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { DEFAULTS } from "./defaults";
import type { PlanContext, Planned } from "./model";
import { shown } from "../validation/values";

/** Namespaces every cluster has, which Kubernetes creates and no app may own. */
const SHARED_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

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
    problems.push(...rules.dnsSubdomain(clusterDomain, "args.clusterDomain", "cluster-domain", true, DEFAULTS.clusterDomain));
    problems.push(...rules.boolean(args.createNamespace, "args.createNamespace", "boolean-args"));
    const createNamespace = args.createNamespace ?? DEFAULTS.createNamespace;
    if (createNamespace === true && SHARED_NAMESPACES.includes(namespace))
        problems.push({
            rule: "namespace-shared",
            path: "args.namespace",
            message:
                `is "${namespace}", a namespace Kubernetes itself creates and shares, while createNamespace is on: pulumi-litefs would ` +
                "apply its own Namespace object over it, labelling it to admit privileged pods for every workload there, and own it from then on.",
            fix: `give the app a namespace of its own (e.g. namespace: "${ctx.name}", the default), or keep "${namespace}" with createNamespace: false.`,
        });

    const replicas = args.replicas ?? DEFAULTS.replicas;
    problems.push(...replicasProblems(replicas));
    const apiPort = args.apiPort ?? DEFAULTS.apiPort;
    const proxyPort = args.proxy ? (args.proxy.port ?? DEFAULTS["proxy.port"]) : undefined;
    problems.push(
        ...portProblems(
            [
                { path: "args.port", value: args.port, set: true, preferred: 3000 },
                { path: "args.apiPort", value: apiPort, set: args.apiPort !== undefined, preferred: DEFAULTS.apiPort },
                { path: "args.proxy.port", value: proxyPort, set: args.proxy?.port !== undefined, preferred: DEFAULTS["proxy.port"] },
            ],
            // The metrics sidecar's port, when it is on: a fix must not suggest it either.
            args.metrics === undefined ? [] : [args.metrics?.port ?? DEFAULTS["metrics.port"]],
        ),
    );
    return {
        value: {
            name,
            names: appNames(name, namespace, clusterDomain),
            namespace,
            createNamespace,
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
    const digits = typeof replicas === "string" && /^\d+$/.test(replicas) ? Number(replicas) : undefined;
    const suggested =
        digits !== undefined && digits >= 1 && digits <= MAX_REPLICAS
            ? digits
            : typeof replicas === "number" && replicas > MAX_REPLICAS
              ? MAX_REPLICAS
              : 2;
    return [
        {
            rule: "replicas",
            path: "args.replicas",
            message: `must be a whole number of at least 1 (pod-0 is the primary) and at most ${MAX_REPLICAS}, got ${shown(replicas)}.`,
            fix:
                suggested === digits
                    ? `write the number unquoted: ${digits}.`
                    : suggested === MAX_REPLICAS
                      ? `at most ${MAX_REPLICAS}: Kubernetes supports at most 5,000 nodes and one primary streams to every replica.`
                      : "e.g. 2: pod-0, the primary, and one replica.",
            suggestion: { path: "args.replicas", value: suggested },
        },
    ];
}

interface PortArg {
    readonly path: string;
    readonly value: unknown;
    /** Whether the caller wrote it; otherwise it is the default. */
    readonly set: boolean;
    /** The port a fix suggests for it when that one is free: its default (the app's: 3000, a common one). */
    readonly preferred: number;
}

/** Which argument a default port belongs to, for a clash the caller caused by another port. */
const DEFAULT_PORT_OF: Record<string, string> = {
    "args.apiPort": "LiteFS's API port (apiPort)",
    "args.proxy.port": "the LiteFS proxy's port (proxy.port)",
};

function portProblems(ports: readonly PortArg[], otherPorts: readonly unknown[]): Problem[] {
    const problems: Problem[] = [];
    const seen = new Map<unknown, PortArg>();
    const taken = [...ports.map((p) => p.value), ...otherPorts];
    for (const port of ports) {
        if (port.value === undefined && port.path !== "args.port") continue;
        const found = rules.port(port.value, port.path, "port-range", rules.freePort(port.preferred, taken));
        problems.push(...found);
        if (found.length > 0) continue;
        const other = seen.get(port.value);
        seen.set(port.value, port);
        if (!other) continue;
        // Blame the port the caller wrote, and say that the other one is a default they never set.
        const [blamed, clashing] = !port.set && other.set ? [other, port] : [port, other];
        const free = rules.freePort(blamed.preferred, taken);
        problems.push({
            rule: "port-clash",
            path: blamed.path,
            message: clashing.set
                ? `is ${port.value}, the same port as ${clashing.path}; each must be distinct.`
                : `is ${port.value}, which is ${DEFAULT_PORT_OF[clashing.path]} by default (you did not set it); the app, the LiteFS API and the proxy each need their own port.`,
            fix: clashing.set
                ? `choose another port for ${blamed.path}, e.g. ${free}.`
                : `choose another port for ${blamed.path}, e.g. ${free}, or set ${clashing.path.slice(5)} to another port.`,
            suggestion: { path: blamed.path, value: free },
        });
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
