/**
 * Storage and directories: the database file, each pod's volume, and LiteFS's data and FUSE directories.
 * data.dir is on the persistent volume by construction: the claim is mounted at data.dir itself, so the only
 * ways to lose it are directories that overlap the FUSE mount or the config emptyDir, refused here.
 */
import { type LiteFsAppArgs, StorageAccessMode } from "../args";
import { LITEFS_CONFIG_DIR, LITEFS_FILE_SUFFIXES } from "../litefs/facts";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { DEFAULTS } from "./defaults";
import type { PlanContext, Planned, StorageSettings } from "./model";
import { shown } from "../validation/values";

export interface StoragePlan {
    readonly database: string;
    readonly storage: StorageSettings;
    readonly dataDir: string;
    /** LiteFS's fuse.dir: where the app opens the database. */
    readonly fuseDir: string;
    /**
     * Where the FUSE emptyDir is mounted: fuse.dir itself in embedded mode; in sidecar mode the volume the two
     * containers share, with fuse.dir a subdirectory of it (`SIDECAR_MOUNT_SUBDIR`).
     */
    readonly fuseVolumeDir: string;
    readonly configDir: string;
}

/** Top-level directories a volume must not be mounted over. */
const SYSTEM_DIRS = ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/run", "/sbin", "/sys", "/usr", "/var"];

export function planStorage(args: LiteFsAppArgs, ctx: PlanContext): Planned<StoragePlan> {
    const { database, dataDir, fuseDir, fuseVolumeDir, configDir } = ctx.basics;
    const size = args.storage?.size ?? DEFAULTS["storage.size"];
    const storageClassName = args.storage?.storageClassName;
    const problems = [
        ...databaseProblems(database, fuseDir),
        ...rules.volumeSize(size, "args.storage.size", "storage-size", "5Gi", "storage-size-positive"),
        ...(storageClassName === undefined ? [] : rules.dnsSubdomain(storageClassName, "args.storage.storageClassName", "storage-class")),
        // The directory the caller wrote: in sidecar mode LiteFS mounts below it.
        ...directoryProblems(dataDir, fuseVolumeDir),
        ...accessModesProblems(args.storage?.accessModes),
        ...rules.stringMap(args.storage?.annotations, "args.storage.annotations", "storage-metadata"),
        ...rules.labels(args.storage?.labels, "args.storage.labels", "storage-metadata"),
        ...Object.keys(args.storage?.labels ?? {})
            .filter((key) => Object.hasOwn(ctx.basics.selectorLabels, key))
            .map((key) => ({
                rule: "storage-metadata" as const,
                path: `args.storage.labels.${key}`,
                message: "is a selector label that pulumi-litefs sets on every claim.",
                fix: "use another label name.",
            })),
    ];
    const storage: StorageSettings = {
        size,
        storageClassName,
        accessModes: (args.storage?.accessModes ?? [DEFAULTS["storage.accessModes"]]).filter(isAccessMode),
        annotations: args.storage?.annotations ?? {},
        labels: args.storage?.labels ?? {},
    };
    return { value: { database, storage, dataDir, fuseDir, fuseVolumeDir, configDir }, problems };
}

const isAccessMode = (mode: string): mode is StorageAccessMode => (Object.values(StorageAccessMode) as string[]).includes(mode);

/** Each pod's own volume: a mode another pod could also mount would let two LiteFS nodes share data. */
function accessModesProblems(modes: unknown): Problem[] {
    if (modes === undefined) return [];
    if (!Array.isArray(modes) || modes.length === 0)
        return [
            {
                rule: "storage-access-modes",
                path: "args.storage.accessModes",
                message: `must be a non-empty list, got ${shown(modes)}.`,
                fix: '["ReadWriteOnce"].',
            },
        ];
    return modes.flatMap((mode, i): Problem[] =>
        mode === "ReadWriteMany" || mode === "ReadOnlyMany"
            ? [
                  {
                      rule: "storage-access-modes",
                      path: `args.storage.accessModes[${i}]`,
                      message: `is "${mode}": a volume many pods can mount, usually a network file system. Each pod's LiteFS data must be its own, and SQLite's locking is not safe on network file systems.`,
                      fix: 'use "ReadWriteOnce" (or "ReadWriteOncePod"), on a block storage class.',
                  },
              ]
            : rules.oneOf(mode, `args.storage.accessModes[${i}]`, "storage-access-modes", Object.values(StorageAccessMode)),
    );
}

function databaseProblems(database: unknown, fuseDir: unknown): Problem[] {
    if (typeof database !== "string" || !/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(database)) {
        // "/data/app.db": the name is the last part; the app finds it in the FUSE directory.
        const base = typeof database === "string" ? database.split("/").filter(Boolean).pop() : undefined;
        const name = base !== undefined && /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(base) ? base : "app.db";
        const dir = typeof fuseDir === "string" ? fuseDir : DEFAULTS["litefs.fuse.dir"];
        return [
            {
                rule: "database-name",
                path: "args.database",
                message: `must be a plain file name: LiteFS keeps every database directly in its FUSE directory (fuse.dir), with no subdirectories; got ${shown(database)}.`,
                fix: `write database: "${name}"; the app then opens ${dir}/${name} (fuse.dir and the name, also given to the app as $LITEFS_DATABASE_PATH).`,
                suggestion: { path: "args.database", value: name },
            },
        ];
    }
    if (LITEFS_FILE_SUFFIXES.some((suffix) => database.endsWith(suffix)))
        return [
            {
                rule: "database-suffix",
                path: "args.database",
                message: `ends in a suffix (${LITEFS_FILE_SUFFIXES.join(", ")}) LiteFS uses for its own files next to each database, got ${shown(database)}.`,
                fix: `e.g. "${DEFAULTS.database}".`,
                suggestion: { path: "args.database", value: DEFAULTS.database },
            },
        ];
    return [];
}

function directoryProblems(dataDir: unknown, fuseDir: unknown): Problem[] {
    const problems = [
        ...rules.absolutePath(dataDir, "args.litefs.data.dir", "dir-absolute", DEFAULTS["litefs.data.dir"]),
        ...rules.absolutePath(fuseDir, "args.litefs.fuse.dir", "dir-absolute", DEFAULTS["litefs.fuse.dir"]),
    ];
    if (problems.length > 0 || typeof dataDir !== "string" || typeof fuseDir !== "string") return problems;
    if (rules.isWithin(dataDir, fuseDir) || rules.isWithin(fuseDir, dataDir))
        problems.push({
            rule: "fuse-dir-data-dir",
            path: "args.litefs.fuse.dir",
            message: `("${fuseDir}") and data.dir ("${dataDir}") must be separate directories, neither inside the other: LiteFS mounts FUSE over fuse.dir and keeps the real files, on the persistent volume, in data.dir.`,
            fix: `keep the defaults: fuse.dir "${DEFAULTS["litefs.fuse.dir"]}", data.dir "${DEFAULTS["litefs.data.dir"]}".`,
        });
    for (const [path, dir, fallback] of [
        ["args.litefs.data.dir", dataDir, DEFAULTS["litefs.data.dir"]],
        ["args.litefs.fuse.dir", fuseDir, DEFAULTS["litefs.fuse.dir"]],
    ]) {
        if (rules.isWithin(dir, LITEFS_CONFIG_DIR) || rules.isWithin(LITEFS_CONFIG_DIR, dir))
            problems.push({
                rule: "dir-config-overlap",
                path,
                message: `overlaps ${LITEFS_CONFIG_DIR}, where pulumi-litefs writes litefs.yml.`,
                fix: "choose another directory.",
            });
        else if (SYSTEM_DIRS.includes(dir))
            problems.push({
                rule: "dir-system",
                path,
                message: `is ${dir}: a volume mounted there hides the image's own ${dir} (or the kernel's), and the container cannot start.`,
                fix: `use a directory of its own, e.g. "${fallback}".`,
                suggestion: { path, value: fallback },
            });
    }
    return problems;
}
