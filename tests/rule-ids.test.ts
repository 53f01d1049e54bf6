/** Rule ids: each is described (INPUT_RULE_DOCS, from which docs/input-rules.md is generated), and the code emits each. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { INPUT_RULE_DOCS } from "../sdk/validation/rule-docs";
import { FILE_RULES, INPUT_RULES } from "../sdk/validation/rule-ids";

const root = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? sources(full) : entry.name.endsWith(".ts") ? [full] : [];
    });
}

describe("rule ids", () => {
    // Every source but the lists themselves: an id written there only is an id nothing emits.
    const code = sources(path.join(root, "sdk"))
        .filter((file) => !file.endsWith(path.join("validation", "rule-ids.ts")) && !file.endsWith(path.join("validation", "rule-docs.ts")))
        .map((file) => fs.readFileSync(file, "utf8"))
        .join("\n");

    it("INPUT_RULE_DOCS describes exactly INPUT_RULES (docs/input-rules.md is generated from it)", () => {
        assert.deepEqual(Object.keys(INPUT_RULE_DOCS).sort(), [...INPUT_RULES].sort());
    });

    it("every id is emitted somewhere in sdk/", () => {
        const unused = [...INPUT_RULES, ...FILE_RULES].filter((id) => !code.includes(`"${id}"`));
        assert.deepEqual(unused, [], "ids no code emits");
    });

    it("has a [id] test for every input rule, and an input rule for every [id] test, read from the test sources", () => {
        const rows: readonly string[] = INPUT_RULES;
        // The sources, not the loaded mocha tree: the answer must not depend on which test files were loaded.
        const tests = sources(path.join(root, "tests")).map((file) => fs.readFileSync(file, "utf8"));
        // Literal titles that start with the id in brackets, and tables of cases whose rows start with the id and whose titles are built from it.
        const titled = new Set(tests.flatMap((text) => [...text.matchAll(/\bit\(\s*["'`]\[([a-z0-9-]+)\]/g)].map((m) => m[1])));
        const tabled = tests
            .filter((text) => /\bit\(`\[\$\{\w+\}\]/.test(text))
            .flatMap((text) => [...text.matchAll(/\[\s*"([a-z0-9-]+)",/g)].map((m) => m[1]));
        const tested = new Set([...titled, ...tabled.filter((id) => rows.includes(id))]);
        assert.ok(rows.length >= 25, `INPUT_RULES has ${rows.length} ids`);
        assert.deepEqual(
            rows.filter((id) => !tested.has(id)),
            [],
            "input rules without a [id] test",
        );
        assert.deepEqual(
            [...titled].filter((id) => !rows.includes(id)),
            [],
            "[id] tests of no id in INPUT_RULES",
        );
    });

    it("no id is both an input rule and a file rule, or listed twice", () => {
        const all = [...INPUT_RULES, ...FILE_RULES];
        assert.equal(new Set(all).size, all.length);
    });
});

describe("no casts through unknown in sdk/", () => {
    it("`as unknown as` appears in no source file: plan functions parse, they do not cast", () => {
        const offenders = sources(path.join(root, "sdk")).filter((file) => /\bas unknown as\b/.test(fs.readFileSync(file, "utf8")));
        assert.deepEqual(
            offenders.map((f) => path.relative(root, f)),
            [],
        );
    });
});
