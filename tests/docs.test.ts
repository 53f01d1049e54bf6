/**
 * The generated docs (scripts/docs/): up to date with the code, complete, and linked. Generation runs in-process,
 * so a stale table fails `npm test` without a child process.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readArguments } from "../scripts/docs/arguments";
import { argumentTable, beginMarker, endMarker, fillRegions, generatedFiles, MAIN_ARGUMENTS, written } from "../scripts/docs/generate";
import { ARGS_SHAPE } from "../sdk/plan";
import { DEFAULTS } from "../sdk/plan/defaults";
import { INPUT_RULE_DOCS } from "../sdk/validation/rule-docs";
import { INPUT_RULES } from "../sdk/validation/rule-ids";
import type { AnyShape } from "../sdk/validation/shape";

const root = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

/** Every path of a shape, objects and their fields: `storage`, `storage.size`, … */
function shapePaths(shape: AnyShape, prefix = ""): string[] {
    return Object.entries(shape).flatMap(([key, node]) => [
        `${prefix}${key}`,
        ...(node === true ? [] : shapePaths(node, `${prefix}${key}.`)),
    ]);
}

/** The first-column paths of the argument table between a file's markers. */
function tablePaths(file: string, region: string): string[] {
    const text = read(file);
    const table = text.slice(text.indexOf(beginMarker(region)), text.indexOf(endMarker(region)));
    return [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
}

describe("generated docs (npm run docs)", () => {
    it("are up to date: README.md, docs/arguments.md and docs/input-rules.md are what the code generates", () => {
        const stale = [...generatedFiles(root)].filter(([file, text]) => read(file) !== text).map(([file]) => file);
        assert.deepEqual(stale, [], `stale generated docs: ${stale.join(", ")}; run npm run docs`);
    });

    it("list every argument LiteFsApp accepts, and none it does not (the runtime shape agrees with the types)", () => {
        const documented = readArguments(root)
            .map((row) => row.path)
            .filter((p) => !/\[\]|</.test(p));
        const accepted = shapePaths(ARGS_SHAPE as unknown as AnyShape);
        assert.deepEqual(
            accepted.filter((p) => !documented.includes(p)),
            [],
            "arguments missing from the table",
        );
        assert.deepEqual(
            documented.filter((p) => !accepted.includes(p)),
            [],
            "table rows naming no argument",
        );
        assert.deepEqual(
            tablePaths("docs/arguments.md", "arguments"),
            readArguments(root).map((row) => row.path),
        );
        assert.deepEqual(tablePaths("README.md", "main-arguments"), [...MAIN_ARGUMENTS]);
    });

    it("state every default of sdk/plan/defaults.ts in its argument's row", () => {
        const rows = new Map(readArguments(root).map((row) => [row.key, row]));
        const table = read("docs/arguments.md");
        const wrong = Object.entries(DEFAULTS).filter(([key, value]) => {
            const row = rows.get(key);
            return !row || !table.includes(`| \`${row.path}\` | \`${row.type.replace(/\|/g, "\\|")}\` | \`${written(value)}\` |`);
        });
        assert.deepEqual(wrong, []);
    });

    it("would show a changed default", () => {
        const replicas = readArguments(root).filter((row) => row.key === "replicas");
        assert.match(argumentTable(replicas), new RegExp(`\\| \`${DEFAULTS.replicas}\` \\|`));
        assert.match(
            argumentTable(replicas, { ...DEFAULTS, replicas: DEFAULTS.replicas + 1 }),
            new RegExp(`\\| \`${DEFAULTS.replicas + 1}\` \\|`),
        );
    });

    it("describe exactly the input rules, one row per id of INPUT_RULES", () => {
        assert.deepEqual(Object.keys(INPUT_RULE_DOCS).sort(), [...INPUT_RULES].sort());
        const text = read("docs/input-rules.md");
        const table = text.slice(text.indexOf(beginMarker("input-rules")), text.indexOf(endMarker("input-rules")));
        assert.deepEqual(
            [...table.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]),
            Object.keys(INPUT_RULE_DOCS),
        );
    });

    it("read the argument types from wherever sdk/args/ keeps them: extended interfaces, nested and inline objects, enums", () => {
        const rows = readArguments(path.join(root, "tests/fixtures/docs-args"));
        assert.deepEqual(
            rows.map((row) => [row.path, row.type, row.required, row.statedDefault]),
            [
                ["own", "string", true, undefined],
                ["where", "string", false, '"here"'],
                ["color", '"red" | "blue"', false, '"red"'],
                ["parts", "object[]", false, "none"],
                ["parts[].name", "string", true, undefined],
                ["inline", "object", false, undefined],
                ["inline.flag", "boolean", false, "false"],
            ],
        );
        assert.equal(rows.find((row) => row.path === "parts")?.description, "Parts, each a part.");
    });

    it("replace only what is between the markers, and name a missing region", () => {
        const text = `# Title\n\nbefore\n${beginMarker("x")}\nold\n${endMarker("x")}\nafter\n`;
        assert.equal(
            fillRegions("f.md", text, { x: "new" }, ["x"]),
            `# Title\n\nbefore\n${beginMarker("x")}\nnew\n${endMarker("x")}\nafter\n`,
        );
        assert.throws(() => fillRegions("f.md", "# Title\n", { x: "new" }, ["x"]), /f\.md has no region "x"/);
    });
});

/** GitHub's anchor of a heading: lowercase, punctuation other than "-" and "_" dropped, spaces to "-". */
function anchorsOf(markdown: string): Set<string> {
    let fenced = false;
    const anchors = new Set<string>();
    for (const line of markdown.split("\n")) {
        if (/^\s*```/.test(line)) fenced = !fenced;
        const heading = fenced ? null : /^#{1,6} (.+)$/.exec(line);
        if (heading)
            anchors.add(
                heading[1]
                    .trim()
                    .toLowerCase()
                    .replace(/[^\p{L}\p{N} _-]/gu, "")
                    .replace(/ /g, "-"),
            );
    }
    return anchors;
}

describe("docs links", () => {
    const pages = ["README.md", "CONTRIBUTING.md", ...fs.readdirSync(path.join(root, "docs")).map((f) => `docs/${f}`)];

    it("every relative link in README.md, CONTRIBUTING.md and docs/ reaches a file, and its #anchor a heading there", () => {
        const broken: string[] = [];
        for (const page of pages.filter((p) => p.endsWith(".md"))) {
            const text = read(page).replace(/```[\s\S]*?```/g, "");
            for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
                if (/^[a-z]+:/.test(target)) continue;
                const [file, anchor] = target.split("#");
                const resolved = file ? path.posix.normalize(path.posix.join(path.posix.dirname(page), file)) : page;
                if (!fs.existsSync(path.join(root, resolved))) broken.push(`${page}: ${target} (no file)`);
                else if (anchor && resolved.endsWith(".md") && !anchorsOf(read(resolved)).has(anchor))
                    broken.push(`${page}: ${target} (no heading)`);
            }
        }
        assert.deepEqual(broken, []);
    });

    it("the README links every page in docs/", () => {
        const readme = read("README.md");
        assert.deepEqual(
            pages.filter((p) => p.startsWith("docs/") && !readme.includes(`](${p})`)),
            [],
        );
    });
});
