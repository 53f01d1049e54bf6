import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { loadAll } from "js-yaml";
import { DIGEST_IMAGE } from "./support/app";

const root = path.resolve(__dirname, "../..");
const cli = path.join(root, "bin/sdk/cli/main.js");

function render(...args: string[]) {
    return spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: "utf8" });
}

describe("pulumi-litefs render (offline, as a process)", () => {
    it("prints the example stack's objects as kubectl-ready YAML, and each pod's litefs.yml as comments", () => {
        const run = render("render", "bin/examples/basic", "--config", `image=${DIGEST_IMAGE}`, "--litefs");
        assert.equal(run.status, 0, run.stderr);
        const docs = loadAll(run.stdout).filter(Boolean) as { kind: string; metadata: { name: string } }[];
        assert.deepEqual(
            docs.map((d) => `${d.kind}/${d.metadata.name}`).sort(),
            ["Namespace/abaci", "NetworkPolicy/abaci-app", "PodDisruptionBudget/abaci-app", "Service/abaci-app", "Service/abaci-app-headless", "Service/abaci-app-primary", "StatefulSet/abaci-app"],
        );
        const pod0 = run.stdout.split("# litefs.yml that abaci-app-0 (primary) writes at start-up:\n")[1]?.split("---")[0] ?? "";
        const pod1 = run.stdout.split("# litefs.yml that abaci-app-1 (replica) writes at start-up:\n")[1] ?? "";
        assert.match(pod0, /^# {3}candidate: true$/m);
        assert.match(pod1, /^# {3}candidate: false$/m);
        assert.match(pod1, /^# {3}hostname: abaci-app-0$/m);
    });

    it("exits 1 with every problem, and prints no YAML, for a program with bad arguments", () => {
        const run = render("render", "bin/tests/fixtures/bad-program.fixture.js");
        assert.equal(run.status, 1);
        assert.equal(run.stdout, "");
        assert.match(run.stderr, /LiteFsApp "bad-app" has 2 invalid arguments/);
        assert.match(run.stderr, /args\.command: contains the shell operator "&&"/);
        assert.match(run.stderr, /args\.env\.HOSTNAME/);
    });

    it("exits 1 naming the missing config", () => {
        const run = render("render", "bin/examples/basic");
        assert.equal(run.status, 1);
        assert.match(run.stderr, /Missing required configuration variable 'pulumi-litefs-example:image'/);
    });

    it("prints usage and exits 2 without a program", () => {
        const run = render("render");
        assert.equal(run.status, 2);
        assert.match(run.stderr, /Usage: pulumi-litefs render/);
    });
});
