import * as assert from "node:assert/strict";
import * as path from "node:path";
import { type CliRun, ROOT, spawnCollect } from "../support/cli";

const fixture = path.join(ROOT, "bin/tests/fixtures/fails-in-apply.fixture.js");

function runMocha(requireSetup: boolean): Promise<CliRun> {
    const args = [require.resolve("mocha/bin/mocha.js"), "--no-config", "--reporter", "dot"];
    if (requireSetup) args.push("--require", path.join(ROOT, "bin/tests/setup.js"));
    return spawnCollect(process.execPath, [...args, fixture]);
}

describe("an assertion failing inside .apply", () => {
    // Two mocha processes, started together so they overlap.
    let plain: Promise<CliRun>;
    let withSetup: Promise<CliRun>;
    before(() => {
        plain = runMocha(false);
        withSetup = runMocha(true);
    });

    it("passes silently under plain mocha (the pitfall)", async () => {
        assert.equal((await plain).status, 0);
    });

    it("fails the run with our test setup, showing the assertion", async () => {
        const run = await withSetup;
        assert.notEqual(run.status, 0);
        assert.match(run.stdout + run.stderr, /expected inside apply/);
    });
});
