/** What `render` takes: anything else is a usage error (exit 2) that says what render takes, never a raw Node error. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dump } from "js-yaml";
import { exampleArgs } from "../support/app";
import { cli } from "../support/cli";

const TAKES = /\nrender takes a LiteFsApp args file \(\.yaml, \.yml or \.json, with name: and args:\) or a compiled Pulumi program/;

describe("render's input", () => {
    let dir: string;
    const at = (name: string) => path.join(dir, name);
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-render-input-"));
        fs.writeFileSync(at("Dockerfile"), "FROM node:20\n");
        fs.writeFileSync(at("notes.txt"), "hello\n");
        fs.writeFileSync(at("index.ts"), "export {};\n");
        fs.mkdirSync(at("empty"));
        fs.mkdirSync(at("stack"));
        fs.writeFileSync(at("stack/index.ts"), "export {};\n");
        const app = dump({ name: "abaci-app", args: exampleArgs() });
        fs.writeFileSync(at("two.yaml"), `${app}---\n${dump({ name: "other-app", args: exampleArgs() })}`);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const cases: [input: string, says: RegExp][] = [
        ["Dockerfile", /Dockerfile is a Dockerfile: pulumi-litefs doctor checks Dockerfiles/],
        ["notes.txt", /notes\.txt is neither an args file nor a program\./],
        ["index.ts", /index\.ts is TypeScript source: compile it \(npx tsc\)/],
        ["empty", /empty is a folder without a program \(no index\.js, no package\.json main\)\./],
        ["stack", /stack is a folder of TypeScript sources, not a compiled program: compile it \(npx tsc\)/],
        ["missing.yaml", /missing\.yaml does not exist\./],
    ];
    for (const [input, says] of cases)
        it(`refuses ${input} with exit 2, saying what it is and what render takes`, async () => {
            const run = await cli("render", at(input));
            assert.equal(run.status, 2);
            assert.equal(run.stdout, "");
            assert.match(run.stderr, says);
            assert.match(run.stderr, TAKES);
            assert.doesNotMatch(run.stderr, /Invalid or unexpected token|EISDIR|Cannot find module|SyntaxError/);
        });

    it("refuses two inputs, naming both and how to render each", async () => {
        const run = await cli("render", "a.yaml", "b.yaml");
        assert.equal(run.status, 2);
        assert.match(run.stderr, /takes one input, an args file or a program, got 2: a\.yaml b\.yaml\. Render each on its own/);
        assert.match(run.stderr, /pulumi-litefs render a\.yaml; pulumi-litefs render b\.yaml/);
    });

    it("refuses a YAML file of two documents: one app per file", async () => {
        const run = await cli("render", at("two.yaml"));
        assert.equal(run.status, 1);
        assert.match(
            run.stderr,
            /two\.yaml:\d+: \(file\) \[file-syntax\]: holds more than one YAML document \(the second starts at line \d+\)\. An args file holds one app\./,
        );
        assert.match(run.stderr, /Fix: one app per file/);
    });
});
