/**
 * The facts several plan modules need, resolved once from the arguments (defaults applied, nothing validated):
 * names, namespace, replicas, the ports, LiteFS's directories, the database and the pod's own layout. The
 * modules that own each argument validate it; the others read it from here instead of resolving it again.
 */
import type { LiteFsAppArgs } from "../args";
import { LITEFS_CONFIG_DIR, SIDECAR_MOUNT_SUBDIR } from "../litefs/facts";
import { type AppNames, appNames, selectorLabels } from "../naming";
import { isPlainObject, trimDir } from "../validation/values";
import { DEFAULTS } from "./defaults";
import { type LiteFsMode, type OwnLayout, ownLayout } from "./pod-layout";

export interface Basics {
    /** The instance name. */
    readonly name: string;
    readonly names: AppNames;
    readonly namespace: string;
    readonly clusterDomain: string;
    readonly replicas: number;
    /** The app's port. */
    readonly port: number;
    /** LiteFS's API port (`http.addr`). */
    readonly apiPort: number;
    /** The proxy's port, when the proxy is on. */
    readonly proxyPort?: number;
    /** The metrics sidecar's port, when metrics are on. */
    readonly metricsPort?: number;
    readonly database: string;
    /** LiteFS's data directory (on the persistent volume), without a trailing slash. */
    readonly dataDir: string;
    /** How LiteFS and the app share the pod: `liteFsSidecar` given (an object) means "sidecar". */
    readonly mode: LiteFsMode;
    /** LiteFS's FUSE mount directory (litefs.yml's fuse.dir), where the app opens the database, without a trailing slash. */
    readonly fuseDir: string;
    /**
     * Where the FUSE emptyDir is mounted: `litefs.fuse.dir` as written. In embedded mode that is fuse.dir itself;
     * in sidecar mode LiteFS mounts at `<it>/db` (SIDECAR_MOUNT_SUBDIR), never at the shared volume's root.
     */
    readonly fuseVolumeDir: string;
    /** Where the start-up script writes litefs.yml. */
    readonly configDir: string;
    readonly selectorLabels: Readonly<Record<string, string>>;
    /** pulumi-litefs's own containers and volumes, and the reserved table every clash check reads. */
    readonly layout: OwnLayout;
}

function validOrdinal(ordinal: unknown, replicas: unknown): number {
    return Number.isInteger(ordinal) && (ordinal as number) >= 0 && (ordinal as number) < (replicas as number) ? (ordinal as number) : 0;
}

const objectArg = <T extends object>(value: T | undefined): T | undefined => (isPlainObject(value) ? value : undefined);

/** Resolves the basics. Never fails: a wrong value is reported by the module that owns its argument. */
export function planBasics(args: LiteFsAppArgs, name: string): Basics {
    const namespace = args.namespace ?? name;
    const clusterDomain = args.clusterDomain ?? DEFAULTS.clusterDomain;
    const apiPort = args.apiPort ?? DEFAULTS.apiPort;
    const replicas = args.replicas ?? DEFAULTS.replicas;
    // From an args file `proxy: true` arrives as it is: only an object turns the proxy (or metrics) on.
    const proxy = objectArg(args.proxy);
    const metrics = objectArg(args.metrics);
    const proxyPort = proxy ? (proxy.port ?? DEFAULTS["proxy.port"]) : undefined;
    const metricsPort = metrics ? (metrics.port ?? DEFAULTS["metrics.port"]) : undefined;
    const mode: LiteFsMode = objectArg(args.liteFsSidecar) ? "sidecar" : "embedded";
    const fuseVolumeDir = trimDir(args.litefs?.fuse?.dir ?? DEFAULTS["litefs.fuse.dir"]);
    const set = new Set(
        (
            [
                ["args.port", args.port],
                ["args.apiPort", args.apiPort],
                ["args.proxy.port", proxy?.port],
                ["args.metrics.port", metrics?.port],
            ] as const
        )
            .filter(([, value]) => value !== undefined)
            .map(([path]) => path),
    );
    return {
        name,
        // primaryOrdinal is checked by the failover module; an invalid one leaves pod-0 here, in a plan never used.
        names: appNames(name, namespace, clusterDomain, validOrdinal(args.primaryOrdinal, replicas)),
        namespace,
        clusterDomain,
        replicas,
        port: args.port,
        apiPort,
        proxyPort,
        metricsPort,
        database: args.database ?? DEFAULTS.database,
        dataDir: trimDir(args.litefs?.data?.dir ?? DEFAULTS["litefs.data.dir"]),
        mode,
        fuseDir: mode === "sidecar" ? `${fuseVolumeDir}/${SIDECAR_MOUNT_SUBDIR}` : fuseVolumeDir,
        fuseVolumeDir,
        configDir: LITEFS_CONFIG_DIR,
        selectorLabels: selectorLabels(name),
        layout: ownLayout(
            { app: args.port, api: apiPort, proxy: proxyPort, metrics: metricsPort, set, labeller: objectArg(args.failover) !== undefined },
            mode,
            typeof args.migrate === "string",
        ),
    };
}
