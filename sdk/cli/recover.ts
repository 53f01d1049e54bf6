/** `pulumi-litefs recover`: the commands that fix a replica stuck on "different cluster id", filled in. */
import { DEFAULTS } from "../plan/defaults";
import { recoveryCommands, recoveryTarget } from "../recovery";
import { type AppFlag, appFlagOptions, readAppSource } from "./app-source";
import { parseCommandLine } from "./command-line";
import type { CliIo } from "./io";

export const RECOVER_USAGE = `Usage: pulumi-litefs recover <args-file>
       pulumi-litefs recover <name> [--namespace ns] [--replicas n] [--database file] [--data-dir dir] [--api-port port]

Prints the commands that fix "cannot stream from primary with a different cluster id" for one LiteFsApp,
with its pods and PVCs filled in. Give the app's args file (app.yaml or app.json, as render takes), or its
instance name and the values it was given; each flag defaults as LiteFsApp's argument does.

      --namespace ns       the app's namespace (default: <name>)
      --replicas n         number of pods (default: ${DEFAULTS.replicas})
      --database file      the database file name (default: ${DEFAULTS.database})
      --data-dir dir       litefs.data.dir (default: ${DEFAULTS["litefs.data.dir"]})
      --api-port port      apiPort (default: ${DEFAULTS.apiPort})
`;

/** The flags that stand for LiteFsApp arguments. */
const FLAGS: readonly AppFlag[] = [
    { flag: "namespace", path: "args.namespace" },
    { flag: "replicas", path: "args.replicas", number: true },
    { flag: "database", path: "args.database" },
    { flag: "data-dir", path: "args.litefs.data.dir" },
    { flag: "api-port", path: "args.apiPort", number: true },
];

export async function recoverCommand(argv: string[], io: CliIo): Promise<number> {
    const cli = parseCommandLine(argv, RECOVER_USAGE, appFlagOptions(FLAGS), io);
    if (typeof cli === "number") return cli;
    const app = readAppSource("recover", RECOVER_USAGE, cli, FLAGS, io);
    if (!app.ok) return app.code;
    io.out(`${recoveryCommands(recoveryTarget(app.parts)).join("\n")}\n`);
    return 0;
}
