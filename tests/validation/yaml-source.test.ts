import * as assert from "node:assert/strict";
import { parentPath, parseYamlSource } from "../../sdk/validation/yaml-source";

const TEXT = `# a comment
lease:
  type: static
  candidate: "true"
exec:
  - cmd: node a.js
    if-candidate: true
  - cmd: >-
      node b.js
labels: { app.kubernetes.io/name: litefs }
`;

describe("YAML with line numbers (file:line for problem paths)", () => {
    const parsed = parseYamlSource(TEXT);
    if (!parsed.ok) throw new Error(parsed.message);
    const { source } = parsed;

    it("gives the line of keys, nested keys and sequence items, in Problem path form", () => {
        assert.deepEqual(
            [
                "lease",
                "lease.type",
                "lease.candidate",
                "exec",
                "exec[0]",
                "exec[0].cmd",
                "exec[0].if-candidate",
                "exec[1].cmd",
                "labels.app.kubernetes.io/name",
            ].map((p) => source.at(p)?.line),
            [2, 3, 4, 5, 6, 6, 7, 8, 10],
        );
    });

    it("tells quoted scalars from plain ones", () => {
        assert.equal(source.at("lease.candidate")?.quoted, true);
        assert.equal(source.at("lease.type")?.quoted, false);
    });

    it("falls back to the nearest ancestor for a path the file does not have", () => {
        assert.equal(source.lineOf("lease.hostname"), 2);
        assert.equal(source.lineOf("exec[1].if-candidate"), 8);
        assert.equal(source.lineOf("proxy.addr"), 1);
        assert.equal(parentPath("exec[1].cmd"), "exec[1]");
        assert.equal(parentPath("exec[1]"), "exec");
    });

    it("reports the line of a syntax error, and refuses several documents", () => {
        const broken = parseYamlSource("a: 1\nb: [2\n");
        assert.ok(!broken.ok);
        assert.equal(broken.line, 3);
        assert.match(broken.message, /^is not valid YAML: /);
        const multi = parseYamlSource("a: 1\n---\nb: 2\n");
        assert.ok(!multi.ok);
        assert.match(multi.message, /^holds more than one YAML document \(the second starts at line 2\)\.$/);
        assert.equal(multi.line, 2);
        assert.equal(multi.severalDocuments, true);
    });
});

describe("YAML with line numbers: edges of the syntax", () => {
    const source = (text: string) => {
        const parsed = parseYamlSource(text);
        if (!parsed.ok) throw new Error(parsed.message);
        return parsed.source;
    };
    const lines = (text: string, paths: string[]) => paths.map((p) => source(text).at(p)?.line);

    it("reads flow mappings and sequences, nested, with quoted keys and values", () => {
        const text = `labels: { app: litefs, "a.b": 'x' }\nports: [1, "2", [3], { name: p }]\n`;
        assert.deepEqual(
            lines(text, ["labels.app", "labels.a.b", "ports[0]", "ports[1]", "ports[2][0]", "ports[3].name"]),
            [1, 1, 2, 2, 2, 2],
        );
        assert.equal(source(text).at("labels.a.b")?.quoted, true);
        assert.equal(source(text).at("labels.app")?.quoted, false);
        assert.equal(source(text).at("ports[1]")?.quoted, true);
        assert.equal(source("a: [x, k: 'v']\n").at("a[1].k")?.quoted, true);
    });

    it("reads JSON, spread over lines", () => {
        const text = `{\n  "name": "app",\n  "args": {\n    "replicas": 3,\n    "env": [{ "name": "A", "value": "1" }]\n  }\n}\n`;
        assert.deepEqual(lines(text, ["name", "args", "args.replicas", "args.env[0].name"]), [2, 3, 4, 5]);
        assert.equal(source(text).at("args.replicas")?.quoted, false);
        assert.equal(source(text).at("args.env[0].value")?.quoted, true);
    });

    it("gives the key's line for multi-line scalars, and the next key the right line after them", () => {
        const text = `a: |\n  one\n  two\nb: >-\n  folded\n  text\nc: "multi\n  line"\nd: plain\n  continued\ne: 1\n`;
        assert.deepEqual(lines(text, ["a", "b", "c", "d", "e"]), [1, 4, 7, 9, 11]);
        assert.deepEqual(
            ["a", "b", "c", "d"].map((p) => source(text).at(p)?.quoted),
            [false, false, true, false],
        );
    });

    it("reads anchors, aliases, tags and explicit keys", () => {
        const text = `base: &b\n  x: 1\nother: *b\nlist:\n  - &i "q"\n  - *i\n  - !!str 't'\n? explicit\n: value\n&k key: 2\n`;
        const s = source(text);
        assert.deepEqual(
            ["base.x", "other", "list[0]", "list[1]", "list[2]", "explicit", "key"].map((p) => s.at(p)?.line),
            [2, 3, 5, 6, 7, 8, 10],
        );
        assert.deepEqual(
            ["list[0]", "list[1]", "list[2]", "other"].map((p) => s.at(p)?.quoted),
            [true, false, true, false],
        );
    });

    it("counts empty sequence items, and dashes in comments and anchors are no items", () => {
        const text = `a:\n  -\n  # - not an item\n  - &my-anchor x\n  -\n  - "y"\nb: 1\n`;
        assert.deepEqual(lines(text, ["a[0]", "a[1]", "a[2]", "a[3]", "b"]), [2, 4, 5, 6, 7]);
        assert.equal(source(text).at("a[3]")?.quoted, true);
    });

    it("keys paths as the loaded object does, through a BOM and CRLF line ends", () => {
        assert.equal(source("\ufeffa: 1\r\nb:\r\n  - 'x'\r\n").at("b[0]")?.line, 3);
        assert.deepEqual(lines("1: one\ntrue: t\n~: n\n", ["1", "true", "null"]), [1, 2, 3]);
        assert.equal(source("---\na: 1\n...\n").at("a")?.line, 2);
    });

    it("reads the YAML 1.2 core schema: no timestamps, no merge keys", () => {
        assert.deepEqual(source("d: 2024-01-01\nm:\n  <<: {x: 1}\n").value, { d: "2024-01-01", m: { "<<": { x: 1 } } });
    });

    it("refuses an empty file, a file of comments and a mapping used as a key, with the line", () => {
        for (const text of ["", "# nothing\n"]) {
            const parsed = parseYamlSource(text);
            assert.ok(!parsed.ok);
            assert.match(parsed.message, /the input is empty/);
        }
        const complex = parseYamlSource("a: 1\n? [x]\n: 1\n");
        assert.ok(!complex.ok);
        assert.equal(complex.line, 2);
        assert.match(complex.message, /cannot be a key/);
    });
});
