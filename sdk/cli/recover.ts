/** `pulumi-litefs recover`: the commands that fix a replica stuck on "different cluster id", filled in. */
import { DEFAULT_API_PORT } from "../naming";
import { DEFAULTS, planApp } from "../plan";
import { recoveryCommands, recoveryTarget } from "../recovery";
import { formatProblem } from "../validation/problem";
import { parseCommandLine } from "./command-line";

export const RECOVER_USAGE = `Usage: pulumi-litefs recover <name> [--namespace ns] [--replicas n] [--database file] [--data-dir dir] [--api-port port]

Prints the commands that fix "cannot stream from primary with a different cluster id" for the LiteFsApp
<name> (its instance name), with pods and PVCs filled in. Pass the values the app was given; each
defaults as LiteFsApp's argument does.

      --namespace ns       the app's namespace (default: <name>)
      --replicas n         number of pods (default: ${DEFAULTS.replicas})
      --database file      the database file name (default: ${DEFAULTS.database})
      --data-dir dir       litefs.data.dir (default: ${DEFAULTS.dataDir})
      --api-port port      apiPort (default: ${DEFAULT_API_PORT})
`;

/** Where each LiteFsApp argument the command reads comes from on its command line. */
const FLAGS: Record<string, string> = {
    name: "<name>",
    "args.namespace": "--namespace",
    "args.replicas": "--replicas",
    "args.database": "--database",
    "args.litefs.data.dir": "--data-dir",
    "args.apiPort": "--api-port",
};

export async function recoverCommand(argv: string[]): Promise<number> {
    const cli = parseCommandLine(argv, RECOVER_USAGE, {
        namespace: { type: "string" },
        replicas: { type: "string" },
        database: { type: "string" },
        "data-dir": { type: "string" },
        "api-port": { type: "string" },
    });
    if (typeof cli === "number") return cli;
    if (cli.positionals.length !== 1) {
        process.stderr.write(RECOVER_USAGE);
        return 2;
    }
    const flag = (key: string) => cli.values[key] as string | undefined;
    // Digits become numbers; anything else stays a string for the app's rules to refuse by name.
    const number = (value: string | undefined) =>
        value !== undefined && /^\d+$/.test(value) ? Number(value) : (value as unknown as number | undefined);
    const apiPort = number(flag("api-port")) ?? DEFAULT_API_PORT;
    // The app's own rules check the values; image, port and command are placeholders the commands never use.
    const result = planApp(cli.positionals[0], {
        image: "placeholder",
        port: apiPort === 1 ? 2 : 1,
        command: "placeholder",
        namespace: flag("namespace"),
        replicas: number(flag("replicas")),
        database: flag("database"),
        apiPort,
        litefs: flag("data-dir") === undefined ? undefined : { data: { dir: flag("data-dir") } },
    });
    if (!result.ok) {
        for (const p of result.problems)
            process.stderr.write(`pulumi-litefs recover: ${formatProblem({ ...p, path: FLAGS[p.path] ?? p.path })}\n`);
        return 1;
    }
    process.stdout.write(`${recoveryCommands(recoveryTarget(result.plan)).join("\n")}\n`);
    return 0;
}
