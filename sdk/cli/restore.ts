/** `pulumi-litefs restore`: the commands that restore an app's database from its backups, filled in. */
import { snapshotDir } from "../backup/layout";
import { backupTarget, type BackupTarget, type RestoreSource, targetSnapshotDir } from "../backup/target";
import { restoreCommands, restoreDrillCommands } from "../k8s/restore-commands";
import { shellWord } from "../shell-loop";
import { formatFileProblem } from "../validation/problem";
import { remotePathError } from "../validation/rclone";
import { appFlagOptions, appFlags, appFlagUsage, readAppSource } from "./app-source";
import { parseCommandLine } from "./command-line";
import type { CliIo } from "./io";

/** The flags that stand for LiteFsApp arguments. */
const FLAGS = appFlags(
    "destination",
    "rclone-config-secret",
    "namespace",
    "replicas",
    "database",
    "api-port",
    "cluster-domain",
    "image",
    "sqlite-image",
    "curl-image",
);

export const RESTORE_USAGE = `Usage: pulumi-litefs restore <args-file> [--snapshot latest|path] [--verify] [--from-app ns/name | --snapshot-dir remote:path]
       pulumi-litefs restore <name> --destination remote:path --rclone-config-secret name [options]

Prints the commands that restore a LiteFsApp's database from its backups: list the snapshots, save pod-0's
current database, then a one-off Job that checks the snapshot, brings it into the live journal mode, imports
it into pod-0 and checks that every pod has applied it. Give the app's args file (app.yaml or app.json, as
render takes, with its backup argument), or its instance name and the values it was given; each flag defaults
as LiteFsApp's argument does.

      --snapshot s                 latest (default), or a snapshot's path as the listing prints it
      --verify                     a restore drill instead: restore the snapshot into a scratch file, check it
                                   and print its row counts per table and its transaction id; the live database
                                   is never touched
      --from-app ns/name           read the snapshots of another app under the same destination (disaster
                                   recovery into a new namespace); its folder is <destination>/<ns>/<name>/<database>
      --snapshot-dir remote:path   read the snapshots from this folder instead (e.g. the
                                   <destination>/<database> folder earlier versions wrote)
${appFlagUsage(FLAGS, 29)}`;

/**
 * Why `--snapshot` names no snapshot the restore Job can fetch, if it does not. The Job joins it to the snapshot
 * folder `dir` (restore-fetch.sh), so only a path relative to that, as step 1's listing prints it, works: an
 * absolute path or a remote path would be looked for where no snapshot is.
 */
function snapshotRefusal(snapshot: string, dir: string, database: string): string | undefined {
    const belowDir = (path: string) => path !== "" && !/[\s'"\\:]|^\/|(^|\/)\.\.?(\/|$)/.test(path);
    if (belowDir(snapshot)) return undefined;
    // The part after the snapshot directory is what the listing prints for it; anything else is a guess, so: latest.
    const tail = [`${dir}/`, `/${database}/`]
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
    const options = {
        snapshot: { type: "string" as const },
        "from-app": { type: "string" as const },
        "snapshot-dir": { type: "string" as const },
        verify: { type: "boolean" as const },
        ...appFlagOptions(FLAGS),
    };
    const cli = parseCommandLine(argv, RESTORE_USAGE, options, io);
    if (typeof cli === "number") return cli;
    // From flags the backup is always given: its destination and Secret are required flags.
    const app = readAppSource("restore", RESTORE_USAGE, cli, FLAGS, io, { backup: {} });
    if (!app.ok) return app.code;
    const target = backupTarget(app.parts);
    if (!target) {
        io.err(
            `pulumi-litefs restore: ${formatFileProblem({
                rule: "cli-usage",
                file: cli.positionals[0],
                path: "args.backup",
                message: "is not set: this app has no backups to restore from.",
                fix: "add the backup argument the stack uses (schedule, destination, rcloneConfigSecret).",
            })}\n`,
        );
        return 1;
    }
    const snapshot = typeof cli.values.snapshot === "string" ? cli.values.snapshot : "latest";
    const flag = (key: string) => {
        const value = cli.values[key];
        return typeof value === "string" ? value : undefined;
    };
    const from = sourceFolder(target, flag("from-app"), flag("snapshot-dir"));
    if (typeof from === "object") {
        io.err(`pulumi-litefs restore: ${from.error}\n`);
        return 2;
    }
    const refusal = snapshotRefusal(snapshot, from ?? targetSnapshotDir(target), target.database);
    if (refusal) {
        io.err(`pulumi-litefs restore: ${refusal}\n`);
        return 2;
    }
    const source: RestoreSource = { snapshot, ...(from !== undefined && { from }) };
    const lines = cli.values.verify === true ? restoreDrillCommands(target, source) : restoreCommands(target, source);
    io.out(`${lines.join("\n")}\n`);
    return 0;
}
/**
 * The folder to read snapshots from when it is not the app's own: another app's under the same destination
 * (`--from-app ns/name`, through the one layout), or any rclone path (`--snapshot-dir`).
 */
function sourceFolder(target: BackupTarget, fromApp: string | undefined, dir: string | undefined): string | undefined | { error: string } {
    if (fromApp !== undefined && dir !== undefined) return { error: "give --from-app or --snapshot-dir, not both." };
    if (fromApp !== undefined) {
        const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/.exec(fromApp);
        if (!match)
            return {
                error: `--from-app must be <namespace>/<name> of the app whose snapshots to read, e.g. prod/abaci-app, got ${JSON.stringify(fromApp)}.`,
            };
        return snapshotDir({ destination: target.destination, namespace: match[1], name: match[3], database: target.database });
    }
    if (dir !== undefined && (remotePathError(dir) !== undefined || /[\s'"\\]/.test(dir)))
        return {
            error: `--snapshot-dir must be an rclone remote path such as s3:my-bucket/backups/prod/app/sqlite.db, got ${JSON.stringify(dir)}.`,
        };
    return dir;
}
