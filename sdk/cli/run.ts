/**
 * The pulumi-litefs command line as a function: `main.ts` runs it for the binary, tests and `npm run bench`
 * run it in-process. Each command lives in its own file; this one only dispatches.
 *   render   the Kubernetes objects (and litefs.yml files) a LiteFsApp creates, offline
 *   doctor   lints a Dockerfile, a litefs.yml, a project folder and an image reference for LiteFS traps
 *   recover  prints the commands that fix a replica stuck on "different cluster id"
 *   restore  prints the commands that restore the database from its backups
 *   promote  prints (or runs) the switchover procedure that makes another pod the primary
 * Nothing here loads @pulumi/pulumi: only `render` of a compiled program does, when it runs it.
 */
import { closest } from "../validation/problem";
import { doctorCommand } from "./doctor";
import { type CliIo, processIo } from "./io";
import { packageJson } from "./package-info";
import { promoteCommand } from "./promote";
import { recoverCommand } from "./recover";
import { renderCommand } from "./render";
import { restoreCommand } from "./restore";

export const USAGE = `Usage: pulumi-litefs <command> [options]

Commands:
  render   print, offline, the Kubernetes objects a LiteFsApp creates (and each pod's litefs.yml)
  doctor   check a Dockerfile, a litefs.yml, a project folder or an image reference for LiteFS traps
  recover  print the commands that fix a replica stuck on "different cluster id", filled in for an app
  restore  print the commands that restore an app's database from its backups (latest or a chosen snapshot)
  promote  print (or run, --execute) the switchover procedure that makes another pod the primary

Options:
  -h, --help      this help; pulumi-litefs <command> --help for a command's options
  -v, --version   the pulumi-litefs version
`;

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
    render: renderCommand,
    doctor: doctorCommand,
    recover: recoverCommand,
    restore: restoreCommand,
    promote: promoteCommand,
};

/** Runs one command line (without `node` and the script) and resolves to its exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
    const [command, ...rest] = argv;
    if (command !== undefined && Object.hasOwn(COMMANDS, command)) return COMMANDS[command](rest, io);
    if (command === "--help" || command === "-h") {
        io.out(USAGE);
        return 0;
    }
    if (command === "--version" || command === "-v") {
        io.out(`${packageJson().version}\n`);
        return 0;
    }
    if (command !== undefined) {
        const guess = closest(command, Object.keys(COMMANDS));
        const what = command.startsWith("-") ? "option" : "command";
        io.err(`pulumi-litefs: unknown ${what} "${command}"${guess ? `; did you mean "${guess}"?` : "."}\n\n`);
    }
    io.err(USAGE);
    return 2;
}
