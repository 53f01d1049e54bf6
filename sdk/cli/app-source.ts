/**
 * The one reader of "which app" for the commands that print commands for an app (recover, restore, and later
 * promote): an args file (every rule, as render checks it), or an instance name and flags (each flag checked by
 * the rule of the argument it stands for, problems named by flag).
 */
import { type AppParts, planAppParts } from "../plan/command-parts";
import { DEFAULTS } from "../plan/defaults";
import { nameProblems } from "../plan/names";
import { ARGS_FILE_EXTENSION, planArgsFile, readArgsFile } from "../render/args-file";
import { formatFileProblem, formatProblem, type FileProblem, type Problem } from "../validation/problem";
import { type Cli, numberOrText } from "./command-line";
import type { CliIo } from "./io";

/** A flag that stands for an argument: `--replicas` for `args.replicas`; `number` flags are read as numbers. */
export interface AppFlag {
    readonly flag: string;
    readonly path: string;
    readonly number?: boolean;
    /** The value's placeholder in the usage text, e.g. `n`. */
    readonly value: string;
    /** The usage text's description, with the argument's default. */
    readonly help: string;
}

/** Every app flag, each written once: the commands pick theirs by name, and their usage lines come from here. */
const APP_FLAGS = {
    namespace: { path: "args.namespace", value: "ns", help: "the app's namespace (default: <name>)" },
    replicas: { path: "args.replicas", number: true, value: "n", help: `number of pods (default: ${DEFAULTS.replicas})` },
    "primary-ordinal": {
        path: "args.primaryOrdinal",
        number: true,
        value: "n",
        help: `the static primary now (default: ${DEFAULTS.primaryOrdinal})`,
    },
    candidates: {
        path: "args.failover.candidates",
        number: true,
        value: "n",
        help: "the app uses failover with n candidates (default: the static lease)",
    },
    database: { path: "args.database", value: "file", help: `the database file name (default: ${DEFAULTS.database})` },
    "data-dir": { path: "args.litefs.data.dir", value: "dir", help: `litefs.data.dir (default: ${DEFAULTS["litefs.data.dir"]})` },
    "fuse-dir": { path: "args.litefs.fuse.dir", value: "dir", help: `litefs.fuse.dir (default: ${DEFAULTS["litefs.fuse.dir"]})` },
    "api-port": { path: "args.apiPort", number: true, value: "port", help: `apiPort (default: ${DEFAULTS.apiPort})` },
    "cluster-domain": { path: "args.clusterDomain", value: "domain", help: `clusterDomain (default: ${DEFAULTS.clusterDomain})` },
    destination: { path: "args.backup.destination", value: "remote:path", help: "backup.destination" },
    "rclone-config-secret": { path: "args.backup.rcloneConfigSecret", value: "name", help: "backup.rcloneConfigSecret" },
    image: { path: "args.backup.image", value: "image", help: `backup.image (default: ${DEFAULTS["backup.image"]})` },
    "sqlite-image": {
        path: "args.backup.sqliteImage",
        value: "image",
        help: `backup.sqliteImage (default: ${DEFAULTS["backup.sqliteImage"]})`,
    },
    "curl-image": { path: "args.backup.curlImage", value: "image", help: `backup.curlImage (default: ${DEFAULTS["backup.curlImage"]})` },
} as const satisfies Record<string, Omit<AppFlag, "flag">>;

/** The named app flags, in that order. */
export function appFlags(...names: (keyof typeof APP_FLAGS)[]): readonly AppFlag[] {
    return names.map((flag) => ({ flag, ...APP_FLAGS[flag] }));
}

/** The flags' usage lines, descriptions starting `column` characters after the indent. */
export function appFlagUsage(flags: readonly AppFlag[], column: number): string {
    return flags.map((f) => `      ${`--${f.flag} ${f.value}`.padEnd(column)}${f.help}\n`).join("");
}

export type AppSource = { ok: true; parts: AppParts } | { ok: false; code: number };

/** The option definitions of the app flags, for `parseCommandLine`. */
export function appFlagOptions(flags: readonly AppFlag[]): Record<string, { type: "string" }> {
    return Object.fromEntries(flags.map((f) => [f.flag, { type: "string" as const }]));
}

/**
 * Reads the app of `command <args-file | name> [app flags]`, printing every problem; `code` is the exit code then.
 * `base` holds arguments a command implies from flags (restore: that the app has backups).
 */
export function readAppSource(
    command: string,
    usage: string,
    cli: Cli,
    flags: readonly AppFlag[],
    io: CliIo,
    base: Readonly<Record<string, unknown>> = {},
): AppSource {
    if (cli.positionals.length !== 1) {
        io.err(usage);
        return { ok: false, code: 2 };
    }
    const [input] = cli.positionals;
    const value = (flag: string) => {
        const given = cli.values[flag];
        return typeof given === "string" ? given : undefined;
    };
    const given = flags.filter((f) => value(f.flag) !== undefined);
    const report = (problems: readonly (Problem | FileProblem)[], code: number): AppSource => {
        for (const p of problems) io.err(`pulumi-litefs ${command}: ${"file" in p ? formatFileProblem(p) : formatProblem(p)}\n`);
        return { ok: false, code };
    };
    // An instance name is a DNS label, so it never ends in .yaml or .json: such an input is an args file.
    if (ARGS_FILE_EXTENSION.test(input)) {
        if (given.length > 0) {
            const names = given.map((f) => `--${f.flag}`).join(", ");
            io.err(`pulumi-litefs ${command}: ${names} cannot be combined with an args file, which already holds the app's values.\n`);
            return { ok: false, code: 2 };
        }
        const read = readArgsFile(input);
        if (!read.ok) return report(read.problems, 1);
        const planned = planArgsFile(read.argsFile);
        return planned.ok ? { ok: true, parts: planned.plan } : report(planned.problems, 1);
    }
    // The instance name is the command's operand: a wrong one is a usage error, refused before any flag is read.
    const named = nameProblems(input).map((p) => ({ ...p, path: "<name>" }));
    if (named.length > 0) return report(named, 2);
    const args: Record<string, unknown> = structuredClone({ ...base });
    for (const f of given) setPath(args, f.path.replace(/^args\./, "").split("."), f.number ? numberOrText(value(f.flag)) : value(f.flag));
    const byPath = new Map(flags.map((f) => [f.path, `--${f.flag}`]));
    // The command line is text from a shell: the values are unknown until the rules of their arguments check them.
    const planned = planAppParts(input, args, [...byPath.keys()]);
    if (!planned.ok)
        return report(
            planned.problems.map((p) => ({ ...p, path: byPath.get(p.path) ?? "<name>" })),
            1,
        );
    return planned;
}

function setPath(target: Record<string, unknown>, keys: readonly string[], value: unknown): void {
    const [key, ...rest] = keys;
    if (rest.length === 0) target[key] = value;
    else {
        const next = (target[key] ??= {}) as Record<string, unknown>;
        setPath(next, rest, value);
    }
}
