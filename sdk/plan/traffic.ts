/** Traffic: the Gateway API HTTPRoute that sends reads to every pod and writes to pod-0. */
import type { GatewayRefArgs, LiteFsAppArgs } from "../args";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { type Shape, unknownKeys } from "../validation/shape";
import { isPlainObject, shown } from "../validation/values";
import type { HttpRoutePlan, PlanContext, Planned } from "./model";

const GATEWAY_REF_SHAPE: Shape<GatewayRefArgs> = { name: true, namespace: true, sectionName: true, port: true };
/** Gateway API hostnames: lowercase DNS names, optionally with a leading "*." wildcard; no IPs, ports or paths. */
const GATEWAY_HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The route, when `httpRoute` is given. */
export function planTraffic(args: LiteFsAppArgs, _ctx: PlanContext): Planned<HttpRoutePlan | undefined> {
    if (args.httpRoute === undefined) return { value: undefined, problems: [] };
    const route: unknown = args.httpRoute;
    const refs = isPlainObject(route) ? route.parentRefs : undefined;
    const hostnames = isPlainObject(route) ? (route.hostnames ?? []) : [];
    const parentRefs = parentRefsPlan(refs);
    const hosts = hostnamesPlan(hostnames);
    const problems = [...parentRefs.problems, ...hosts.problems];
    return { value: problems.length > 0 ? undefined : { parentRefs: parentRefs.value, hostnames: hosts.value }, problems };
}

function parentRefsPlan(refs: unknown): Planned<GatewayRefArgs[]> {
    if (!Array.isArray(refs) || refs.length === 0 || refs.length > 32)
        return {
            value: [],
            problems: [
                {
                    rule: "http-route-parent-refs",
                    path: "args.httpRoute.parentRefs",
                    message: `must list 1 to 32 Gateways to attach the route to, got ${shown(refs)}.`,
                    fix: 'e.g. [{ name: "public", namespace: "gateway" }].',
                },
            ],
        };
    const problems: Problem[] = [];
    const value: GatewayRefArgs[] = [];
    const sections = new Map<string, string[]>();
    for (const [i, ref] of refs.entries()) {
        const at = `args.httpRoute.parentRefs[${i}]`;
        const keys = unknownKeys(ref, GATEWAY_REF_SHAPE, at, undefined, "http-route-parent-refs");
        problems.push(...keys);
        if (keys.length > 0 || !isPlainObject(ref)) continue;
        const found = [
            ...rules.dnsSubdomain(ref.name, `${at}.name`, "http-route-parent-refs"),
            ...(ref.namespace === undefined ? [] : rules.dnsLabel(ref.namespace, `${at}.namespace`, "http-route-parent-refs")),
            ...(ref.sectionName === undefined ? [] : rules.dnsSubdomain(ref.sectionName, `${at}.sectionName`, "http-route-parent-refs")),
            ...(ref.port === undefined ? [] : rules.port(ref.port, `${at}.port`, "http-route-parent-refs")),
        ];
        problems.push(...found);
        const gateway = `${ref.namespace ?? ""}/${ref.name}`;
        const section = `${ref.sectionName ?? ""}:${ref.port ?? ""}`;
        const seen = sections.get(gateway) ?? [];
        // The Gateway API refuses two references to one Gateway unless each names a distinct listener.
        if (seen.length > 0 && (section === ":" || seen.includes(section) || seen.includes(":")))
            problems.push({
                rule: "http-route-parent-refs",
                path: at,
                message: `refers to Gateway ${ref.name} again; the Gateway API allows that only when every reference to it names a different sectionName or port.`,
                fix: "merge the references, or give each a distinct sectionName.",
            });
        sections.set(gateway, [...seen, section]);
        if (found.length === 0) value.push(gatewayRef(ref));
    }
    return { value, problems };
}

/** A checked reference, rebuilt from its checked fields. */
function gatewayRef(ref: Record<string, unknown>): GatewayRefArgs {
    const optional = <T>(v: unknown, is: (x: unknown) => x is T) => (is(v) ? v : undefined);
    const isString = (x: unknown): x is string => typeof x === "string";
    const isNumber = (x: unknown): x is number => typeof x === "number";
    const out: GatewayRefArgs = { name: String(ref.name) };
    const namespace = optional(ref.namespace, isString);
    const sectionName = optional(ref.sectionName, isString);
    const port = optional(ref.port, isNumber);
    return {
        ...out,
        ...(namespace !== undefined && { namespace }),
        ...(sectionName !== undefined && { sectionName }),
        ...(port !== undefined && { port }),
    };
}

function hostnamesPlan(hostnames: unknown): Planned<string[]> {
    if (!Array.isArray(hostnames) || hostnames.length > 16)
        return {
            value: [],
            problems: [
                {
                    rule: "http-route-hostnames",
                    path: "args.httpRoute.hostnames",
                    message: `must be a list of at most 16 host names, got ${shown(hostnames)}.`,
                    fix: 'e.g. ["app.example.com"]; leave it out to answer every host name the Gateway accepts.',
                },
            ],
        };
    const problems: Problem[] = [];
    const value: string[] = [];
    for (const [i, host] of hostnames.entries()) {
        const at = `args.httpRoute.hostnames[${i}]`;
        if (typeof host !== "string" || host.length > 253 || !GATEWAY_HOSTNAME.test(host) || /^[\d.]+$/.test(host))
            problems.push({
                rule: "http-route-hostnames",
                path: at,
                message: `must be a lowercase DNS name such as "app.example.com" or "*.example.com" (no IP address, scheme, port or path), got ${shown(host)}.`,
                fix: `e.g. "${
                    typeof host === "string"
                        ? host
                              .toLowerCase()
                              .replace(/^[a-z]+:\/\//, "")
                              .replace(/[:/].*$/, "")
                        : "app.example.com"
                }".`,
            });
        else if (hostnames.indexOf(host) !== i)
            problems.push({
                rule: "http-route-hostnames",
                path: at,
                message: `repeats ${JSON.stringify(host)}.`,
                fix: "list each host name once.",
            });
        else value.push(host);
    }
    return { value, problems };
}
