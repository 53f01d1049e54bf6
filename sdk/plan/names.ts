/** Names and ports: the instance name, namespace, cluster domain, replicas, and the three ports. */
import type { LiteFsAppArgs } from "../args";
import { type AppNames, MAX_NAME_LENGTH } from "../naming";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { DEFAULTS } from "./defaults";
import { metricsPortInRange } from "./metrics";
import type { PlanContext, Planned } from "./model";
import { freeOwnPort, ownPortClashes } from "./pod-layout";
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
    readonly replicas: number;
    readonly port: number;
    readonly apiPort: number;
    readonly selectorLabels: Readonly<Record<string, string>>;
}

export function planNames(args: LiteFsAppArgs, ctx: PlanContext): Planned<NamesPlan> {
    const { name, names, namespace, clusterDomain, replicas, port, apiPort, selectorLabels } = ctx.basics;
    // The name itself is checked by `nameProblems`, which planApp runs first, before anything else.
    const problems: Problem[] = [];
    problems.push(...rules.dnsLabel(namespace, "args.namespace", "namespace-dns-label"));
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

    problems.push(...replicasProblems(replicas));
    // Each port's range here (the metrics port's in the metrics module), then every clash of the pod's own ports.
    const inRange = new Set<string>();
    for (const [path, value] of [
        ["args.port", port],
        ["args.apiPort", apiPort],
        ["args.proxy.port", ctx.basics.proxyPort],
    ] as const) {
        if (value === undefined && path !== "args.port") continue;
        const found = rules.port(value, path, "port-range", freeOwnPort(ctx.basics.layout, path));
        problems.push(...found);
        if (found.length === 0) inRange.add(path);
    }
    problems.push(
        ...ownPortClashes(
            ctx.basics.layout,
            (p) => inRange.has(p.argPath) || (p.argPath === "args.metrics.port" && metricsPortInRange(p.port)),
        ),
    );
    return {
        value: { name, names, namespace, createNamespace, replicas, port, apiPort, selectorLabels },
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
