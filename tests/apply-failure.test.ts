import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");
const fixture = path.join(root, "bin/tests/fixtures/fails-in-apply.fixture.js");

function runMocha(requireSetup: boolean) {
    const args = [require.resolve("mocha/bin/mocha.js"), "--no-config", "--reporter", "dot"];
    if (requireSetup) args.push("--require", path.join(root, "bin/tests/setup.js"));
    return spawnSync(process.execPath, [...args, fixture], { cwd: root, encoding: "utf8" });
}

describe("an assertion failing inside .apply", () => {
    it("passes silently under plain mocha (the pitfall)", () => {
        assert.equal(runMocha(false).status, 0);
    });

    it("fails the run with our test setup, showing the assertion", () => {
        const run = runMocha(true);
        assert.notEqual(run.status, 0);
        assert.match(run.stdout + run.stderr, /expected inside apply/);
    });
});
