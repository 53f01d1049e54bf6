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
