/** `pulumi-litefs recover`: the commands that fix a replica stuck on "different cluster id", filled in. */
import type { LiteFsAppArgs } from "../args";
import { DEFAULTS } from "../plan/defaults";
import { planBasics } from "../plan/basics";
import { nameProblems, planNames } from "../plan/names";
import { withRole } from "../plan/pod-layout";
import { planStorage } from "../plan/storage";
import { type RecoveryTarget, recoveryCommands, recoveryTarget } from "../recovery";
import { ARGS_FILE_EXTENSION, planArgsFile, readArgsFile } from "../render/args-file";
import { type FileProblem, formatFileProblem, formatProblem, type Problem } from "../validation/problem";
import { numberOrText, parseCommandLine } from "./command-line";
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

/** Where each LiteFsApp argument the command reads comes from on its command line. */
const FLAGS: Record<string, string> = {
    name: "<name>",
    "args.namespace": "--namespace",
    "args.replicas": "--replicas",
    "args.database": "--database",
    "args.litefs.data.dir": "--data-dir",
    "args.apiPort": "--api-port",
};

type Target = { ok: true; target: RecoveryTarget } | { ok: false; problems: (Problem | FileProblem)[] };

/** The app as its args file describes it (all its rules, as render checks them), every problem at its line. */
function fromArgsFile(file: string): Target {
    const read = readArgsFile(file);
    if (!read.ok) return read;
    const planned = planArgsFile(read.argsFile);
    return planned.ok ? { ok: true, target: recoveryTarget(planned.plan) } : planned;
}

/** The app as the flags describe it, checked by the plan modules that own them (names and ports, storage). */
function fromFlags(input: string, flag: (key: string) => string | undefined): Target {
    // The command is text from a shell, so the values are unknown until those rules have checked them.
    const given: Record<string, unknown> = {
        namespace: flag("namespace"),
        replicas: numberOrText(flag("replicas")),
        database: flag("database"),
        apiPort: numberOrText(flag("api-port")),
        litefs: flag("data-dir") === undefined ? undefined : { data: { dir: flag("data-dir") } },
    };
    const args: LiteFsAppArgs = { image: "", port: 0, command: "", ...given };
    const ctx = { name: input, basics: planBasics(args, input) };
    const names = planNames(args, ctx);
    const storage = planStorage(args, ctx);
    const problems = [...nameProblems(input), ...names.problems, ...storage.problems].filter((p) => Object.hasOwn(FLAGS, p.path));
    if (problems.length > 0) return { ok: false, problems: problems.map((p) => ({ ...p, path: FLAGS[p.path] })) };
    const { name, namespace, replicas, apiPort } = names.value;
    const { database, dataDir } = storage.value;
    const liteFsContainer = withRole(ctx.basics.layout, "litefs").name;
    return { ok: true, target: { name, namespace, replicas, database, dataDir, apiPort, liteFsContainer } };
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
    const flag = (key: string) => {
        const value = cli.values[key];
        return typeof value === "string" ? value : undefined;
    };
    const result = isArgsFile ? fromArgsFile(input) : fromFlags(input, flag);
    if (!result.ok) {
        for (const p of result.problems) io.err(`pulumi-litefs recover: ${"file" in p ? formatFileProblem(p) : formatProblem(p)}\n`);
        return 1;
    }
    io.out(`${recoveryCommands(result.target).join("\n")}\n`);
    return 0;
}
