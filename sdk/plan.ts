/**
 * Turns raw `LiteFsAppArgs` into a validated, fully defaulted plan. Pure: no Pulumi resources, no I/O.
 * The component, the CLI and the tests all start here, so a rule or a default exists in one place only.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { FuseAccessArgs, LiteFsAppArgs, ResourcesArgs, SecretKeyRefArgs } from "./args";
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
    dataProtection: "retain",
    fuseMode: "privileged",
    /** smarter-device-manager's name for /dev/fuse, the plugin the FUSE-without-privileged guides use. */
    fuseDeviceResource: "smarter-devices/fuse",
} as const;

/** `dataProtection` values; see `LiteFsAppArgs.dataProtection`. */
export const DATA_PROTECTION = ["retain", "protect", "none"] as const;
export type DataProtection = (typeof DATA_PROTECTION)[number];

/** `fuseAccess.mode` values; see `FuseAccessArgs.mode`. */
export const FUSE_MODES = ["privileged", "devicePlugin"] as const;

/**
 * Pod names must fit DNS labels, and the StatefulSet controller labels every pod with
 * `controller-revision-hash: <name>-<10-character hash>`, a label value of at most 63 characters. With
 * replicas capped at int32, `<name>-<ordinal>` (at most 52 + 1 + 10) and `<name>-headless` fit DNS labels too.
 */
export const MAX_NAME_LENGTH = 52;
const MAX_REPLICAS = 2 ** 31 - 1;

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
    secretEnv: true,
    proxy: PROXY_SHAPE,
    litefs: LITEFS_OPTIONS_SHAPE,
    apiPort: true,
    clusterDomain: true,
    labels: true,
    podAnnotations: true,
    resources: { requests: { cpu: true, memory: true }, limits: { cpu: true, memory: true } },
    imagePullPolicy: true,
    imagePullSecrets: true,
    dataProtection: true,
    networkPolicy: true,
    serviceAccountName: true,
    fuseAccess: { mode: true, deviceResource: true, appArmorUnconfined: true },
};

/** How the LiteFS container gets /dev/fuse. */
export type FuseAccess =
    | { readonly mode: "privileged" }
    | { readonly mode: "devicePlugin"; readonly deviceResource: string; readonly appArmorUnconfined: boolean };

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
    readonly secretEnv: Readonly<Record<string, SecretKeyRefArgs>>;
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
    readonly dataProtection: DataProtection;
    readonly networkPolicy: boolean;
    readonly serviceAccountName?: string;
    readonly fuseAccess: FuseAccess;
}

export type PlanResult = { ok: true; plan: AppPlan; warnings: string[] } | { ok: false; problems: Problem[] };

/** Validates everything about the arguments that can be known before deploy, and resolves defaults. */
export function planApp(name: string, args: LiteFsAppArgs): PlanResult {
    const problems: Problem[] = [];
    problems.push(...rules.dnsLabel(name, "name", MAX_NAME_LENGTH, true));
    if (typeof args !== "object" || args === null)
        return {
            ok: false,
            problems: [...problems, { path: "args", message: "must be an object of LiteFsApp arguments.", fix: "pass { image, port, command, … }." }],
        };
    // `proxy` and `litefs` are checked by their converters, which know LiteFS's keys.
    const { proxy: _proxy, litefs: _litefs, ...plainArgs } = args;
    problems.push(...unknownKeys(plainArgs, ARGS_SHAPE, "args"));

    const namespace = args.namespace ?? name;
    problems.push(...rules.dnsLabel(namespace, "args.namespace"));
    const clusterDomain = args.clusterDomain ?? DEFAULTS.clusterDomain;
    problems.push(...rules.dnsSubdomain(clusterDomain, "args.clusterDomain", true));
    for (const key of ["createNamespace", "networkPolicy"] as const) problems.push(...rules.boolean(args[key], `args.${key}`));

    const replicas = args.replicas ?? DEFAULTS.replicas;
    if (!Number.isInteger(replicas) || replicas < 1 || replicas > MAX_REPLICAS)
        problems.push({
            path: "args.replicas",
            message: `must be a whole number of at least 1 (pod-0 is the primary), got ${JSON.stringify(replicas)}.`,
            fix: typeof replicas === "string" && /^\d+$/.test(replicas) ? `write the number unquoted: ${replicas}.` : "e.g. 2: pod-0, the primary, and one replica.",
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
    problems.push(...rules.positiveQuantity(storageSize, "args.storage.size", "5Gi"));
    if (args.storage?.storageClassName !== undefined)
        problems.push(...rules.dnsSubdomain(args.storage.storageClassName, "args.storage.storageClassName"));

    problems.push(...envProblems(args.env, args.secretEnv));
    problems.push(...rules.labels(args.labels, "args.labels"));
    const selector = selectorLabels(name);
    for (const key of Object.keys(args.labels ?? {}))
        if (Object.hasOwn(selector, key))
            problems.push({ path: `args.labels.${key}`, message: "is a selector label that pulumi-litefs sets; selectors are immutable.", fix: "use another label name." });
    problems.push(...rules.stringMap(args.podAnnotations, "args.podAnnotations"));
    problems.push(...resourcesProblems(args.resources));
    if (args.imagePullPolicy !== undefined) problems.push(...rules.oneOf(args.imagePullPolicy, "args.imagePullPolicy", ["Always", "IfNotPresent", "Never"]));
    for (const [i, secret] of (args.imagePullSecrets ?? []).entries())
        problems.push(...rules.dnsSubdomain(secret, `args.imagePullSecrets[${i}]`));
    const dataProtection = args.dataProtection ?? DEFAULTS.dataProtection;
    problems.push(...rules.oneOf(dataProtection, "args.dataProtection", DATA_PROTECTION));
    if (args.serviceAccountName !== undefined) problems.push(...rules.dnsSubdomain(args.serviceAccountName, "args.serviceAccountName"));
    const fuseAccess = fuseAccessPlan(args.fuseAccess, problems);

    const litefs = litefsOptionsToConfig(args.litefs, problems);
    const proxySettings = args.proxy ? proxyArgsToConfig(args.proxy, problems) : undefined;
    const dataDir = trimDir(args.litefs?.data?.dir ?? DEFAULTS.dataDir);
    const fuseDir = trimDir(args.litefs?.fuse?.dir ?? DEFAULTS.fuseDir);
    problems.push(...directoryProblems(dataDir, fuseDir));

    if (problems.length === 0) {
        const fqdn = appNames(name, namespace, clusterDomain).podFqdn(replicas - 1);
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
        secretEnv: args.secretEnv ?? {},
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
        dataProtection: dataProtection as DataProtection,
        networkPolicy: args.networkPolicy ?? true,
        serviceAccountName: args.serviceAccountName,
        fuseAccess: fuseAccess as FuseAccess,
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
        return [{ path: "args.image", message: `must not contain whitespace, got ${JSON.stringify(image)}.`, fix: `e.g. "${image.trim().split(/\s+/)[0]}".` }];
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
        return [
            {
                path: "args.database",
                message: `ends in a suffix (-wal, -shm, -journal, -pos, -lock) LiteFS uses for its own files next to each database, got ${JSON.stringify(database)}.`,
                fix: 'e.g. "sqlite.db".',
            },
        ];
    return [];
}

function isMap(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `env` and `secretEnv` together: one container environment, so one name may appear once. */
function envProblems(env: unknown, secretEnv: unknown): Problem[] {
    const problems: Problem[] = [];
    for (const [arg, value] of [
        ["env", env],
        ["secretEnv", secretEnv],
    ] as const)
        if (value !== undefined && !isMap(value))
            problems.push({
                path: `args.${arg}`,
                message: "must be a map of variable names to values.",
                fix: arg === "env" ? '{ NODE_ENV: "production" }.' : '{ API_KEY: { secretName: "app-keys", key: "api" } }.',
            });
    if (problems.length > 0) return problems;
    for (const [key, value] of Object.entries(env ?? {})) {
        const path = `args.env.${key}`;
        problems.push(...envNameProblems(key, path));
        if (typeof value === "number" || typeof value === "boolean")
            problems.push({ path, message: `must be a string; Kubernetes refuses ${typeof value} env values.`, fix: `write "${value}".` });
        else if (value === undefined || value === null) problems.push({ path, message: "has no value.", fix: 'give it a value (an empty string is "") or remove it.' });
    }
    for (const [key, ref] of Object.entries(secretEnv ?? {})) {
        const path = `args.secretEnv.${key}`;
        problems.push(...envNameProblems(key, path));
        if (Object.hasOwn(env ?? {}, key))
            problems.push({
                path,
                message: `is also set in args.env.${key}; a container has one value per variable.`,
                fix: `keep one of args.env.${key} and args.secretEnv.${key}.`,
            });
        problems.push(...secretKeyRefProblems(ref, path));
    }
    return problems;
}

function envNameProblems(key: string, path: string): Problem[] {
    return [...rules.envName(key, path), ...(Object.hasOwn(RESERVED_ENV, key) ? [{ path, ...RESERVED_ENV[key] }] : [])];
}

function secretKeyRefProblems(ref: unknown, path: string): Problem[] {
    const shape: Shape<SecretKeyRefArgs> = { secretName: true, key: true, optional: true };
    if (!isMap(ref))
        return [{ path, message: "must be a Secret reference.", fix: '{ secretName: "app-keys", key: "api" } (the Secret must exist in the namespace).' }];
    return [
        ...unknownKeys(ref, shape, path),
        ...rules.dnsSubdomain(ref.secretName, `${path}.secretName`),
        ...rules.configKey(ref.key, `${path}.key`),
        ...rules.boolean(ref.optional, `${path}.optional`),
    ];
}

/** The FUSE mode and its settings; settings that only the device-plugin mode reads are refused otherwise. */
function fuseAccessPlan(args: FuseAccessArgs | undefined, problems: Problem[]): FuseAccess | undefined {
    const mode = args?.mode ?? DEFAULTS.fuseMode;
    const found = rules.oneOf(mode, "args.fuseAccess.mode", FUSE_MODES);
    if (mode !== "devicePlugin")
        for (const key of ["deviceResource", "appArmorUnconfined"] as const)
            if (args?.[key] !== undefined)
                found.push({
                    path: `args.fuseAccess.${key}`,
                    message: `only applies with fuseAccess.mode "devicePlugin", and the mode is ${JSON.stringify(mode)}.`,
                    fix: 'set fuseAccess.mode: "devicePlugin", or remove it.',
                });
    const deviceResource = args?.deviceResource ?? DEFAULTS.fuseDeviceResource;
    found.push(...rules.qualifiedName(deviceResource, "args.fuseAccess.deviceResource", "extended resource name (<domain>/<name>)", DEFAULTS.fuseDeviceResource, true));
    found.push(...rules.boolean(args?.appArmorUnconfined, "args.fuseAccess.appArmorUnconfined"));
    problems.push(...found);
    if (found.length > 0) return undefined;
    return mode === "devicePlugin" ? { mode, deviceResource, appArmorUnconfined: args?.appArmorUnconfined ?? true } : { mode: "privileged" };
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

/** Top-level directories a volume must not be mounted over. */
const SYSTEM_DIRS = ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/run", "/sbin", "/sys", "/usr", "/var"];

/** A directory without trailing slashes; anything else is left for the path rule to refuse. */
function trimDir(dir: unknown): string {
    return typeof dir === "string" ? dir.replace(/\/+$/, "") : (dir as string);
}

/**
 * data.dir is on the persistent volume by construction: the claim is mounted at data.dir itself, so the
 * only ways to lose it are directories that overlap the FUSE mount or the config emptyDir, refused here.
 */
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
    ]) {
        if (rules.isWithin(dir, DEFAULTS.configDir) || rules.isWithin(DEFAULTS.configDir, dir))
            problems.push({ path, message: `overlaps ${DEFAULTS.configDir}, where pulumi-litefs writes litefs.yml.`, fix: "choose another directory." });
        else if (SYSTEM_DIRS.includes(dir))
            problems.push({
                path,
                message: `is ${dir}: a volume mounted there hides the image's own ${dir} (or the kernel's), and the container cannot start.`,
                fix: `use a directory of its own, e.g. "${path.endsWith("data.dir") ? DEFAULTS.dataDir : DEFAULTS.fuseDir}".`,
            });
    }
    return problems;
}
