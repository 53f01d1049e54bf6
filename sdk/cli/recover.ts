/** `pulumi-litefs recover`: the commands that fix a replica stuck on "different cluster id", filled in. */
import { DEFAULT_API_PORT } from "../naming";
import { type AppPlan, DEFAULTS, planApp } from "../plan";
import { recoveryCommands, recoveryTarget } from "../recovery";
import { ARGS_FILE_EXTENSION, planArgsFile, readArgsFile } from "../render/args-file";
import { type FileProblem, formatFileProblem, formatProblem, type Problem } from "../validation/problem";
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

type Planned = { ok: true; plan: AppPlan } | { ok: false; problems: (Problem | FileProblem)[] };

/** The app as its args file describes it, every problem located at its line. */
function fromArgsFile(file: string): Planned {
    const read = readArgsFile(file);
    return read.ok ? planArgsFile(read.argsFile) : read;
}

/** The app as the flags describe it, problems named by flag. */
function fromFlags(name: string, flag: (key: string) => string | undefined): Planned {
    // Digits become numbers; anything else stays a string for the app's rules to refuse by name.
    const number = (value: string | undefined) =>
        value !== undefined && /^\d+$/.test(value) ? Number(value) : (value as unknown as number | undefined);
    const apiPort = number(flag("api-port")) ?? DEFAULT_API_PORT;
    // The app's own rules check the values; image, port and command are placeholders the commands never use.
    const result = planApp(name, {
        image: "placeholder",
        port: apiPort === 1 ? 2 : 1,
        command: "placeholder",
        namespace: flag("namespace"),
        replicas: number(flag("replicas")),
        database: flag("database"),
        apiPort,
        litefs: flag("data-dir") === undefined ? undefined : { data: { dir: flag("data-dir") } },
    });
    return result.ok ? result : { ok: false, problems: result.problems.map((p) => ({ ...p, path: FLAGS[p.path] ?? p.path })) };
}

export async function recoverCommand(argv: string[], io: CliIo): Promise<number> {
    const cli = parseCommandLine(
        argv,
        RECOVER_USAGE,
        {
            namespace: { type: "string" },
            replicas: { type: "string" },
            database: { type: "string" },
            "data-dir": { type: "string" },
            "api-port": { type: "string" },
        },
        io,
    );
    if (typeof cli === "number") return cli;
    if (cli.positionals.length !== 1) {
        io.err(RECOVER_USAGE);
        return 2;
    }
    const [input] = cli.positionals;
    const flags = Object.keys(cli.values).filter((key) => key !== "help" && cli.values[key] !== undefined);
    // An instance name is a DNS label, so it never ends in .yaml or .json: such an input is an args file.
    const isArgsFile = ARGS_FILE_EXTENSION.test(input);
    if (isArgsFile && flags.length > 0) {
        const given = flags.map((f) => `--${f}`).join(", ");
        io.err(`pulumi-litefs recover: ${given} cannot be combined with an args file, which already holds the app's values.\n`);
        return 2;
    }
    const result = isArgsFile ? fromArgsFile(input) : fromFlags(input, (key) => cli.values[key] as string | undefined);
    if (!result.ok) {
        for (const p of result.problems) io.err(`pulumi-litefs recover: ${"file" in p ? formatFileProblem(p) : formatProblem(p)}\n`);
        return 1;
    }
    io.out(`${recoveryCommands(recoveryTarget(result.plan)).join("\n")}\n`);
    return 0;
}
