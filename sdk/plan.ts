/**
 * Turns raw `LiteFsAppArgs` into a validated, fully defaulted plan. Pure: no Pulumi resources, no I/O.
 * The component, the CLI and the tests all start here, so a rule or a default exists in one place only.
 */
import type * as pulumi from "@pulumi/pulumi";
import type {
    FuseAccessArgs,
    GatewayRefArgs,
    HttpRouteArgs,
    LiteFsAppArgs,
    ProbesArgs,
    ProbeTimingArgs,
    ResourcesArgs,
    SecretKeyRefArgs,
    TolerationArgs,
} from "./args";
import { PROXY_HEALTH_PATH } from "./k8s/probes";
import { checkExecCommand } from "./litefs/exec";
import { LITEFS_OPTIONS_SHAPE, litefsOptionsToConfig, PROXY_SHAPE, proxyArgsToConfig } from "./litefs/options";
import { isDuration } from "./litefs/schema";
import { type AppNames, appNames, DEFAULT_API_PORT, selectorLabels } from "./naming";
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
    terminationGracePeriodSeconds: 30,
    preStopSleepSeconds: 5,
    minReadySeconds: 10,
    podAntiAffinity: "preferred",
    probes: {
        readiness: { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 3 },
        // Lenient: a liveness kill on pod-0 takes out the only writer.
        liveness: { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
        // One hour for the first sync of a large database (or pod-0's migrations) before a restart.
        startup: { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 360 },
    },
} as const;

/** `dataProtection` values; see `LiteFsAppArgs.dataProtection`. */
export const DATA_PROTECTION = ["retain", "protect", "none"] as const;
export type DataProtection = (typeof DATA_PROTECTION)[number];

/** `fuseAccess.mode` values; see `FuseAccessArgs.mode`. */
export const FUSE_MODES = ["privileged", "devicePlugin"] as const;

export const POD_ANTI_AFFINITIES = ["preferred", "required", "none"] as const;
export type PodAntiAffinity = (typeof POD_ANTI_AFFINITIES)[number];

/**
 * Pod names must fit DNS labels, and the StatefulSet controller labels every pod with
 * `controller-revision-hash: <name>-<10-character hash>`, a label value of at most 63 characters. With
 * replicas capped at MAX_REPLICAS, `<name>-<ordinal>` (at most 52 + 1 + 4) and `<name>-headless` fit DNS labels too.
 */
export const MAX_NAME_LENGTH = 52;
/**
 * Kubernetes supports clusters of at most 5,000 nodes ("Considerations for large clusters"), and a replica
 * beside another on the same node adds no availability; past that, one primary streaming every transaction
 * to thousands of replicas is the bottleneck, not the reads they serve.
 */
export const MAX_REPLICAS = 5000;

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
    LITEFS_PRIMARY_URL: {
        message:
            "is set by pulumi-litefs to the write Service's in-cluster URL (http://<name>-primary.<namespace>.svc.<domain>:<port>), where the app forwards writes.",
        fix: "remove it; read it in the app instead.",
    },
    LITEFS_CLOUD_TOKEN: {
        message: "turns on LiteFS Cloud backups, and LiteFS Cloud was retired on 2024-10-15: LiteFS would keep failing to reach it.",
        fix: "remove it.",
    },
};

const TIMING_SHAPE: Shape<ProbeTimingArgs> = {
    initialDelaySeconds: true,
    periodSeconds: true,
    timeoutSeconds: true,
    failureThreshold: true,
};
/** Elements of list arguments, which `ARGS_SHAPE` can only mark as leaves. */
const GATEWAY_REF_SHAPE: Shape<GatewayRefArgs> = { name: true, namespace: true, sectionName: true, port: true };
const TOLERATION_SHAPE: Shape<TolerationArgs> = { key: true, operator: true, value: true, effect: true, tolerationSeconds: true };

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
    probes: {
        readinessPath: true,
        replicasReadyWithoutPrimary: true,
        readiness: TIMING_SHAPE,
        liveness: TIMING_SHAPE,
        startup: TIMING_SHAPE,
    },
    httpRoute: { parentRefs: true, hostnames: true },
    terminationGracePeriodSeconds: true,
    preStopSleepSeconds: true,
    updatePartition: true,
    minReadySeconds: true,
    podAntiAffinity: true,
    nodeSelector: true,
    tolerations: true,
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
    readonly probes: ProbesPlan;
    /** The Gateway API route, when asked for. */
    readonly httpRoute?: { readonly parentRefs: readonly GatewayRefArgs[]; readonly hostnames: readonly string[] };
    readonly terminationGracePeriodSeconds: number;
    /** 0: no preStop hook. */
    readonly preStopSleepSeconds: number;
    readonly updatePartition: number;
    readonly minReadySeconds: number;
    readonly podAntiAffinity: PodAntiAffinity;
    readonly nodeSelector: Readonly<Record<string, string>>;
    readonly tolerations: readonly TolerationArgs[];
}

export type ProbeTiming = Readonly<Required<ProbeTimingArgs>>;

export interface ProbesPlan {
    /** Without the proxy: the app path readiness and startup check; a TCP check on the app port when absent. */
    readonly readinessPath?: string;
    readonly readiness: ProbeTiming;
    readonly liveness: ProbeTiming;
    readonly startup: ProbeTiming;
}

export type PlanResult = { ok: true; plan: AppPlan; warnings: string[] } | { ok: false; problems: Problem[] };

/** Validates everything about the arguments that can be known before deploy, and resolves defaults. */
export function planApp(name: string, args: LiteFsAppArgs): PlanResult {
    const problems: Problem[] = [];
    problems.push(...rules.dnsLabel(name, "name", MAX_NAME_LENGTH, true));
    if (typeof args !== "object" || args === null)
        return {
            ok: false,
            problems: [
                ...problems,
                { path: "args", message: "must be an object of LiteFsApp arguments.", fix: "pass { image, port, command, … }." },
            ],
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
            message: `must be a whole number of at least 1 (pod-0 is the primary) and at most ${MAX_REPLICAS}, got ${JSON.stringify(replicas)}.`,
            fix:
                typeof replicas === "string" && /^\d+$/.test(replicas)
                    ? `write the number unquoted: ${replicas}.`
                    : typeof replicas === "number" && replicas > MAX_REPLICAS
                      ? `at most ${MAX_REPLICAS}: Kubernetes supports at most 5,000 nodes and one primary streams to every replica.`
                      : "e.g. 2: pod-0, the primary, and one replica.",
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
            problems.push({
                path: `args.labels.${key}`,
                message: "is a selector label that pulumi-litefs sets; selectors are immutable.",
                fix: "use another label name.",
            });
    problems.push(...rules.stringMap(args.podAnnotations, "args.podAnnotations"));
    problems.push(...resourcesProblems(args.resources));
    if (args.imagePullPolicy !== undefined)
        problems.push(...rules.oneOf(args.imagePullPolicy, "args.imagePullPolicy", ["Always", "IfNotPresent", "Never"]));
    for (const [i, secret] of (args.imagePullSecrets ?? []).entries())
        problems.push(...rules.dnsSubdomain(secret, `args.imagePullSecrets[${i}]`));
    const dataProtection = args.dataProtection ?? DEFAULTS.dataProtection;
    problems.push(...rules.oneOf(dataProtection, "args.dataProtection", DATA_PROTECTION));
    if (args.serviceAccountName !== undefined) problems.push(...rules.dnsSubdomain(args.serviceAccountName, "args.serviceAccountName"));
    const fuseAccess = fuseAccessPlan(args.fuseAccess, problems);

    const litefs = litefsOptionsToConfig(args.litefs, problems);
    const proxySettings = args.proxy ? proxyArgsToConfig(args.proxy, problems) : undefined;
    if (proxySettings) problems.push(...passthroughProblems(proxySettings.passthrough));
    const probes = probesPlan(args.probes, args.proxy, problems);
    if (proxySettings && args.probes?.replicasReadyWithoutPrimary === true) proxySettings["max-lag"] = "0s";
    const httpRoute = args.httpRoute === undefined ? undefined : httpRoutePlan(args.httpRoute, problems);
    const lifecycle = lifecyclePlan(args, replicas, problems);
    const podAntiAffinity = args.podAntiAffinity ?? DEFAULTS.podAntiAffinity;
    problems.push(...rules.oneOf(podAntiAffinity, "args.podAntiAffinity", POD_ANTI_AFFINITIES));
    problems.push(...rules.labels(args.nodeSelector, "args.nodeSelector"));
    problems.push(...tolerationsProblems(args.tolerations));
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
        probes,
        httpRoute,
        ...lifecycle,
        podAntiAffinity: podAntiAffinity as PodAntiAffinity,
        nodeSelector: args.nodeSelector ?? {},
        tolerations: args.tolerations ?? [],
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
        return [
            {
                path: "args.image",
                message: "is required: the app image that contains litefs and fuse3.",
                fix: 'e.g. "ghcr.io/org/app@sha256:…".',
            },
        ];
    if (typeof image === "string" && /\s/.test(image))
        return [
            {
                path: "args.image",
                message: `must not contain whitespace, got ${JSON.stringify(image)}.`,
                fix: `e.g. "${image.trim().split(/\s+/)[0]}".`,
            },
        ];
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
            problems.push({
                path,
                message: `is ${value}, the same port as ${other}; each must be distinct.`,
                fix: `choose another port for ${path}.`,
            });
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
        else if (value === undefined || value === null)
            problems.push({ path, message: "has no value.", fix: 'give it a value (an empty string is "") or remove it.' });
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
        return [
            {
                path,
                message: "must be a Secret reference.",
                fix: '{ secretName: "app-keys", key: "api" } (the Secret must exist in the namespace).',
            },
        ];
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
    found.push(
        ...rules.qualifiedName(
            deviceResource,
            "args.fuseAccess.deviceResource",
            "extended resource name (<domain>/<name>)",
            DEFAULTS.fuseDeviceResource,
            true,
        ),
    );
    found.push(...rules.boolean(args?.appArmorUnconfined, "args.fuseAccess.appArmorUnconfined"));
    problems.push(...found);
    if (found.length > 0) return undefined;
    return mode === "devicePlugin"
        ? { mode, deviceResource, appArmorUnconfined: args?.appArmorUnconfined ?? true }
        : { mode: "privileged" };
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
            problems.push({
                path,
                message: `overlaps ${DEFAULTS.configDir}, where pulumi-litefs writes litefs.yml.`,
                fix: "choose another directory.",
            });
        else if (SYSTEM_DIRS.includes(dir))
            problems.push({
                path,
                message: `is ${dir}: a volume mounted there hides the image's own ${dir} (or the kernel's), and the container cannot start.`,
                fix: `use a directory of its own, e.g. "${path.endsWith("data.dir") ? DEFAULTS.dataDir : DEFAULTS.fuseDir}".`,
            });
    }
    return problems;
}

/**
 * LiteFS matches `passthrough` patterns before its health path (`*` is any text, anchored at both ends,
 * as in LiteFS's CompileMatch): a pattern that matches `/litefs/health` would send readiness to the app.
 */
function passthroughProblems(patterns: unknown): Problem[] {
    if (!Array.isArray(patterns)) return [];
    return patterns.flatMap((pattern: string, i) => {
        if (!liteFsGlob(pattern).test(PROXY_HEALTH_PATH)) return [];
        return [
            {
                path: `args.proxy.passthrough[${i}]`,
                message: `(${JSON.stringify(pattern)}) matches ${PROXY_HEALTH_PATH}, the proxy's health check that readiness uses; LiteFS would pass it to the app instead.`,
                fix: 'narrow the pattern, e.g. "/assets/*" instead of "*".',
            },
        ];
    });
}

/** LiteFS's CompileMatch: every character literal except `*`, which matches any text; the whole path must match. */
function liteFsGlob(pattern: string): RegExp {
    const literal = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${literal.join(".*")}$`);
}

function probesPlan(probes: ProbesArgs | undefined, proxy: unknown, problems: Problem[]): ProbesPlan {
    const timing = (kind: "readiness" | "liveness" | "startup"): ProbeTiming => {
        const given = Object.entries(probes?.[kind] ?? {}).filter(([, value]) => value !== undefined);
        const resolved: ProbeTiming = { ...DEFAULTS.probes[kind], ...Object.fromEntries(given) };
        const at = `args.probes.${kind}`;
        problems.push(...rules.wholeNumber(resolved.initialDelaySeconds, `${at}.initialDelaySeconds`, 0));
        for (const key of ["periodSeconds", "timeoutSeconds", "failureThreshold"] as const)
            problems.push(...rules.wholeNumber(resolved[key], `${at}.${key}`, 1));
        return resolved;
    };
    const readinessPath = probes?.readinessPath;
    if (readinessPath !== undefined) {
        if (proxy)
            problems.push({
                path: "args.probes.readinessPath",
                message: `is only used without the proxy; with the proxy on, readiness is the proxy's ${PROXY_HEALTH_PATH}, which answers only once the node has synced.`,
                fix: "remove readinessPath, or turn the proxy off.",
            });
        else if (typeof readinessPath !== "string" || !/^\/[\x21-\x7e]*$/.test(readinessPath))
            problems.push({
                path: "args.probes.readinessPath",
                message: `must be an HTTP path starting with "/", without spaces, got ${JSON.stringify(readinessPath)}.`,
                fix: 'e.g. "/healthz".',
            });
    }
    const readyWithoutPrimary = probes?.replicasReadyWithoutPrimary;
    if (readyWithoutPrimary !== undefined && typeof readyWithoutPrimary !== "boolean")
        problems.push(...rules.boolean(readyWithoutPrimary, "args.probes.replicasReadyWithoutPrimary"));
    else if (readyWithoutPrimary && !proxy)
        problems.push({
            path: "args.probes.replicasReadyWithoutPrimary",
            message:
                "only applies with the proxy on: it sets the proxy's max-lag. Without the proxy, readiness is the app's own check, which LiteFS does not fail when pod-0 is down.",
            fix: "remove it, or turn the proxy on.",
        });
    else if (readyWithoutPrimary) {
        const maxLag = (proxy as { maxLag?: unknown }).maxLag;
        if (maxLag !== undefined && !(isDuration(maxLag) && !/[1-9]/.test(maxLag)))
            problems.push({
                path: "args.proxy.maxLag",
                message: `(${JSON.stringify(maxLag)}) contradicts probes.replicasReadyWithoutPrimary, which sets max-lag to "0s" so replicas stay Ready without pod-0.`,
                fix: "remove one of the two.",
            });
    }
    return { readinessPath, readiness: timing("readiness"), liveness: timing("liveness"), startup: timing("startup") };
}

/** Gateway API hostnames: lowercase DNS names, optionally with a leading "*." wildcard; no IPs, ports or paths. */
const GATEWAY_HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function httpRoutePlan(route: HttpRouteArgs, problems: Problem[]): AppPlan["httpRoute"] {
    const found: Problem[] = [];
    const refs: unknown = route?.parentRefs;
    if (!Array.isArray(refs) || refs.length === 0 || refs.length > 32)
        found.push({
            path: "args.httpRoute.parentRefs",
            message: `must list 1 to 32 Gateways to attach the route to, got ${JSON.stringify(refs)}.`,
            fix: 'e.g. [{ name: "public", namespace: "gateway" }].',
        });
    else {
        const sections = new Map<string, string[]>();
        for (const [i, ref] of refs.entries()) {
            const at = `args.httpRoute.parentRefs[${i}]`;
            const keys = unknownKeys(ref, GATEWAY_REF_SHAPE, at);
            found.push(...keys);
            if (keys.length > 0 || typeof ref !== "object" || ref === null) continue;
            found.push(...rules.dnsSubdomain(ref.name, `${at}.name`));
            if (ref.namespace !== undefined) found.push(...rules.dnsLabel(ref.namespace, `${at}.namespace`));
            if (ref.sectionName !== undefined) found.push(...rules.dnsSubdomain(ref.sectionName, `${at}.sectionName`));
            if (ref.port !== undefined) found.push(...rules.port(ref.port, `${at}.port`));
            const gateway = `${ref.namespace ?? ""}/${ref.name}`;
            const section = `${ref.sectionName ?? ""}:${ref.port ?? ""}`;
            const seen = sections.get(gateway) ?? [];
            // The Gateway API refuses two references to one Gateway unless each names a distinct listener.
            if (seen.length > 0 && (section === ":" || seen.includes(section) || seen.includes(":")))
                found.push({
                    path: at,
                    message: `refers to Gateway ${ref.name} again; the Gateway API allows that only when every reference to it names a different sectionName or port.`,
                    fix: "merge the references, or give each a distinct sectionName.",
                });
            sections.set(gateway, [...seen, section]);
        }
    }
    const hostnames: unknown = route?.hostnames ?? [];
    if (!Array.isArray(hostnames) || hostnames.length > 16)
        found.push({
            path: "args.httpRoute.hostnames",
            message: `must be a list of at most 16 host names, got ${JSON.stringify(hostnames)}.`,
            fix: 'e.g. ["app.example.com"]; leave it out to answer every host name the Gateway accepts.',
        });
    else
        for (const [i, host] of hostnames.entries()) {
            const at = `args.httpRoute.hostnames[${i}]`;
            if (typeof host !== "string" || host.length > 253 || !GATEWAY_HOSTNAME.test(host) || /^[\d.]+$/.test(host))
                found.push({
                    path: at,
                    message: `must be a lowercase DNS name such as "app.example.com" or "*.example.com" (no IP address, scheme, port or path), got ${JSON.stringify(host)}.`,
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
                found.push({ path: at, message: `repeats ${JSON.stringify(host)}.`, fix: "list each host name once." });
        }
    problems.push(...found);
    if (found.length > 0) return undefined;
    return { parentRefs: refs as GatewayRefArgs[], hostnames: hostnames as string[] };
}

function lifecyclePlan(args: LiteFsAppArgs, replicas: number, problems: Problem[]) {
    const grace = args.terminationGracePeriodSeconds ?? DEFAULTS.terminationGracePeriodSeconds;
    const preStop = args.preStopSleepSeconds ?? DEFAULTS.preStopSleepSeconds;
    const partition = args.updatePartition ?? 0;
    const minReadySeconds = args.minReadySeconds ?? DEFAULTS.minReadySeconds;
    const found = [
        // Never 0: Kubernetes' StatefulSet docs call force-killing its pods unsafe, and LiteFS must unmount.
        ...rules.wholeNumber(grace, "args.terminationGracePeriodSeconds", 1),
        ...rules.wholeNumber(preStop, "args.preStopSleepSeconds", 0),
        ...rules.wholeNumber(minReadySeconds, "args.minReadySeconds", 0),
    ];
    if (Number.isInteger(replicas)) found.push(...rules.wholeNumber(partition, "args.updatePartition", 0, replicas));
    if (found.length === 0 && preStop >= grace)
        found.push({
            path: "args.preStopSleepSeconds",
            message: `(${preStop}) must be less than terminationGracePeriodSeconds (${grace}): the sleep counts against the grace period, and the app and LiteFS need time after it to stop and unmount.`,
            fix: `e.g. preStopSleepSeconds: 5 with terminationGracePeriodSeconds: ${Math.max(grace, 30)}.`,
        });
    problems.push(...found);
    return { terminationGracePeriodSeconds: grace, preStopSleepSeconds: preStop, updatePartition: partition, minReadySeconds };
}

function tolerationsProblems(tolerations: unknown): Problem[] {
    if (tolerations === undefined) return [];
    const found = rules.list(tolerations, "args.tolerations");
    if (found.length > 0) return found;
    for (const [i, t] of (tolerations as TolerationArgs[]).entries()) {
        const at = `args.tolerations[${i}]`;
        const keys = unknownKeys(t, TOLERATION_SHAPE, at);
        found.push(...keys);
        if (keys.length > 0 || typeof t !== "object" || t === null) continue;
        const operator = t.operator ?? "Equal";
        found.push(...rules.oneOf(operator, `${at}.operator`, ["Equal", "Exists"]));
        if (t.key !== undefined && t.key !== "" && !rules.isLabelName(t.key))
            found.push({
                path: `${at}.key`,
                message: `must be a taint key such as "dedicated" or "example.com/gpu", got ${JSON.stringify(t.key)}.`,
                fix: "copy the key from `kubectl describe node` (Taints).",
            });
        if ((t.key === undefined || t.key === "") && operator !== "Exists")
            found.push({
                path: `${at}.operator`,
                message: 'must be "Exists" when key is empty (that tolerates every taint).',
                fix: 'set a key, or operator: "Exists".',
            });
        if (operator === "Exists" && t.value !== undefined && t.value !== "")
            found.push({
                path: `${at}.value`,
                message: 'must be empty with operator "Exists", which matches any value.',
                fix: 'remove the value, or use operator "Equal".',
            });
        else if (t.value !== undefined && !rules.isLabelValue(t.value))
            found.push({
                path: `${at}.value`,
                message: `must be a label value (at most 63 letters, digits, "-", "_", "."), got ${JSON.stringify(t.value)}.`,
                fix: "copy the value from `kubectl describe node` (Taints).",
            });
        if (t.effect !== undefined) found.push(...rules.oneOf(t.effect, `${at}.effect`, ["NoSchedule", "PreferNoSchedule", "NoExecute"]));
        if (t.tolerationSeconds !== undefined) {
            found.push(...rules.wholeNumber(t.tolerationSeconds, `${at}.tolerationSeconds`, 0));
            if (t.effect !== "NoExecute")
                found.push({
                    path: `${at}.tolerationSeconds`,
                    message: 'applies only to effect "NoExecute" taints.',
                    fix: 'set effect: "NoExecute", or remove tolerationSeconds.',
                });
        }
    }
    return found;
}
