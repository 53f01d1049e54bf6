#!/usr/bin/env node
/**
 * The pulumi-litefs command line. Each command lives in its own file; this one only dispatches.
 *   render   the Kubernetes objects (and litefs.yml files) a LiteFsApp creates, offline
 *   doctor   lints a Dockerfile, a litefs.yml, a project folder and an image reference for LiteFS traps
 *   recover  prints the commands that fix a replica stuck on "different cluster id"
 *   restore  prints the commands that restore the database from its backups
 */
import { doctorCommand } from "./doctor";
import { recoverCommand } from "./recover";
import { renderCommand } from "./render";
import { restoreCommand } from "./restore";

const USAGE = `Usage: pulumi-litefs <command> [options]

Commands:
  render   print, offline, the Kubernetes objects a LiteFsApp creates (and each pod's litefs.yml)
  doctor   check a Dockerfile, a litefs.yml, a project folder or an image reference for LiteFS traps
  recover  print the commands that fix a replica stuck on "different cluster id", filled in for an app
  restore  print the commands that restore an app's database from its backups (latest or a chosen snapshot)

Run pulumi-litefs <command> --help for a command's options.
`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
    render: renderCommand,
    doctor: doctorCommand,
    recover: recoverCommand,
    restore: restoreCommand,
};

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command !== undefined && Object.hasOwn(COMMANDS, command)) return COMMANDS[command](rest);
    const help = command === undefined || command === "--help" || command === "-h";
    (help ? process.stdout : process.stderr).write(USAGE);
    return help ? 0 : 2;
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(`pulumi-litefs: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
    },
);
