import * as pulumi from "@pulumi/pulumi";
import { formatProblem, type Problem } from "./validation/problem";

/**
 * Invalid LiteFsApp arguments. A `RunError`, so `pulumi up` prints the problems without a stack trace.
 * Raised before anything is registered: nothing is half-created.
 */
export class LiteFsAppArgsError extends pulumi.RunError {
    constructor(
        readonly appName: string,
        readonly problems: readonly Problem[],
        /** What became of the app: an argument that is an Output is only checked once it resolves, mid-deployment. */
        outcome = "nothing was created",
    ) {
        const count = problems.length === 1 ? "an invalid argument" : `${problems.length} invalid arguments`;
        super(`LiteFsApp "${appName}" has ${count}; ${outcome}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
        this.name = "LiteFsAppArgsError";
    }
}
