/** `pulumi-litefs promote`: the switchover procedure for one app, printed, or run with `--execute`. */
import { spawn } from "node:child_process";
import type { LiteFsAppArgs } from "../args";
import { type PromoteTarget, promoteCommands, promoteRefusal, promoteTarget } from "../failover/promote";
import { DEFAULTS } from "../plan/defaults";
import { planFailover } from "../plan/failover";
import { planNames } from "../plan/names";
import { planStorage } from "../plan/storage";
import { ARGS_FILE_EXTENSION, planArgsFile, readArgsFile } from "../render/args-file";
import { type FileProblem, formatFileProblem, formatProblem, type Problem } from "../validation/problem";
import { numberOrText, parseCommandLine } from "./command-line";
import type { CliIo } from "./io";

export const PROMOTE_USAGE = `Usage: pulumi-litefs promote <args-file> --to N [--execute] [--accept-loss]
       pulumi-litefs promote <name> --to N [--namespace ns] [--replicas n] [--primary-ordinal n] [--candidates n]
                             [--database file] [--fuse-dir dir] [--api-port port] [--execute] [--accept-loss]

Prints the switchover procedure that makes pod N the primary of one LiteFsApp: a sh script whose every step is a
command, with checks that stop it before anything unsafe (see docs/failover.md). With the static lease it waits
for you to set primaryOrdinal: N and run pulumi up, then fences the old primary, saves its copy, and starts the
new one; with failover (Consul) it hands the lease over. Give the app's args file, or its name and the values it
was given; each flag defaults as LiteFsApp's argument does.

      --to N               the ordinal of the pod to promote (required)
      --execute            run the procedure now, with kubectl (its context must be the app's cluster)
      --accept-loss        go on when the old primary holds transactions the new one never received
                           (they stay in the copy the procedure saves)
      --namespace ns       the app's namespace (default: <name>)
      --replicas n         number of pods (default: ${DEFAULTS.replicas})
      --primary-ordinal n  the static primary now (default: ${DEFAULTS.primaryOrdinal})
      --candidates n       the app uses failover with n candidates (default: the static lease)
      --database file      the database file name (default: ${DEFAULTS.database})
      --fuse-dir dir       litefs.fuse.dir (default: ${DEFAULTS["litefs.fuse.dir"]})
      --api-port port      apiPort (default: ${DEFAULTS.apiPort})
`;

/** Where each LiteFsApp argument the command reads comes from on its command line. */
const FLAGS: Record<string, string> = {
    name: "<name>",
    "args.namespace": "--namespace",
    "args.replicas": "--replicas",
    "args.primaryOrdinal": "--primary-ordinal",
    "args.failover.candidates": "--candidates",
    "args.database": "--database",
    "args.litefs.fuse.dir": "--fuse-dir",
    "args.apiPort": "--api-port",
};

type Target = { ok: true; target: PromoteTarget } | { ok: false; problems: (Problem | FileProblem)[] };

function fromArgsFile(file: string): Target {
    const read = readArgsFile(file);
    if (!read.ok) return read;
    const planned = planArgsFile(read.argsFile);
    return planned.ok ? { ok: true, target: promoteTarget(planned.plan) } : planned;
}

/** The app as the flags describe it, checked by the plan modules that own them. */
function fromFlags(input: string, flag: (key: string) => string | undefined): Target {
    const candidates = numberOrText(flag("candidates"));
    const given: Record<string, unknown> = {
        namespace: flag("namespace"),
        replicas: numberOrText(flag("replicas")),
        primaryOrdinal: numberOrText(flag("primary-ordinal")),
        database: flag("database"),
        apiPort: numberOrText(flag("api-port")),
        litefs: flag("fuse-dir") === undefined ? undefined : { fuse: { dir: flag("fuse-dir") } },
        // The procedure needs no Consul address: a placeholder stands in for it.
        failover: candidates === undefined ? undefined : { consul: { url: "http://consul.invalid:8500" }, candidates },
    };
    const args: LiteFsAppArgs = { image: "", port: 0, command: "", ...given };
    const ctx = { name: input };
    const names = planNames(args, ctx);
    const storage = planStorage(args, ctx);
    const failover = planFailover(args, ctx);
    const problems = [...names.problems, ...storage.problems, ...failover.problems].filter((p) => Object.hasOwn(FLAGS, p.path));
    if (problems.length > 0) return { ok: false, problems: problems.map((p) => ({ ...p, path: FLAGS[p.path] })) };
    return { ok: true, target: promoteTarget({ ...names.value, ...storage.value, ...failover.value }) };
}

/** Runs the procedure under sh, its output passed through, and resolves to its exit code. */
function execute(script: string, acceptLoss: boolean, io: CliIo): Promise<number> {
    return new Promise((resolve) => {
        const child = spawn("sh", ["-c", script], {
            env: { ...process.env, ...(acceptLoss && { PROMOTE_ACCEPT_LOSS: "1" }) },
            stdio: ["inherit", "pipe", "pipe"],
        });
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => io.out(chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => io.err(chunk));
        child.on("error", (error) => {
            io.err(`pulumi-litefs promote: cannot run sh: ${error.message}\n`);
            resolve(1);
        });
        child.on("close", (code) => resolve(code ?? 1));
    });
}

export async function promoteCommand(argv: string[], io: CliIo): Promise<number> {
    const cli = parseCommandLine(
        argv,
        PROMOTE_USAGE,
        {
            to: { type: "string" },
            execute: { type: "boolean" },
            "accept-loss": { type: "boolean" },
            namespace: { type: "string" },
            replicas: { type: "string" },
            "primary-ordinal": { type: "string" },
            candidates: { type: "string" },
            database: { type: "string" },
            "fuse-dir": { type: "string" },
            "api-port": { type: "string" },
        },
        io,
    );
    if (typeof cli === "number") return cli;
    if (cli.positionals.length !== 1 || typeof cli.values.to !== "string") {
        io.err(PROMOTE_USAGE);
        return 2;
    }
    const [input] = cli.positionals;
    const appFlags = Object.keys(FLAGS)
        .map((path) => FLAGS[path].slice(2))
        .filter((key) => cli.values[key] !== undefined);
    const isArgsFile = ARGS_FILE_EXTENSION.test(input);
    if (isArgsFile && appFlags.length > 0) {
        const given = appFlags.map((f) => `--${f}`).join(", ");
        io.err(`pulumi-litefs promote: ${given} cannot be combined with an args file, which already holds the app's values.\n`);
        return 2;
    }
    const flag = (key: string) => {
        const value = cli.values[key];
        return typeof value === "string" ? value : undefined;
    };
    const result = isArgsFile ? fromArgsFile(input) : fromFlags(input, flag);
    if (!result.ok) {
        for (const p of result.problems) io.err(`pulumi-litefs promote: ${"file" in p ? formatFileProblem(p) : formatProblem(p)}\n`);
        return 1;
    }
    const to = numberOrText(cli.values.to);
    const refusal = typeof to === "number" ? promoteRefusal(result.target, to) : `--to must be a pod's ordinal, got "${cli.values.to}".`;
    if (refusal || typeof to !== "number") {
        io.err(`pulumi-litefs promote: ${refusal}\n`);
        return 1;
    }
    const script = promoteCommands(result.target, to).join("\n");
    if (cli.values.execute !== true) {
        io.out(`${script}\n`);
        return 0;
    }
    return execute(script, cli.values["accept-loss"] === true, io);
}
