/**
 * Storage and directories: the database file, each pod's volume, and LiteFS's data and FUSE directories.
 * data.dir is on the persistent volume by construction: the claim is mounted at data.dir itself, so the only
 * ways to lose it are directories that overlap the FUSE mount or the config emptyDir, refused here.
 */
import type { LiteFsAppArgs } from "../args";
import { LITEFS_CONFIG_DIR, LITEFS_FILE_SUFFIXES } from "../litefs/facts";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { trimDir } from "../validation/values";
import { DEFAULTS } from "./defaults";
import type { PlanContext, Planned } from "./model";

export interface StoragePlan {
    readonly database: string;
    readonly storage: { readonly size: string; readonly storageClassName?: string };
    readonly dataDir: string;
    readonly fuseDir: string;
    readonly configDir: string;
}

/** Top-level directories a volume must not be mounted over. */
const SYSTEM_DIRS = ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/run", "/sbin", "/sys", "/usr", "/var"];

export function planStorage(args: LiteFsAppArgs, _ctx: PlanContext): Planned<StoragePlan> {
    const database = args.database ?? DEFAULTS.database;
    const size = args.storage?.size ?? DEFAULTS["storage.size"];
    const storageClassName = args.storage?.storageClassName;
    const dataDir = trimDir(args.litefs?.data?.dir ?? DEFAULTS["litefs.data.dir"]);
    const fuseDir = trimDir(args.litefs?.fuse?.dir ?? DEFAULTS["litefs.fuse.dir"]);
    const problems = [
        ...databaseProblems(database),
        ...rules.positiveQuantity(size, "args.storage.size", "storage-size", "5Gi", "storage-size-positive"),
        ...(storageClassName === undefined ? [] : rules.dnsSubdomain(storageClassName, "args.storage.storageClassName", "storage-class")),
        ...directoryProblems(dataDir, fuseDir),
    ];
    return {
        value: { database, storage: { size, storageClassName }, dataDir, fuseDir, configDir: LITEFS_CONFIG_DIR },
        problems,
    };
}

function databaseProblems(database: unknown): Problem[] {
    if (typeof database !== "string" || !/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(database))
        return [
            {
                rule: "database-name",
                path: "args.database",
                message: `must be a plain file name (LiteFS has no subdirectories), got ${JSON.stringify(database)}.`,
                fix: 'e.g. "sqlite.db".',
            },
        ];
    if (LITEFS_FILE_SUFFIXES.some((suffix) => database.endsWith(suffix)))
        return [
            {
                rule: "database-suffix",
                path: "args.database",
                message: `ends in a suffix (${LITEFS_FILE_SUFFIXES.join(", ")}) LiteFS uses for its own files next to each database, got ${JSON.stringify(database)}.`,
                fix: 'e.g. "sqlite.db".',
            },
        ];
    return [];
}

function directoryProblems(dataDir: unknown, fuseDir: unknown): Problem[] {
    const problems = [
        ...rules.absolutePath(dataDir, "args.litefs.data.dir", "dir-absolute"),
        ...rules.absolutePath(fuseDir, "args.litefs.fuse.dir", "dir-absolute"),
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
            });
    }
    return problems;
}
