/** An image given as an Output is checked when it resolves, by the rules a plain string meets before deploy. */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as runtimeState from "@pulumi/pulumi/runtime/state";
import { LiteFsApp, LiteFsAppArgsError } from "../../sdk";
import { exampleArgs, STATEFULSET } from "../support/app";
import { registered } from "../support/mocks";
import { refused } from "../support/refused";

/**
 * Constructs the app and collects the rejections the deployment fails with (Pulumi fails a run on any). The
 * refused StatefulSet's outputs never settle: they are taken off Pulumi's list of leaked promises, which it
 * would print at exit, as a failed run does not print it either.
 */
async function deploymentErrors(name: string, image: pulumi.Input<string>): Promise<unknown[]> {
    const errors: unknown[] = [];
    // Pulumi's own store (internal, so not in its typings): the promises it would report as leaked at exit.
    const state: { getStore?: () => { leakCandidates: Set<Promise<unknown>> } } = runtimeState;
    const leakCandidates = state.getStore?.().leakCandidates ?? new Set();
    const pending = new Set(leakCandidates);
    const listeners = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    process.on("unhandledRejection", (error) => errors.push(error));
    try {
        new LiteFsApp(name, exampleArgs({ namespace: name, image }));
        // Registration runs on the event loop: give it turns until the rejection arrives (or clearly never will).
        for (let turn = 0; turn < 50 && errors.length === 0; turn++) await new Promise((resolve) => setTimeout(resolve, 10));
        return errors;
    } finally {
        if (errors.length > 0) for (const promise of leakCandidates) if (!pending.has(promise)) leakCandidates.delete(promise);
        process.removeAllListeners("unhandledRejection");
        for (const listener of listeners) process.on("unhandledRejection", listener);
    }
}

describe("an image given as an Output", () => {
    for (const [rule, image] of [
        ["image-reference", "ghcr.io/Org/app:v1"],
        ["image-whitespace", "ghcr.io/org/app:v1 --pull"],
        ["image-required", ""],
    ] as const)
        it(`[${rule}] fails the deployment when it resolves to ${JSON.stringify(image)}, with the message a string gets`, async () => {
            const plain = await refused("bad-output", exampleArgs({ namespace: "bad-output", image }));
            const errors = await deploymentErrors("bad-output", pulumi.output(image));
            const error = errors.find((e): e is LiteFsAppArgsError => e instanceof LiteFsAppArgsError);
            assert.ok(error, `no LiteFsAppArgsError among ${errors.map(String).join("; ")}`);
            assert.deepEqual(error.problems, plain.problems);
            assert.equal(error.problems[0].rule, rule);
            assert.match(
                error.message,
                /LiteFsApp "bad-output" has an invalid argument; its StatefulSet was not created:\n {2}- args\.image \[/,
            );
            assert.ok(pulumi.RunError.isInstance(error), "a RunError: pulumi prints it without a stack trace");
            assert.ok(!registered.some((r) => r.type === STATEFULSET && r.name === "bad-output-statefulset"));
        });

    it("deploys when it resolves to a valid reference", async () => {
        assert.deepEqual(await deploymentErrors("good-output", pulumi.output(exampleArgs().image as string)), []);
        assert.ok(registered.some((r) => r.type === STATEFULSET && r.name === "good-output-statefulset"));
    });
});
