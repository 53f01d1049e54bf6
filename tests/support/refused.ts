import * as assert from "node:assert/strict";
import { LiteFsApp, type LiteFsAppArgs, LiteFsAppArgsError } from "../../sdk";
import { registered } from "./mocks";

/**
 * Constructs with bad arguments and returns the error. Also proves nothing was registered: not the
 * component, not a child, even after pending registrations had a chance to run.
 */
export async function refused(name: string, args: unknown): Promise<LiteFsAppArgsError> {
    const before = registered.length;
    let error: unknown;
    try {
        new LiteFsApp(name, args as LiteFsAppArgs);
    } catch (e) {
        error = e;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(registered.length, before, "a refused LiteFsApp must register nothing");
    assert.ok(error instanceof LiteFsAppArgsError, `expected LiteFsAppArgsError, got ${error}`);
    return error;
}

/**
 * Asserts that the refusal names the input (`path`, also in the thrown message), says what rule it breaks
 * (`message`, and its id `rule` when given) and how to fix it (the problem's fix, matched against `fix` when given).
 */
export function problemAt(error: LiteFsAppArgsError, path: string, message: RegExp, fix?: RegExp, rule?: string): void {
    const problem = error.problems.find((p) => p.path === path && (rule === undefined || p.rule === rule));
    assert.ok(problem, `no problem${rule ? ` [${rule}]` : ""} at ${path}; got ${error.message}`);
    assert.match(problem.message, message);
    assert.ok(problem.fix.trim().length > 0, `the problem at ${path} has no fix`);
    if (fix) assert.match(problem.fix, fix);
    assert.ok(
        error.message.includes(`${path} [${problem.rule}]: ${problem.message} Fix: ${problem.fix}`),
        "the thrown message names the input, the rule and the fix",
    );
}
