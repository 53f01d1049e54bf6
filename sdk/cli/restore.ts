/** `pulumi-litefs restore`: the commands that restore an app's database from its backups, filled in. */
import type { LiteFsAppArgs } from "../args";
import { restoreCommands, shellWord, snapshotDir } from "../backup/restore-commands";
import { backupTarget, type BackupTarget } from "../backup/target";
import { planBackup } from "../plan/backup";
import { DEFAULTS } from "../plan/defaults";
import { nameProblems, planNames } from "../plan/names";
import { planStorage } from "../plan/storage";
import { ARGS_FILE_EXTENSION, planArgsFile, readArgsFile } from "../render/args-file";
import { type FileProblem, formatFileProblem, formatProblem, type Problem } from "../validation/problem";
import { numberOrText, parseCommandLine } from "./command-line";
import type { CliIo } from "./io";

export const RESTORE_USAGE = `Usage: pulumi-litefs restore <args-file> [--snapshot latest|path]
       pulumi-litefs restore <name> --destination remote:path --rclone-config-secret name [options]

Prints the commands that restore a LiteFsApp's database from its backups: list the snapshots, save pod-0's
current database, then a one-off Job that checks the snapshot, brings it into the live journal mode and
imports it into pod-0. Give the app's args file (app.yaml or app.json, as render takes, with its backup
argument), or its instance name and the values it was given; each flag defaults as LiteFsApp's argument does.

      --snapshot s                 latest (default), or a snapshot's path as the listing prints it
      --destination remote:path    backup.destination
      --rclone-config-secret name  backup.rcloneConfigSecret
      --namespace ns               the app's namespace (default: <name>)
      --replicas n                 number of pods (default: ${DEFAULTS.replicas})
      --database file              the database file name (default: ${DEFAULTS.database})
      --api-port port              apiPort (default: ${DEFAULTS.apiPort})
      --cluster-domain domain      clusterDomain (default: ${DEFAULTS.clusterDomain})
      --image image                backup.image (default: ${DEFAULTS["backup.image"]})
      --sqlite-image image         backup.sqliteImage (default: ${DEFAULTS["backup.sqliteImage"]})
      --curl-image image           backup.curlImage (default: ${DEFAULTS["backup.curlImage"]})
`;

/** Where each LiteFsApp argument the command reads comes from on its command line. */
const FLAGS: Record<string, string> = {
    name: "<name>",
    "args.namespace": "--namespace",
    "args.replicas": "--replicas",
    "args.database": "--database",
    "args.apiPort": "--api-port",
    "args.clusterDomain": "--cluster-domain",
    "args.backup.destination": "--destination",
    "args.backup.rcloneConfigSecret": "--rclone-config-secret",
    "args.backup.image": "--image",
    "args.backup.sqliteImage": "--sqlite-image",
    "args.backup.curlImage": "--curl-image",
};

/** The flags that describe the app, as opposed to `--snapshot`, which says what to restore. */
const APP_FLAGS = Object.values(FLAGS)
    .filter((flag) => flag.startsWith("--"))
    .map((flag) => flag.slice(2));

type Found = { ok: true; target: BackupTarget } | { ok: false; problems: (Problem | FileProblem)[] };

/** The app as its args file describes it (all its rules, as render checks them), every problem at its line. */
function fromArgsFile(file: string): Found {
    const read = readArgsFile(file);
    if (!read.ok) return read;
    const result = planArgsFile(read.argsFile);
    if (!result.ok) return result;
    const target = backupTarget(result.plan);
    if (target) return { ok: true, target };
    return {
        ok: false,
        problems: [
            {
                rule: "cli-usage",
                file,
                path: "args.backup",
                message: "is not set: this app has no backups to restore from.",
                fix: "add the backup argument the stack uses (schedule, destination, rcloneConfigSecret).",
            },
        ],
    };
}

/** The app as the flags describe it, problems named by flag. */
function fromFlags(name: string, flag: (key: string) => string | undefined): Found {
    // The command is text from a shell, so the values are unknown until the plan modules that own them check them.
    const given: Record<string, unknown> = {
        namespace: flag("namespace"),
        replicas: numberOrText(flag("replicas")),
        database: flag("database"),
        apiPort: numberOrText(flag("api-port")),
        clusterDomain: flag("cluster-domain"),
        backup: {
            schedule: "@daily",
            destination: flag("destination"),
            rcloneConfigSecret: flag("rclone-config-secret"),
            image: flag("image"),
            sqliteImage: flag("sqlite-image"),
            curlImage: flag("curl-image"),
        },
    };
    const args: LiteFsAppArgs = { image: "", port: 0, command: "", ...given };
    const ctx = { name };
    const names = planNames(args, ctx);
    const storage = planStorage(args, ctx);
    const backup = planBackup(args, ctx);
    const problems = [...nameProblems(name), ...names.problems, ...storage.problems, ...backup.problems]
        .filter((p) => Object.hasOwn(FLAGS, p.path))
        .map((p) => ({ ...p, path: FLAGS[p.path] }));
    const target =
        problems.length === 0 &&
        backupTarget({
            ...names.value,
            database: storage.value.database,
            imagePullSecrets: [],
            labels: {},
            backup: backup.value,
        });
    return target ? { ok: true, target } : { ok: false, problems };
}

/**
 * Why `--snapshot` names no snapshot the restore Job can fetch, if it does not. The Job joins it to
 * `<destination>/<database>/` (restore-fetch.sh), so only a path relative to that, as step 1's listing prints it,
 * works: an absolute path or a remote path would be looked for where no snapshot is.
 */
function snapshotRefusal(snapshot: string, target: BackupTarget): string | undefined {
    const dir = snapshotDir(target);
    const belowDir = (path: string) => path !== "" && !/[\s'"\\:]|^\/|(^|\/)\.\.?(\/|$)/.test(path);
    if (belowDir(snapshot)) return undefined;
    // The part after the snapshot directory is what the listing prints for it; anything else is a guess, so: latest.
    const tail = [`${dir}/`, `/${target.database}/`]
        .map((prefix) => snapshot.split(prefix))
        .find((parts) => parts.length > 1)
        ?.at(-1);
    const suggestion = tail !== undefined && belowDir(tail) ? tail : "latest";
    const why =
        snapshot === ""
            ? "it is empty"
            : snapshot.startsWith("/")
              ? `it is an absolute path, but the Job looks for it below ${dir}/`
              : snapshot.includes(":")
                ? "it is a remote path: the Job reads the backup's destination only"
                : 'it has a "." or ".." part, a space, a quote or a backslash';
    return (
        `--snapshot must be latest or a snapshot's path relative to ${dir}/ as step 1's listing prints it; got ${JSON.stringify(snapshot)}: ${why}. ` +
        `Fix: --snapshot ${shellWord(suggestion)} (a local file must be copied there first: rclone copy <file> ${dir}/).`
    );
}

export async function restoreCommand(argv: string[], io: CliIo): Promise<number> {
    const options = Object.fromEntries(["snapshot", ...APP_FLAGS].map((key) => [key, { type: "string" as const }]));
    const cli = parseCommandLine(argv, RESTORE_USAGE, options, io);
    if (typeof cli === "number") return cli;
    if (cli.positionals.length !== 1) {
        io.err(RESTORE_USAGE);
        return 2;
    }
    const flag = (key: string) => {
        const value = cli.values[key];
        return typeof value === "string" ? value : undefined;
    };
    const [input] = cli.positionals;
    // An instance name is a DNS label, so it never ends in .yaml or .json: such an input is an args file.
    const isArgsFile = ARGS_FILE_EXTENSION.test(input);
    const appFlags = APP_FLAGS.filter((key) => flag(key) !== undefined);
    if (isArgsFile && appFlags.length > 0) {
        const given = appFlags.map((f) => `--${f}`).join(", ");
        io.err(`pulumi-litefs restore: ${given} cannot be combined with an args file, which already holds the app's values.\n`);
        return 2;
    }
    const found = isArgsFile ? fromArgsFile(input) : fromFlags(input, flag);
    if (!found.ok) {
        for (const p of found.problems) io.err(`pulumi-litefs restore: ${"file" in p ? formatFileProblem(p) : formatProblem(p)}\n`);
        return 1;
    }
    const snapshot = flag("snapshot") ?? "latest";
    const refusal = snapshotRefusal(snapshot, found.target);
    if (refusal) {
        io.err(`pulumi-litefs restore: ${refusal}\n`);
        return 2;
    }
    io.out(`${restoreCommands(found.target, snapshot).join("\n")}\n`);
    return 0;
}
