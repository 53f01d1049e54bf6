/** The args file's own shape (sdk/render/args-file.ts): each refusal names the problem the file has. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readArgsFile } from "../../sdk/render/args-file";

describe("args file shape", () => {
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-args-file-"))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const problemsOf = (text: string) => {
        const file = path.join(dir, "app.yaml");
        fs.writeFileSync(file, text);
        const read = readArgsFile(file);
        assert.ok(!read.ok);
        return read.problems;
    };
    const ARGS = "args:\n  image: ghcr.io/org/app:1\n  port: 3000\n  command: node server.js\n";

    it("name: 123 is a number where the name's text belongs, not a missing name", () => {
        const [problem, ...rest] = problemsOf(`name: 123\n${ARGS}`);
        assert.deepEqual(rest, []);
        assert.equal(problem.path, "name");
        assert.equal(problem.line, 1);
        assert.match(problem.message, /must be text, the LiteFsApp instance name, got the number 123/);
        assert.doesNotMatch(problem.message, /required/);
        assert.match(problem.fix, /name: abaci-app/);
    });

    it("args: as a list is a list where a mapping belongs, not missing args", () => {
        const [problem, ...rest] = problemsOf("name: abaci-app\nargs:\n  - image: ghcr.io/org/app:1\n  - port: 3000\n");
        assert.deepEqual(rest, []);
        assert.equal(problem.path, "args");
        assert.match(problem.message, /must be a mapping of LiteFsApp arguments .*, got a list/);
        assert.doesNotMatch(problem.message, /required/);
        assert.match(problem.fix, /without "- " in front/);
    });

    it("a missing or empty name or args is still required", () => {
        assert.match(problemsOf(ARGS)[0].message, /^is required/);
        assert.deepEqual(
            problemsOf("name:\nargs:\n").map((p) => [p.path, /^is required/.test(p.message)]),
            [
                ["name", true],
                ["args", true],
            ],
        );
    });
});
