/** Arguments for calling plan modules directly: valid, minimal, with overrides. */
import type { LiteFsAppArgs } from "../../sdk/args";
import { planBasics } from "../../sdk/plan/basics";
import type { PlanContext, Planned } from "../../sdk/plan/model";

export function args(overrides: Partial<LiteFsAppArgs> = {}): LiteFsAppArgs {
    return { image: `ghcr.io/org/app@sha256:${"0".repeat(64)}`, port: 3000, command: "node server.js", ...overrides };
}

/** The context planApp gives a module: the instance name and the basics resolved from the same arguments. */
export function contextFor(appArgs: LiteFsAppArgs, name = "notes"): PlanContext {
    return { name, basics: planBasics(appArgs, name) };
}

/** The context of the minimal arguments, for modules whose basics the overrides do not change. */
export const ctx: PlanContext = contextFor(args());

/** Runs one plan module as planApp does: with the basics of the same arguments. */
export function run<T>(module: (args: LiteFsAppArgs, ctx: PlanContext) => Planned<T>, appArgs: LiteFsAppArgs, name = "notes"): Planned<T> {
    return module(appArgs, contextFor(appArgs, name));
}

/** The rule ids of a module's problems, in order. */
export function rulesOf(planned: Planned<unknown>): string[] {
    return planned.problems.map((p) => p.rule);
}
