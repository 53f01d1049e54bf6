/**
 * Turns raw `LiteFsAppArgs` into a validated, fully defaulted plan. Pure: no Pulumi resources, no I/O.
 * The component, the CLI and the tests all start here, so a rule or a default exists in one place only.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { LiteFsAppArgs, ResourcesArgs } from "./args";
import { checkExecCommand } from "./litefs/exec";
import { LITEFS_OPTIONS_SHAPE, PROXY_SHAPE, litefsOptionsToConfig, proxyArgsToConfig } from "./litefs/options";
import { type AppNames, DEFAULT_API_PORT, appNames, selectorLabels } from "./naming";
import type { Problem } from "./validation/problem";
import * as rules from "./validation/rules";
import { type Shape, unknownKeys } from "./validation/shape";

export const DEFAULTS = {
    replicas: 2,
    database: "sqlite.db",
    storageSize: "1Gi",
    proxyPort: 8080,
    clusterDomain: "cluster.local",
    dataDir: "/var/lib/litefs",
    fuseDir: "/litefs",
    /** Where the start-up script writes litefs.yml: an emptyDir, so the image's own files never matter. */
    configDir: "/etc/litefs",
} as const;

/**
 * Pod names must fit DNS labels, and the StatefulSet controller labels every pod with
 * `controller-revision-hash: <name>-<10-character hash>`, a label value of at most 63 characters.
 */
export const MAX_NAME_LENGTH = 52;

/** Environment variables pulumi-litefs sets itself or that break LiteFS, with the reason for each. */
export const RESERVED_ENV: Record<string, { message: string; fix: string }> = {
    HOSTNAME: {
        message:
            "is set by Kubernetes to the pod's own name (e.g. <name>-0), which LiteFS setups and tools rely on to tell the pods apart; " +
            "overriding it for the whole container is the guide's gotcha #1.",
        fix: 'if the app reads HOSTNAME as its listen address (Next.js standalone does), set it for the app process only: command: "env HOSTNAME=0.0.0.0 node server.js".',
    },
    POD_NAME: {
        message: "is set by pulumi-litefs from the downward API; the start-up script decides primary or replica from it.",
        fix: "remove it.",
    },
    LITEFS_CONFIG_DIR: { message: "is set by pulumi-litefs: where the start-up script writes litefs.yml.", fix: "remove it." },
    LITEFS_CANDIDATE: {
        message: 'is exported by the start-up script to the app ("true" on pod-0, "false" on replicas).',
        fix: "remove it; read it in the app instead.",
    },
    LITEFS_CLOUD_TOKEN: {
        message: "turns on LiteFS Cloud backups, and LiteFS Cloud was retired on 2024-10-15: LiteFS would keep failing to reach it.",
        fix: "remove it.",
    },
};

export const ARGS_SHAPE: Shape<LiteFsAppArgs> = {
    image: true,
    namespace: true,
    createNamespace: true,
    replicas: true,
    port: true,
    command: true,
    migrate: true,
    database: true,
    storage: { size: true, storageClassName: true },
    env: true,
    proxy: PROXY_SHAPE,
    litefs: LITEFS_OPTIONS_SHAPE,
    apiPort: true,
    clusterDomain: true,
    labels: true,
    podAnnotations: true,
    resources: { requests: { cpu: true, memory: true }, limits: { cpu: true, memory: true } },
    imagePullPolicy: true,
    imagePullSecrets: true,
};

export interface AppPlan {
    readonly name: string;
    readonly names: AppNames;
    readonly namespace: string;
    readonly createNamespace: boolean;
    readonly replicas: number;
    readonly image: pulumi.Input<string>;
    readonly port: number;
    readonly apiPort: number;
    readonly command: string;
    readonly migrate?: string;
    readonly database: string;
    readonly storage: { readonly size: string; readonly storageClassName?: string };
    readonly env: Readonly<Record<string, pulumi.Input<string>>>;
    /** The proxy's port and its litefs.yml settings (kebab-case), when the proxy is on. */
    readonly proxy?: { readonly port: number; readonly settings: Readonly<Record<string, unknown>> };
    /** The caller's LiteFS settings, already in litefs.yml form. */
    readonly litefs: Readonly<Record<string, unknown>>;
    readonly dataDir: string;
    readonly fuseDir: string;
    readonly configDir: string;
    readonly selectorLabels: Readonly<Record<string, string>>;
    /** Selector labels plus the caller's labels. */
    readonly labels: Readonly<Record<string, string>>;
    readonly podAnnotations: Readonly<Record<string, string>>;
    readonly resources?: ResourcesArgs;
    readonly imagePullPolicy?: string;
    readonly imagePullSecrets: readonly string[];
}

export type PlanResult = { ok: true; plan: AppPlan; warnings: string[] } | { ok: false; problems: Problem[] };

/** Validates everything about the arguments that can be known before deploy, and resolves defaults. */
export function planApp(name: string, args: LiteFsAppArgs): PlanResult {
    const problems: Problem[] = [];
    problems.push(...rules.dnsLabel(name, "name", MAX_NAME_LENGTH, true));
    if (typeof args !== "object" || args === null)
        return { ok: false, problems: [...problems, { path: "args", message: "must be an object of LiteFsApp arguments." }] };
    // `proxy` and `litefs` are checked by their converters, which know LiteFS's keys.
    const { proxy: _proxy, litefs: _litefs, ...plainArgs } = args;
    problems.push(...unknownKeys(plainArgs, ARGS_SHAPE, "args"));

    const namespace = args.namespace ?? name;
    problems.push(...rules.dnsLabel(namespace, "args.namespace"));
    const clusterDomain = args.clusterDomain ?? DEFAULTS.clusterDomain;
    problems.push(...rules.dnsSubdomain(clusterDomain, "args.clusterDomain"));
    if (args.createNamespace !== undefined && typeof args.createNamespace !== "boolean")
        problems.push({ path: "args.createNamespace", message: "must be true or false." });

    const replicas = args.replicas ?? DEFAULTS.replicas;
    if (!Number.isInteger(replicas) || replicas < 1)
        problems.push({
            path: "args.replicas",
            message: `must be a whole number of at least 1 (pod-0 is the primary), got ${JSON.stringify(replicas)}.`,
        });

    problems.push(...imageProblems(args.image));
    const apiPort = args.apiPort ?? DEFAULT_API_PORT;
    const proxyPort = args.proxy ? (args.proxy.port ?? DEFAULTS.proxyPort) : undefined;
    problems.push(...portProblems({ "args.port": args.port, "args.apiPort": apiPort, "args.proxy.port": proxyPort }));

    problems.push(...checkExecCommand(args.command, "args.command"));
    if (args.migrate !== undefined) problems.push(...checkExecCommand(args.migrate, "args.migrate"));

    const database = args.database ?? DEFAULTS.database;
    problems.push(...databaseProblems(database));

    const storageSize = args.storage?.size ?? DEFAULTS.storageSize;
    problems.push(...rules.quantity(storageSize, "args.storage.size", "5Gi"));
    if (args.storage?.storageClassName !== undefined)
        problems.push(...rules.dnsSubdomain(args.storage.storageClassName, "args.storage.storageClassName"));

    problems.push(...envProblems(args.env));
    problems.push(...rules.labels(args.labels, "args.labels"));
    const selector = selectorLabels(name);
    for (const key of Object.keys(args.labels ?? {}))
        if (Object.hasOwn(selector, key))
            problems.push({ path: `args.labels.${key}`, message: "is a selector label that pulumi-litefs sets; selectors are immutable.", fix: "use another label name." });
    problems.push(...rules.stringMap(args.podAnnotations, "args.podAnnotations"));
    problems.push(...resourcesProblems(args.resources));
    if (args.imagePullPolicy !== undefined && !["Always", "IfNotPresent", "Never"].includes(args.imagePullPolicy))
        problems.push({ path: "args.imagePullPolicy", message: `must be "Always", "IfNotPresent" or "Never", got ${JSON.stringify(args.imagePullPolicy)}.` });
    for (const [i, secret] of (args.imagePullSecrets ?? []).entries())
        problems.push(...rules.dnsSubdomain(secret, `args.imagePullSecrets[${i}]`));

    const litefs = litefsOptionsToConfig(args.litefs, problems);
    const proxySettings = args.proxy ? proxyArgsToConfig(args.proxy, problems) : undefined;
    const dataDir = (args.litefs?.data?.dir ?? DEFAULTS.dataDir).replace(/\/+$/, "");
    const fuseDir = (args.litefs?.fuse?.dir ?? DEFAULTS.fuseDir).replace(/\/+$/, "");
    problems.push(...directoryProblems(dataDir, fuseDir));

    if (problems.length === 0) {
        const names = appNames(name, namespace, clusterDomain);
        const fqdn = names.podFqdn(replicas - 1);
        if (fqdn.length > 253)
            problems.push({
                path: "args.namespace",
                message: `makes the pod DNS name ${fqdn} ${fqdn.length} characters long; DNS names may have at most 253.`,
                fix: "shorten the instance name, the namespace or the cluster domain.",
            });
    }
    if (problems.length > 0) return { ok: false, problems };

    const plan: AppPlan = {
        name,
        names: appNames(name, namespace, clusterDomain),
        namespace,
        createNamespace: args.createNamespace ?? true,
        replicas,
        image: args.image,
        port: args.port,
        apiPort,
        command: args.command,
        migrate: args.migrate,
        database,
        storage: { size: storageSize, storageClassName: args.storage?.storageClassName },
        env: args.env ?? {},
        proxy: proxyPort === undefined ? undefined : { port: proxyPort, settings: proxySettings ?? {} },
        litefs,
        dataDir,
        fuseDir,
        configDir: DEFAULTS.configDir,
        selectorLabels: selector,
        labels: { ...args.labels, ...selector },
        podAnnotations: args.podAnnotations ?? {},
        resources: args.resources,
        imagePullPolicy: args.imagePullPolicy,
        imagePullSecrets: args.imagePullSecrets ?? [],
    };
    return { ok: true, plan, warnings: typeof args.image === "string" ? imageWarnings(args.image) : [] };
}

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/** Warnings for an image reference that is not pinned by digest. */
export function imageWarnings(image: string): string[] {
    if (DIGEST.test(image)) return [];
    return [
        `image "${image}" is not pinned by digest (@sha256:…). With a mutable tag, pushing a new image under the same tag ` +
            "is not a change Pulumi can see, so `pulumi up` does nothing and pods may run different builds. " +
            "Deploy the digest your build pushed, e.g. ghcr.io/org/app@sha256:<digest> (docker/build-push-action's `digest` output).",
    ];
}

function imageProblems(image: unknown): Problem[] {
    if (image === undefined || image === null || image === "")
        return [{ path: "args.image", message: "is required: the app image that contains litefs and fuse3.", fix: 'e.g. "ghcr.io/org/app@sha256:…".' }];
    if (typeof image === "string" && /\s/.test(image))
        return [{ path: "args.image", message: `must not contain whitespace, got ${JSON.stringify(image)}.` }];
    return [];
}

function portProblems(ports: Record<string, unknown>): Problem[] {
    const problems: Problem[] = [];
    const seen = new Map<unknown, string>();
    for (const [path, value] of Object.entries(ports)) {
        if (value === undefined && path !== "args.port") continue;
        const found = rules.port(value, path);
        problems.push(...found);
        if (found.length > 0) continue;
        const other = seen.get(value);
        if (other)
            problems.push({ path, message: `is ${value}, the same port as ${other}; each must be distinct.`, fix: `choose another port for ${path}.` });
        seen.set(value, path);
    }
    return problems;
}

function databaseProblems(database: unknown): Problem[] {
    if (typeof database !== "string" || !/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(database))
        return [
            {
                path: "args.database",
                message: `must be a plain file name (LiteFS has no subdirectories), got ${JSON.stringify(database)}.`,
                fix: 'e.g. "sqlite.db".',
            },
        ];
    if (/-(wal|shm|journal|pos|lock)$/.test(database))
        return [{ path: "args.database", message: "ends in a suffix LiteFS uses for its own files next to each database." }];
    return [];
}

function envProblems(env: unknown): Problem[] {
    if (env === undefined) return [];
    if (typeof env !== "object" || env === null || Array.isArray(env))
        return [{ path: "args.env", message: "must be a map of variable names to values." }];
    const problems: Problem[] = [];
    for (const [key, value] of Object.entries(env)) {
        const path = `args.env.${key}`;
        problems.push(...rules.envName(key, path));
        if (Object.hasOwn(RESERVED_ENV, key)) problems.push({ path, ...RESERVED_ENV[key] });
        if (typeof value === "number" || typeof value === "boolean")
            problems.push({ path, message: `must be a string; Kubernetes refuses ${typeof value} env values.`, fix: `write "${value}".` });
        else if (value === undefined || value === null) problems.push({ path, message: "has no value." });
    }
    return problems;
}

function resourcesProblems(resources: ResourcesArgs | undefined): Problem[] {
    const problems: Problem[] = [];
    for (const kind of ["requests", "limits"] as const) {
        const list = resources?.[kind];
        if (list?.cpu !== undefined) problems.push(...rules.quantity(list.cpu, `args.resources.${kind}.cpu`, "500m"));
        if (list?.memory !== undefined) problems.push(...rules.quantity(list.memory, `args.resources.${kind}.memory`, "512Mi"));
    }
    return problems;
}

function directoryProblems(dataDir: string, fuseDir: string): Problem[] {
    const problems = [...rules.absolutePath(dataDir, "args.litefs.data.dir"), ...rules.absolutePath(fuseDir, "args.litefs.fuse.dir")];
    if (problems.length > 0) return problems;
    if (rules.isWithin(dataDir, fuseDir) || rules.isWithin(fuseDir, dataDir))
        problems.push({
            path: "args.litefs.fuse.dir",
            message: `("${fuseDir}") and data.dir ("${dataDir}") must be separate directories, neither inside the other: LiteFS mounts FUSE over fuse.dir and keeps the real files, on the persistent volume, in data.dir.`,
            fix: 'keep the defaults: fuse.dir "/litefs", data.dir "/var/lib/litefs".',
        });
    for (const [path, dir] of [
        ["args.litefs.data.dir", dataDir],
        ["args.litefs.fuse.dir", fuseDir],
    ])
        if (rules.isWithin(dir, DEFAULTS.configDir) || rules.isWithin(DEFAULTS.configDir, dir))
            problems.push({ path, message: `overlaps ${DEFAULTS.configDir}, where pulumi-litefs writes litefs.yml.`, fix: "choose another directory." });
    return problems;
}
