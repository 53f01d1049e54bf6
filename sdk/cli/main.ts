#!/usr/bin/env node
/** The `pulumi-litefs` binary: runs the command line on the process's arguments and streams. */
import { runCli } from "./run";

runCli(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(`pulumi-litefs: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
    },
);
