/** Arguments for calling plan modules directly: valid, minimal, with overrides. */
import type { LiteFsAppArgs } from "../../sdk/args";
import type { PlanContext, Planned } from "../../sdk/plan/model";

export const ctx: PlanContext = { name: "notes" };

export function args(overrides: Partial<LiteFsAppArgs> = {}): LiteFsAppArgs {
    return { image: `ghcr.io/org/app@sha256:${"0".repeat(64)}`, port: 3000, command: "node server.js", ...overrides };
}

/** The rule ids of a module's problems, in order. */
export function rulesOf(planned: Planned<unknown>): string[] {
    return planned.problems.map((p) => p.rule);
}
