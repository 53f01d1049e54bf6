/** Rule ids: the input-rules table (docs/input-rules.md) lists exactly the ids the code can emit, and the code emits each. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
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

    it("no id is both an input rule and a file rule, or listed twice", () => {
        const all = [...INPUT_RULES, ...FILE_RULES];
        assert.equal(new Set(all).size, all.length);
    });
});

/**
 * The rule ids the test sources test: `it` titles that start with `[id]`, and for a title `[${id}] …` written in
 * a `for (const [id, …] of cases)` loop, the id each row of `cases` holds. Read from the sources, not from mocha's
 * tree of loaded tests, so the check gives the same answer whichever test files are loaded.
 */
function testedRuleIds(): Set<string> {
    const tested = new Set<string>();
    for (const file of sources(path.join(root, "tests"))) {
        const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
        const visit = (node: ts.Node): void => {
            if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "it") {
                const title = node.arguments[0];
                const literal =
                    title && (ts.isStringLiteralLike(title) ? title.text : ts.isTemplateExpression(title) ? title.head.text : "");
                const id = /^\[([a-z0-9-]+)\]/.exec(literal ?? "");
                if (id) tested.add(id[1]);
                else if (
                    title &&
                    ts.isTemplateExpression(title) &&
                    title.head.text === "[" &&
                    title.templateSpans[0].literal.text.startsWith("]")
                )
                    for (const row of loopRowIds(title.templateSpans[0].expression, node, source)) tested.add(row);
            }
            node.forEachChild(visit);
        };
        visit(source);
    }
    return tested;
}

/** The ids a `[${id}]` title takes: the strings at `id`'s place in the rows of the table its `for … of` loop reads. */
function loopRowIds(expression: ts.Expression, call: ts.Node, source: ts.SourceFile): string[] {
    const where = `${path.relative(root, source.fileName)}:${source.getLineAndCharacterOfPosition(call.getStart()).line + 1}`;
    let loop: ts.Node | undefined = call.parent;
    while (loop && !ts.isForOfStatement(loop)) loop = loop.parent;
    const binding = loop && ts.isVariableDeclarationList(loop.initializer) ? loop.initializer.declarations[0].name : undefined;
    const index =
        ts.isIdentifier(expression) && binding && ts.isArrayBindingPattern(binding)
            ? binding.elements.findIndex((e) => ts.isBindingElement(e) && ts.isIdentifier(e.name) && e.name.text === expression.text)
            : -1;
    // `[…] as const` and `(…)` around the table are looked through.
    const bare = (node: ts.Node | undefined): ts.Node | undefined =>
        node && (ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node))
            ? bare(node.expression)
            : node;
    let table = bare(loop?.expression);
    if (table && ts.isIdentifier(table)) {
        const name = table.text;
        const find = (node: ts.Node): ts.Node | undefined =>
            ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name
                ? node.initializer
                : node.forEachChild(find);
        table = bare(find(source));
    }
    assert.ok(
        table && ts.isArrayLiteralExpression(table) && index >= 0,
        `${where}: a [\${…}] title must come from a for (const [id, …] of cases) loop over an array of rows`,
    );
    return table.elements.map((row) => {
        const cell = ts.isArrayLiteralExpression(row) ? row.elements[index] : undefined;
        assert.ok(cell && ts.isStringLiteralLike(cell), `${where}: a row of the cases has no literal id at place ${index}`);
        return cell.text;
    });
}

describe("the input-rules table (docs/input-rules.md)", () => {
    it("has a row for every rule id the tests use, and a [id] test for every row", () => {
        const table = RULES_DOC.split("<!-- input-rules:start -->")[1]?.split("<!-- input-rules:end -->")[0];
        assert.ok(table, "docs/input-rules.md has no <!-- input-rules:start --> … <!-- input-rules:end --> section");
        const rows = [...table.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
        assert.ok(rows.length >= 25, `the table has ${rows.length} rows`);
        assert.equal(new Set(rows).size, rows.length, "row ids are unique");
        const tested = testedRuleIds();
        assert.deepEqual(
            rows.filter((id) => !tested.has(id)),
            [],
            "table rows without a [id] test",
        );
        assert.deepEqual(
            [...tested].filter((id) => !rows.includes(id)),
            [],
            "[id] tests without a row in docs/input-rules.md",
        );
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
