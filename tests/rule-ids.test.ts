/** Rule ids: the input-rules table (docs/input-rules.md) lists exactly the ids the code can emit, and the code emits each. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FILE_RULES, INPUT_RULES } from "../sdk/validation/rule-ids";

const root = path.resolve(__dirname, "../..");
const RULES_DOC = fs.readFileSync(path.join(root, "docs", "input-rules.md"), "utf8");
/** Table rows that name no rule the code checks: facts that hold by construction. */
const BY_CONSTRUCTION = ["data-dir-on-volume"];

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? sources(full) : entry.name.endsWith(".ts") ? [full] : [];
    });
}

describe("rule ids", () => {
    const table = RULES_DOC.split("<!-- input-rules:start -->")[1]?.split("<!-- input-rules:end -->")[0] ?? "";
    const rows = [...table.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    // Every source but the list itself: an id written there only is an id nothing emits.
    const code = sources(path.join(root, "sdk"))
        .filter((file) => !file.endsWith(path.join("validation", "rule-ids.ts")))
        .map((file) => fs.readFileSync(file, "utf8"))
        .join("\n");

    it("docs/input-rules.md's table lists exactly INPUT_RULES (and the facts that hold by construction)", () => {
        assert.deepEqual([...rows].sort(), [...INPUT_RULES, ...BY_CONSTRUCTION].sort());
    });

    it("every id is emitted somewhere in sdk/", () => {
        const unused = [...INPUT_RULES, ...FILE_RULES].filter((id) => !code.includes(`"${id}"`));
        assert.deepEqual(unused, [], "ids no code emits");
    });

    it("has a [id] test for every row of the table, and a row for every [id] test, read from the test sources", () => {
        // The sources, not the loaded mocha tree: the answer must not depend on which test files were loaded.
        const tests = sources(path.join(root, "tests")).map((file) => fs.readFileSync(file, "utf8"));
        // Literal titles that start with the id in brackets, and tables of cases whose rows start with the id and whose titles are built from it.
        const titled = new Set(tests.flatMap((text) => [...text.matchAll(/\bit\(\s*["'`]\[([a-z0-9-]+)\]/g)].map((m) => m[1])));
        const tabled = tests
            .filter((text) => /\bit\(`\[\$\{\w+\}\]/.test(text))
            .flatMap((text) => [...text.matchAll(/\[\s*"([a-z0-9-]+)",/g)].map((m) => m[1]));
        const tested = new Set([...titled, ...tabled.filter((id) => rows.includes(id))]);
        assert.ok(rows.length >= 25, `the table has ${rows.length} rows`);
        assert.equal(new Set(rows).size, rows.length, "row ids are unique");
        assert.deepEqual(
            rows.filter((id) => !tested.has(id)),
            [],
            "table rows without a [id] test",
        );
        assert.deepEqual(
            [...titled].filter((id) => !rows.includes(id)),
            [],
            "[id] tests without a row in docs/input-rules.md",
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
