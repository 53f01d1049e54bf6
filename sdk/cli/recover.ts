/** `pulumi-litefs recover`: the commands that fix a replica stuck on "different cluster id", filled in. */
import type { LiteFsAppArgs } from "../args";
import { DEFAULTS } from "../plan/defaults";
import { planNames } from "../plan/names";
import { planStorage } from "../plan/storage";
import { recoveryCommands } from "../recovery";
import { formatProblem } from "../validation/problem";
import { parseCommandLine } from "./command-line";

export const RECOVER_USAGE = `Usage: pulumi-litefs recover <name> [--namespace ns] [--replicas n] [--database file] [--data-dir dir] [--api-port port]

Prints the commands that fix "cannot stream from primary with a different cluster id" for the LiteFsApp
<name> (its instance name), with pods and PVCs filled in. Pass the values the app was given; each
defaults as LiteFsApp's argument does.

      --namespace ns       the app's namespace (default: <name>)
      --replicas n         number of pods (default: ${DEFAULTS.replicas})
      --database file      the database file name (default: ${DEFAULTS.database})
      --data-dir dir       litefs.data.dir (default: ${DEFAULTS["litefs.data.dir"]})
      --api-port port      apiPort (default: ${DEFAULTS.apiPort})
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

/** A flag's value as the argument would be given: digits become a number, anything else stays text for the rules to refuse. */
function numberOrText(value: string | undefined): number | string | undefined {
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : value;
}

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
    const flag = (key: string) => {
        const value = cli.values[key];
        return typeof value === "string" ? value : undefined;
    };
    // The flags as LiteFsApp arguments, checked by the plan modules that own them (names and ports, storage).
    // The command is text from a shell, so the values are unknown until those rules have checked them.
    const given: Record<string, unknown> = {
        namespace: flag("namespace"),
        replicas: numberOrText(flag("replicas")),
        database: flag("database"),
        apiPort: numberOrText(flag("api-port")),
        litefs: flag("data-dir") === undefined ? undefined : { data: { dir: flag("data-dir") } },
    };
    const args: LiteFsAppArgs = { image: "", port: 0, command: "", ...given };
    const ctx = { name: cli.positionals[0] };
    const names = planNames(args, ctx);
    const storage = planStorage(args, ctx);
    const problems = [...names.problems, ...storage.problems].filter((p) => Object.hasOwn(FLAGS, p.path));
    if (problems.length > 0) {
        for (const p of problems) process.stderr.write(`pulumi-litefs recover: ${formatProblem({ ...p, path: FLAGS[p.path] })}\n`);
        return 1;
    }
    const { name, namespace, replicas, apiPort } = names.value;
    const { database, dataDir } = storage.value;
    process.stdout.write(`${recoveryCommands({ name, namespace, replicas, database, dataDir, apiPort }).join("\n")}\n`);
    return 0;
}
