import * as assert from "node:assert/strict";
import { parentPath, parseYamlSource } from "../sdk/validation/yaml-source";

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
        assert.match(multi.message, /single document/);
    });
});
