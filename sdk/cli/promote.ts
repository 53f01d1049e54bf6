/** `pulumi-litefs promote`: the switchover procedure for one app, printed, or run with `--execute`. */
import { spawn } from "node:child_process";
import { promoteCommands, promoteRefusal, promoteTarget } from "../failover/promote";
import { appFlagOptions, appFlags, appFlagUsage, readAppSource } from "./app-source";
import { numberOrText, parseCommandLine } from "./command-line";
import type { CliIo } from "./io";

/** The flags that stand for LiteFsApp arguments. */
const FLAGS = appFlags("namespace", "replicas", "primary-ordinal", "candidates", "database", "fuse-dir", "api-port");

export const PROMOTE_USAGE = `Usage: pulumi-litefs promote <args-file> --to N [--execute] [--accept-loss]
       pulumi-litefs promote <name> --to N [--namespace ns] [--replicas n] [--primary-ordinal n] [--candidates n]
                             [--database file] [--fuse-dir dir] [--api-port port] [--execute] [--accept-loss]

Prints the switchover procedure that makes pod N the primary of one LiteFsApp: a sh script whose every step is a
command, with checks that stop it before anything unsafe (see docs/failover.md). With the static lease it waits
for you to set primaryOrdinal: N and run pulumi up, then saves the old primary's copy, fences it, and starts the
new one; with failover (Consul) it hands the lease over. Give the app's args file, or its name and the values it
was given; each flag defaults as LiteFsApp's argument does.

      --to N               the ordinal of the pod to promote (required)
      --execute            run the procedure now, with kubectl (its context must be the app's cluster)
      --accept-loss        go on when the old primary holds transactions the new one never received
                           (they stay in the copy the procedure saves)
${appFlagUsage(FLAGS, 21)}`;

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
    const options = {
        ...appFlagOptions(FLAGS),
        to: { type: "string" as const },
        execute: { type: "boolean" as const },
        "accept-loss": { type: "boolean" as const },
    };
    const cli = parseCommandLine(argv, PROMOTE_USAGE, options, io);
    if (typeof cli === "number") return cli;
    if (typeof cli.values.to !== "string") {
        io.err(PROMOTE_USAGE);
        return 2;
    }
    // --candidates says the app uses failover; the procedure needs no Consul address, so a placeholder stands in.
    const base = cli.values.candidates === undefined ? {} : { failover: { consul: { url: "http://consul.invalid:8500" } } };
    const app = readAppSource("promote", PROMOTE_USAGE, cli, FLAGS, io, base);
    if (!app.ok) return app.code;
    const target = promoteTarget(app.parts);
    const to = numberOrText(cli.values.to);
    const refusal = typeof to === "number" ? promoteRefusal(target, to) : `--to must be a pod's ordinal, got "${cli.values.to}".`;
    if (refusal !== undefined || typeof to !== "number") {
        io.err(`pulumi-litefs promote: ${refusal}\n`);
        return 1;
    }
    const script = promoteCommands(target, to).join("\n");
    if (cli.values.execute !== true) {
        io.out(`${script}\n`);
        return 0;
    }
    return execute(script, cli.values["accept-loss"] === true, io);
}
