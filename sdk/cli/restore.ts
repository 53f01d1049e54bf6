/** `pulumi-litefs restore`: the commands that restore an app's database from its backups, filled in. */
import { restoreCommands } from "../k8s/restore-commands";
import { backupTarget } from "../backup/target";
import { DEFAULTS } from "../plan/defaults";
import { formatFileProblem } from "../validation/problem";
import { type AppFlag, appFlagOptions, readAppSource } from "./app-source";
import { parseCommandLine } from "./command-line";
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

/** The flags that stand for LiteFsApp arguments. */
const FLAGS: readonly AppFlag[] = [
    { flag: "namespace", path: "args.namespace" },
    { flag: "replicas", path: "args.replicas", number: true },
    { flag: "database", path: "args.database" },
    { flag: "api-port", path: "args.apiPort", number: true },
    { flag: "cluster-domain", path: "args.clusterDomain" },
    { flag: "destination", path: "args.backup.destination" },
    { flag: "rclone-config-secret", path: "args.backup.rcloneConfigSecret" },
    { flag: "image", path: "args.backup.image" },
    { flag: "sqlite-image", path: "args.backup.sqliteImage" },
    { flag: "curl-image", path: "args.backup.curlImage" },
];

export async function restoreCommand(argv: string[], io: CliIo): Promise<number> {
    const cli = parseCommandLine(argv, RESTORE_USAGE, { snapshot: { type: "string" }, ...appFlagOptions(FLAGS) }, io);
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
    if (snapshot === "" || /[\s'"\\]|(^|\/)\.\.?(\/|$)/.test(snapshot)) {
        io.err(
            `pulumi-litefs restore: --snapshot must be latest or a snapshot's path below <destination>/<database>/ as the listing prints it, got ${JSON.stringify(snapshot)}.\n`,
        );
        return 2;
    }
    io.out(`${restoreCommands(target, snapshot).join("\n")}\n`);
    return 0;
}
