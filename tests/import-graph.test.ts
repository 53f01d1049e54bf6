/**
 * The arrows between sdk/'s files run one way: args → plan → LiteFS and Kubernetes builders → component and
 * CLI. Parsed from the sources' import statements; a cycle or an import against the layer order fails.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const SDK = path.resolve(__dirname, "../../sdk");

/**
 * The layers, lowest first, each a list of path prefixes under sdk/. A file may import from its own layer and
 * the layers below it, never from a layer above. The first matching prefix, in this order, decides.
 */
const LAYERS: readonly (readonly string[])[] = [
    // Checks shared by everything: problems, rule ids, value shapes, the image reference grammar.
    ["validation/"],
    // The public arguments.
    ["args/"],
    // Facts: LiteFS 0.5 (config model, schema, options, exec splitting, litefs.yml rendering) and naming.
    ["litefs/", "naming.ts"],
    // The plan: args → a validated, defaulted AppPlan.
    ["plan/"],
    // Builders: plain objects and text from a plan.
    ["startup/", "backup/", "k8s/", "metrics/", "data-protection.ts", "debug.ts", "recovery.ts", "shell-loop.ts", "errors.ts"],
    // Offline render and doctor.
    ["render/", "doctor/"],
    // The component and the CLI, and the package entry.
    ["litefs-app.ts", "cli/", "index.ts"],
];

function layerOf(file: string): number {
    const index = LAYERS.findIndex((prefixes) => prefixes.some((prefix) => file === prefix || file.startsWith(prefix)));
    assert.notEqual(index, -1, `sdk/${file} is in no layer of tests/import-graph.test.ts`);
    return index;
}

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return sourceFiles(full);
        return entry.name.endsWith(".ts") ? [path.relative(SDK, full).split(path.sep).join("/")] : [];
    });
}

/** Relative imports of a file (`import … from "./x"`, `export … from "../y"`, `import("./z")`), resolved to sdk/ paths. */
function importsOf(file: string): string[] {
    const text = fs.readFileSync(path.join(SDK, file), "utf8");
    const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)["'](\.[^"']*)["']/gm)].map((m) => m[1]);
    return specifiers.map((specifier) => {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        for (const candidate of [`${target}.ts`, `${target}/index.ts`]) if (fs.existsSync(path.join(SDK, candidate))) return candidate;
        assert.fail(`sdk/${file} imports ${specifier}, which resolves to no .ts file`);
    });
}

function wrongWay(graph: ReadonlyMap<string, readonly string[]>): string[] {
    return [...graph].flatMap(([file, targets]) =>
        targets.filter((target) => layerOf(target) > layerOf(file)).map((target) => `sdk/${file} → sdk/${target}`),
    );
}

function cyclesIn(graph: ReadonlyMap<string, readonly string[]>): string[] {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
        state.set(file, "open");
        stack.push(file);
        for (const target of graph.get(file) ?? []) {
            if (state.get(target) === "open") cycles.push([...stack.slice(stack.indexOf(target)), target].join(" → "));
            else if (!state.has(target)) visit(target);
        }
        stack.pop();
        state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    return cycles;
}

/** The graph between folders of sdk/ (a file at sdk/'s top level is a node of its own); a folder's own imports are no edge. */
function folderGraph(graph: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
    const folder = (file: string) => (file.includes("/") ? `${file.split("/")[0]}/` : file);
    const folders = new Map<string, string[]>();
    for (const [file, targets] of graph) {
        const from = folder(file);
        const edges = folders.get(from) ?? [];
        for (const to of targets.map(folder)) if (to !== from && !edges.includes(to)) edges.push(to);
        folders.set(from, edges);
    }
    return folders;
}

describe("the import graph of sdk/", () => {
    const files = sourceFiles(SDK);
    const graph = new Map(files.map((file) => [file, importsOf(file)]));

    it("reads a graph of every source file", () => {
        assert.ok(files.length > 50, `only ${files.length} files`);
        assert.ok(graph.get("plan/index.ts")?.includes("plan/storage.ts"));
        assert.ok(graph.get("k8s/probes.ts")?.includes("litefs/facts.ts"));
    });

    it("has no import against the layer order (args → plan → builders → component and CLI)", () => {
        const wrong = wrongWay(graph);
        assert.deepEqual(wrong, [], `imports against the layer order:\n${wrong.join("\n")}`);
    });

    it("has no cycle between files", () => {
        const cycles = cyclesIn(graph);
        assert.deepEqual(cycles, [], `import cycles:\n${cycles.join("\n")}`);
    });

    it("has no cycle between folders (e.g. backup/ → k8s/ → backup/)", () => {
        const cycles = cyclesIn(folderGraph(graph));
        assert.deepEqual(cycles, [], `folder cycles:\n${cycles.join("\n")}`);
    });

    it("would catch the cycles and wrong-way imports this layout removed", () => {
        const folderCycle = new Map([
            ["backup/restore-commands.ts", ["k8s/restore-job.ts"]],
            ["k8s/restore-job.ts", ["backup/job.ts"]],
            ["backup/job.ts", []],
        ]);
        assert.deepEqual(cyclesIn(folderCycle), []);
        assert.deepEqual(cyclesIn(folderGraph(folderCycle)), ["backup/ → k8s/ → backup/"]);
        const before = new Map([
            ["plan/index.ts", ["k8s/probes.ts"]],
            ["k8s/probes.ts", ["plan/index.ts"]],
        ]);
        assert.deepEqual(cyclesIn(before), ["plan/index.ts → k8s/probes.ts → plan/index.ts"]);
        assert.deepEqual(wrongWay(before), ["sdk/plan/index.ts → sdk/k8s/probes.ts"]);
    });
});
