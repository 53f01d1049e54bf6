/** doctor's discovery: a broken args file is an args-file error, and dependencies and build output are not searched. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runDoctor } from "../../sdk/doctor/checks";
import { cli } from "../support/cli";

/** An args file whose YAML breaks at line 4 (a tab where indentation belongs). */
const BROKEN_ARGS = "name: abaci-app\nargs:\n  image: ghcr.io/org/app:1\n\tport: 3000\n";

describe("doctor: args files that do not parse, and what discovery skips", () => {
    let dir: string;
    const at = (...parts: string[]) => path.join(dir, ...parts);
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-doctor-"));
        fs.mkdirSync(at("deploy"));
        fs.writeFileSync(at("deploy", "app.yaml"), BROKEN_ARGS);
        fs.writeFileSync(at("tsconfig.json"), JSON.stringify({ compilerOptions: { outDir: "compiled" }, include: ["src"] }));
        for (const skipped of [["node_modules", "some-pkg"], ["compiled"], ["dist"]]) {
            fs.mkdirSync(at(...skipped), { recursive: true });
            fs.writeFileSync(at(...skipped, "litefs.yml"), "this: [is not valid\n");
            fs.writeFileSync(at(...skipped, "app.yaml"), BROKEN_ARGS);
        }
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const summary = (findings: ReturnType<typeof runDoctor>["findings"]) =>
        findings.map((f) => `${path.relative(dir, f.file)}:${f.line} ${f.rule}`);

    it("given by path, reports the YAML error as an args-file error, not as a litefs.yml's [litefs/yaml]", () => {
        const { findings } = runDoctor({ paths: [at("deploy", "app.yaml")], images: [], exec: [] });
        assert.deepEqual(summary(findings), ["deploy/app.yaml:4 args/invalid"]);
        assert.match(findings[0].message, /^\(file\) \[file-syntax\]: is not valid YAML/);
        assert.doesNotMatch(findings[0].rule, /litefs/);
    });

    it("in a project folder, reports it the same way instead of skipping it", () => {
        const { findings, inputs } = runDoctor({ paths: [dir], images: [], exec: [] });
        assert.deepEqual(summary(findings), ["deploy/app.yaml:4 args/invalid"]);
        assert.deepEqual(inputs, [dir, at("deploy", "app.yaml")]);
    });

    it("does not search node_modules or the build output (tsconfig's outDir, dist), and says what it read and skipped", async () => {
        const { skipped } = runDoctor({ paths: [dir], images: [], exec: [] });
        assert.deepEqual(skipped.map((p) => path.relative(dir, p)).sort(), ["compiled", "dist", "node_modules"]);
        const run = await cli("doctor", dir);
        assert.equal(run.status, 1);
        assert.match(
            run.stdout,
            new RegExp(
                `1 error, 0 warnings in ${dir}, ${at("deploy", "app.yaml")} \\(not searched: ${at("compiled")}, ${at("dist")}, ${at("node_modules")}\\)\\.\\n$`,
            ),
        );
        const json = JSON.parse((await cli("doctor", dir, "--json")).stdout);
        assert.deepEqual(json.skipped, skipped);
    });
});
