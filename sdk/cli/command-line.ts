/** Option parsing shared by the commands: `--help` prints the usage, a wrong option is a usage error (exit 2). */
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { CliIo } from "./io";

export interface Cli {
    readonly values: Record<string, string | boolean | string[] | boolean[] | undefined>;
    readonly positionals: string[];
}

/** The parsed command line, or the exit code when there is nothing more to do. */
export function parseCommandLine(argv: string[], usage: string, options: NonNullable<ParseArgsConfig["options"]>, io: CliIo): Cli | number {
    try {
        const { values, positionals } = parseArgs({
            args: argv,
            allowPositionals: true,
            options: { ...options, help: { type: "boolean", short: "h" } },
        });
        if (values.help) {
            io.out(usage);
            return 0;
        }
        return { values, positionals };
    } catch (error) {
        io.err(`${(error as Error).message}\n\n${usage}`);
        return 2;
    }
}

/** A flag's value as the argument would be given: digits become a number, anything else stays text for the rules to refuse. */
export function numberOrText(value: string | undefined): number | string | undefined {
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : value;
}
