/** `pulumi-litefs recover`: the commands that fix a replica stuck on "different cluster id", filled in. */
import { recoveryCommands, recoveryTarget } from "../recovery";
import { appFlagOptions, appFlags, appFlagUsage, readAppSource } from "./app-source";
import { parseCommandLine } from "./command-line";
import type { CliIo } from "./io";

/** The flags that stand for LiteFsApp arguments. */
const FLAGS = appFlags("namespace", "replicas", "database", "data-dir", "api-port");

export const RECOVER_USAGE = `Usage: pulumi-litefs recover <args-file>
       pulumi-litefs recover <name> [--namespace ns] [--replicas n] [--database file] [--data-dir dir] [--api-port port]

Prints the commands that fix "cannot stream from primary with a different cluster id" for one LiteFsApp,
with its pods and PVCs filled in. Give the app's args file (app.yaml or app.json, as render takes), or its
instance name and the values it was given; each flag defaults as LiteFsApp's argument does.

${appFlagUsage(FLAGS, 21)}`;

export async function recoverCommand(argv: string[], io: CliIo): Promise<number> {
    const cli = parseCommandLine(argv, RECOVER_USAGE, appFlagOptions(FLAGS), io);
    if (typeof cli === "number") return cli;
    const app = readAppSource("recover", RECOVER_USAGE, cli, FLAGS, io);
    if (!app.ok) return app.code;
    io.out(`${recoveryCommands(recoveryTarget(app.parts)).join("\n")}\n`);
    return 0;
}
