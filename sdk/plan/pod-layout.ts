/**
 * The pod's containers by role, with their names, ports and volumes, and the one table of what pulumi-litefs
 * reserves in the pod (container names, port numbers and names, volume names) that every clash check reads.
 *
 * Roles: `litefs` (runs LiteFS, the one container with FUSE rights), `app` (runs the user's command), `migrate`
 * (sidecar mode: runs `migrate` on pod-0 before the app), `metrics` (the metrics sidecar), `sidecar` and `init`
 * (the user's). In embedded mode LiteFS starts the app through its `exec` section, so one container named "app"
 * holds both the `litefs` and the `app` role; in sidecar mode each has its own (`LiteFsMode`). A new role (a
 * labeller) is one more entry in `ownLayout`: builders, runbooks and clash checks find containers by role,
 * never by name.
 */
import {
    APP_CONTAINER_NAME,
    CONFIG_VOLUME,
    DATA_VOLUME,
    FUSE_VOLUME,
    LABELLER_CONTAINER_NAME,
    LABELLER_RUN_VOLUME,
    LABELLER_TOKEN_VOLUME,
    LITEFS_CONTAINER_NAME,
    METRICS_CONTAINER_NAME,
    METRICS_RUN_VOLUME,
    MIGRATE_CONTAINER_NAME,
    PORT_NAMES,
    TOOLS_VOLUME,
} from "../naming";
import type { Problem } from "../validation/problem";
import { freePort } from "../validation/rules";
import { isPlainObject } from "../validation/values";
import type { InputRuleId } from "../validation/rule-ids";
import { DEFAULTS } from "./defaults";

export type ContainerRole = "litefs" | "app" | "migrate" | "metrics" | "labeller" | "sidecar" | "init";

/**
 * How LiteFS and the app share the pod. "embedded": LiteFS runs the app under its `exec` section, in one
 * container. "sidecar": LiteFS runs alone in a native sidecar (init container "litefs", `restartPolicy: Always`),
 * `migrate` in an init container "migrate" after it, and the app in its own container "app".
 */
export type LiteFsMode = "embedded" | "sidecar";

/** Where a container sits in the pod spec: `containers`, or `initContainers` (run to completion, or a native sidecar). */
export type ContainerSlot = "containers" | "initContainers";

export interface LayoutPort {
    /** The port's name in the pod, which Services, probes and the PodMonitor refer to. */
    readonly name: string;
    readonly port: number;
    /** The argument that sets it, e.g. `args.apiPort`. */
    readonly argPath: string;
    /** Whether the caller wrote it; otherwise it is the default. */
    readonly set: boolean;
    /** The port in words, for messages: "the app's port", "LiteFS's API port", … */
    readonly what: string;
}

export interface LayoutContainer {
    readonly name: string;
    readonly roles: readonly ContainerRole[];
    readonly slot: ContainerSlot;
    readonly ports: readonly LayoutPort[];
    /** Names of the pod volumes it mounts. */
    readonly volumes: readonly string[];
}

export interface ReservedEntry {
    /** What holds it, for messages: `the name of the container that runs LiteFS and the app`. */
    readonly what: string;
    /** The rule a clash with it is reported under. */
    readonly rule: InputRuleId;
}

/** What pulumi-litefs's own containers hold in the pod: user sidecars, init containers and volumes may not take it. */
export interface ReservedTable {
    readonly containerNames: ReadonlyMap<string, ReservedEntry>;
    readonly ports: ReadonlyMap<number, ReservedEntry>;
    readonly portNames: ReadonlyMap<string, ReservedEntry>;
    readonly volumes: ReadonlyMap<string, ReservedEntry>;
}

/** pulumi-litefs's own containers and volumes: what the basics know before the user's additions are checked. */
export interface OwnLayout {
    readonly mode: LiteFsMode;
    /** pulumi-litefs's own containers, in pod-spec order. */
    readonly containers: readonly LayoutContainer[];
    /** pulumi-litefs's own pod volumes (the data volume is the StatefulSet's claim template). */
    readonly volumes: readonly string[];
    readonly reserved: ReservedTable;
}

/** The whole pod: pulumi-litefs's containers and the user's, by role. */
export interface PodLayout extends OwnLayout {
    /** Every container, own and user's, in pod-spec order within each slot. */
    readonly containers: readonly LayoutContainer[];
    /** The container that runs LiteFS: `kubectl exec -c`, logs and `litefs export` target it. */
    readonly litefs: LayoutContainer;
    /** The container that runs the user's command. */
    readonly app: LayoutContainer;
}

/** The resolved ports the layout places: the app's, LiteFS's API, and the proxy's and the metrics sidecar's when on. */
export interface LayoutPorts {
    readonly app: number;
    readonly api: number;
    readonly proxy?: number;
    readonly metrics?: number;
    /** Which of them the caller wrote (argument paths); the others are defaults. */
    readonly set: ReadonlySet<string>;
    /** Under `failover`: the labeller, which keeps the pod's `litefs.io/role` label on LiteFS's role. */
    readonly labeller?: boolean;
}

/**
 * pulumi-litefs's own containers: in embedded mode LiteFS-and-app; in sidecar mode LiteFS, migrate (when
 * `migrate` is set) and the app; then the metrics sidecar when on.
 */
export function ownLayout(ports: LayoutPorts, mode: LiteFsMode = "embedded", migrate = false): OwnLayout {
    const port = (name: string, value: number, argPath: string, what: string): LayoutPort => ({
        name,
        port: value,
        argPath,
        set: ports.set.has(argPath),
        what,
    });
    const appPort = port(PORT_NAMES.app, ports.app, "args.port", "the app's port");
    const liteFsPorts = [
        port(PORT_NAMES.litefs, ports.api, "args.apiPort", "LiteFS's API port"),
        ...(ports.proxy === undefined ? [] : [port(PORT_NAMES.proxy, ports.proxy, "args.proxy.port", "the LiteFS proxy's port")]),
    ];
    const own: LayoutContainer[] =
        mode === "embedded"
            ? [
                  {
                      name: APP_CONTAINER_NAME,
                      roles: ["litefs", "app"],
                      slot: "containers",
                      ports: [appPort, ...liteFsPorts],
                      volumes: [DATA_VOLUME, FUSE_VOLUME, CONFIG_VOLUME],
                  },
              ]
            : [
                  {
                      name: LITEFS_CONTAINER_NAME,
                      roles: ["litefs"],
                      slot: "initContainers",
                      ports: liteFsPorts,
                      volumes: [DATA_VOLUME, FUSE_VOLUME, CONFIG_VOLUME, TOOLS_VOLUME],
                  },
                  ...(migrate
                      ? [
                            {
                                name: MIGRATE_CONTAINER_NAME,
                                roles: ["migrate"],
                                slot: "initContainers",
                                ports: [],
                                volumes: [FUSE_VOLUME, TOOLS_VOLUME],
                            } as const,
                        ]
                      : []),
                  { name: APP_CONTAINER_NAME, roles: ["app"], slot: "containers", ports: [appPort], volumes: [FUSE_VOLUME, TOOLS_VOLUME] },
              ];
    const metrics: LayoutContainer | undefined =
        ports.metrics === undefined
            ? undefined
            : {
                  name: METRICS_CONTAINER_NAME,
                  roles: ["metrics"],
                  slot: "containers",
                  ports: [port(PORT_NAMES.metrics, ports.metrics, "args.metrics.port", "the metrics sidecar's port")],
                  volumes: [METRICS_RUN_VOLUME],
              };
    const labeller: LayoutContainer | undefined = ports.labeller
        ? {
              name: LABELLER_CONTAINER_NAME,
              roles: ["labeller"],
              slot: "containers",
              ports: [],
              volumes: [LABELLER_TOKEN_VOLUME, LABELLER_RUN_VOLUME],
          }
        : undefined;
    const containers = [...own, ...(metrics ? [metrics] : []), ...(labeller ? [labeller] : [])];
    const volumes = [...new Set(containers.flatMap((c) => c.volumes))];
    return { mode, containers, volumes, reserved: reservedTable(containers) };
}

/**
 * The LiteFS container's name in each mode's layout, for readers of rendered objects that have no plan (render's
 * pod listing): the StatefulSet's container or init container of that name runs the start-up script.
 */
export const LITEFS_CONTAINER_NAMES: readonly string[] = (["embedded", "sidecar"] as const).map(
    (mode) => withRole(ownLayout({ app: 0, api: 0, set: new Set() }, mode), "litefs").name,
);

/** The whole pod: the own layout with the user's sidecars and init containers (names and ports as validated). */
export function podLayout(
    own: OwnLayout,
    user: { readonly sidecars: readonly object[]; readonly initContainers: readonly object[] },
): PodLayout {
    const userContainer =
        (role: "sidecar" | "init", slot: ContainerSlot, arg: string) =>
        (spec: object, i: number): LayoutContainer => {
            const fields: Record<string, unknown> = { ...spec };
            const name = String(fields.name);
            const list = (value: unknown) => (Array.isArray(value) ? value.filter(isPlainObject) : []);
            return {
                name,
                roles: [role],
                slot,
                ports: list(fields.ports).flatMap((p, j) =>
                    typeof p.containerPort === "number"
                        ? [
                              {
                                  name: typeof p.name === "string" ? p.name : "",
                                  port: p.containerPort,
                                  argPath: `args.${arg}[${i}].ports[${j}]`,
                                  set: true,
                                  what: `container "${name}"'s port`,
                              },
                          ]
                        : [],
                ),
                volumes: list(fields.volumeMounts).flatMap((m) => (typeof m.name === "string" ? [m.name] : [])),
            };
        };
    const containers = [
        ...user.initContainers.map(userContainer("init", "initContainers", "initContainers")),
        ...own.containers,
        ...user.sidecars.map(userContainer("sidecar", "containers", "sidecars")),
    ];
    return { ...own, containers, litefs: withRole(own, "litefs"), app: withRole(own, "app") };
}

/** The container holding `role`; every layout has exactly one `litefs` and one `app` container. */
export function withRole(layout: Pick<OwnLayout, "containers">, role: "litefs" | "app"): LayoutContainer {
    const found = layout.containers.find((c) => c.roles.includes(role));
    if (!found) throw new Error(`pulumi-litefs bug: the pod layout has no ${role} container`);
    return found;
}

/** How a container is named in messages, from its roles. */
function describe(container: LayoutContainer): string {
    if (container.roles.includes("litefs") && container.roles.includes("app")) return "the container that runs LiteFS and the app";
    if (container.roles.includes("litefs")) return "the container that runs LiteFS";
    if (container.roles.includes("migrate")) return "the init container that runs migrate";
    if (container.roles.includes("metrics")) return "the metrics sidecar's container";
    if (container.roles.includes("labeller")) return "the failover labeller's container";
    return "the app's container";
}

/** The rule a user container's clash with this container is reported under: the metrics sidecar's own rules for it. */
function clashRules(container: LayoutContainer): { name: InputRuleId; port: InputRuleId; volume: InputRuleId } {
    return container.roles.includes("metrics")
        ? { name: "metrics-reserved-name", port: "metrics-port-clash", volume: "metrics-reserved-name" }
        : { name: "containers", port: "containers-port-clash", volume: "volumes" };
}

function reservedTable(containers: readonly LayoutContainer[]): ReservedTable {
    const containerNames = new Map<string, ReservedEntry>();
    const ports = new Map<number, ReservedEntry>();
    const portNames = new Map<string, ReservedEntry>();
    const volumes = new Map<string, ReservedEntry>();
    for (const container of containers) {
        const rules = clashRules(container);
        containerNames.set(container.name, { what: `the name of ${describe(container)}`, rule: rules.name });
        for (const port of container.ports) {
            const entry = { what: `${port.what} (${port.port}, named "${port.name}")`, rule: rules.port };
            ports.set(port.port, entry);
            portNames.set(port.name, entry);
        }
        const what = container.roles.includes("litefs")
            ? `a volume pulumi-litefs uses for LiteFS itself (${container.volumes.join(", ")})`
            : `the name of ${describe(container).replace(/container$/, "volume")}`;
        for (const volume of container.volumes) volumes.set(volume, { what, rule: rules.volume });
    }
    return { containerNames, ports, portNames, volumes };
}

/** The port each own port's fix suggests first: its default (the app's has none: 3000, where most apps listen). */
const PREFERRED_PORT: Record<string, number> = {
    "args.port": 3000,
    "args.apiPort": DEFAULTS.apiPort,
    "args.proxy.port": DEFAULTS["proxy.port"],
    "args.metrics.port": DEFAULTS["metrics.port"],
};

/** A port for the own port at `argPath` that no other own port takes: what a fix may suggest for it. */
export function freeOwnPort(layout: Pick<OwnLayout, "containers">, argPath: string): number {
    const others = layout.containers.flatMap((c) => c.ports).filter((p) => p.argPath !== argPath);
    return freePort(
        PREFERRED_PORT[argPath] ?? 3000,
        others.map((p) => p.port),
    );
}

/** Which argument a default port belongs to, for a clash the caller caused by another port. */
const DEFAULT_PORT_OF: Record<string, string> = {
    "args.apiPort": "LiteFS's API port (apiPort)",
    "args.proxy.port": "the LiteFS proxy's port (proxy.port)",
    "args.metrics.port": "the metrics sidecar's port (metrics.port)",
};

/**
 * pulumi-litefs's own ports must differ: the app's, LiteFS's API, the proxy's and the metrics sidecar's.
 * `valid` says which ports passed their own range rule (a clash with an invalid port says nothing new).
 * A clash is blamed on the port the caller wrote; a clash with the metrics port is the metrics sidecar's rule.
 */
export function ownPortClashes(layout: Pick<OwnLayout, "containers">, valid: (port: LayoutPort) => boolean): Problem[] {
    const problems: Problem[] = [];
    const seen = new Map<number, LayoutPort>();
    for (const port of layout.containers.flatMap((c) => c.ports).filter(valid)) {
        const other = seen.get(port.port);
        seen.set(port.port, port);
        if (!other) continue;
        const [blamed, taken] = !port.set && other.set ? [other, port] : [port, other];
        // The fix suggests a port none of the pod's own ports takes: the blamed one's default when it is free.
        const free = freeOwnPort(layout, blamed.argPath);
        const suggestion = { path: blamed.argPath, value: free };
        if (blamed.argPath === "args.metrics.port") {
            const name = taken.argPath.slice(5);
            problems.push({
                rule: "metrics-port-clash",
                path: blamed.argPath,
                message: `is ${port.port}, the same port as ${name} (${taken.what}): the sidecar and it cannot both listen on it.`,
                fix:
                    free === DEFAULTS["metrics.port"]
                        ? `leave metrics.port at its default ${free}.`
                        : `set metrics.port to a free port, e.g. ${free} (its default ${DEFAULTS["metrics.port"]} is taken).`,
                suggestion,
            });
            continue;
        }
        problems.push({
            // A clash with the metrics sidecar's default is the metrics rule, blamed on the port the caller wrote.
            rule: taken.argPath === "args.metrics.port" ? "metrics-port-clash" : "port-clash",
            path: blamed.argPath,
            message: taken.set
                ? `is ${port.port}, the same port as ${taken.argPath}; each must be distinct.`
                : `is ${port.port}, which is ${DEFAULT_PORT_OF[taken.argPath]} by default (you did not set it); the app, the LiteFS API and the proxy each need their own port.`,
            fix: taken.set
                ? `choose another port for ${blamed.argPath}, e.g. ${free}.`
                : `choose another port for ${blamed.argPath}, e.g. ${free}, or set ${taken.argPath.slice(5)} to another port.`,
            suggestion,
        });
    }
    return problems;
}
