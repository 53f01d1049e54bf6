import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ARGS_SHAPE } from "../sdk/plan";
import type { AnyShape } from "../sdk/validation/shape";

const README = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

/** The first-column paths of the README's argument table (`| argument | type | default | meaning |`). */
function documentedArguments(): string[] {
    const lines = README.split("\n");
    const start = lines.indexOf("| argument | type | default | meaning |");
    assert.notEqual(start, -1, "README has no argument table");
    const rows: string[] = [];
    for (const line of lines.slice(start + 2)) {
        if (!line.startsWith("|")) break;
        const cell = /^\| `([^`]+)` \|/.exec(line);
        assert.ok(cell, `argument table row without a path: ${line}`);
        rows.push(cell[1]);
    }
    return rows;
}

function resolves(shape: AnyShape, dotted: string): boolean {
    let node: AnyShape | true = shape;
    for (const key of dotted.split(".")) {
        if (node === true || !Object.hasOwn(node, key)) return false;
        node = node[key];
    }
    return true;
}

describe("README argument reference", () => {
    const documented = documentedArguments();
    const shape = ARGS_SHAPE as unknown as AnyShape;

    it("documents every argument of LiteFsAppArgs", () => {
        const missing = Object.keys(shape).filter((key) => !documented.some((row) => row === key || row.startsWith(`${key}.`)));
        assert.deepEqual(missing, [], `arguments missing from the README table: ${missing.join(", ")}`);
    });

    it("documents only arguments that exist", () => {
        const unknown = documented.filter((row) => !resolves(shape, row));
        assert.deepEqual(unknown, [], `README rows naming no argument: ${unknown.join(", ")}`);
    });
});
