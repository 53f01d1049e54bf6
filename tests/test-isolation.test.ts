/**
 * No test may depend on which other test files are loaded: each file passes when run alone (`npm run test:isolated`
 * runs every file in its own process; CI runs it). These are the quick guards `npm test` can afford.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");

function testSources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? testSources(full) : entry.name.endsWith(".ts") ? [full] : [];
    });
}

describe("tests independent of the files loaded with them", () => {
    it("no test reads mocha's tree of loaded suites: what it finds there depends on which files were loaded", () => {
        const readsTree = /\b(this\.(test|currentTest)\??\.parent|Mocha[.]Suite|[.]suites\b)/;
        const offenders = testSources(path.join(root, "tests")).filter((file) => readsTree.test(fs.readFileSync(file, "utf8")));
        assert.deepEqual(
            offenders.map((file) => path.relative(root, file)),
            [],
            "read test sources instead (as tests/rule-ids.test.ts does)",
        );
    });

    it("`npx mocha --config .mocharc.json <file>` runs that file alone: the config names no spec, which mocha would add to it", () => {
        const config = JSON.parse(fs.readFileSync(path.join(root, ".mocharc.json"), "utf8"));
        assert.equal(config.spec, undefined);
        assert.match(fs.readFileSync(path.join(root, "scripts", "test.mjs"), "utf8"), /"bin\/tests\/\*\*\/\*\.test\.js"/);
    });
});
