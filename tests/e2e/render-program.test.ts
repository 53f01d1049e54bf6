/**
 * The command line rendering compiled Pulumi programs: each render is a child process (a program installs its
 * own Pulumi mocks, so it cannot share this one), which loads the Pulumi SDK. Slow, so they run in
 * `npm run test:e2e`, not in `npm test`; the renders start together and overlap.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { load, loadAll } from "js-yaml";
import { BIN, cli, cliProcessOnce, spawnCollect } from "../support/cli";
import { type Doc, kustomization, labels, numbered } from "../support/rendered";

const EXAMPLE_ARGS_FILE = "examples/basic/app.yaml";
/** The digest examples/basic/app.yaml and `npm run render:example` use. */
const EXAMPLE_IMAGE = `ghcr.io/abaci/app@sha256:${"0123456789abcdef".repeat(4)}`;
const run = cli;
const renderProgram = (...args: string[]) => cliProcessOnce("render", ...args);
const EXAMPLE_PROGRAM = ["bin/examples/basic", "--config", `image=${EXAMPLE_IMAGE}`, "--litefs"];
const BAD_PROGRAM = ["bin/tests/fixtures/bad-program.fixture.js"];
const NO_CONFIG_PROGRAM = ["bin/examples/basic"];
const RENDER_SECRET_PROGRAM = (dir: string) => [
    "render",
    "bin/tests/fixtures/secret-env.fixture.js",
    "--config",
    "apiToken=fixture-token",
    "-o",
    dir,
];

describe("pulumi-litefs render of a program", () => {
    before(() => {
        for (const args of [EXAMPLE_PROGRAM, BAD_PROGRAM, NO_CONFIG_PROGRAM]) void renderProgram(...args);
    });

    describe("a program", () => {
        it("prints the example stack's objects as kubectl-ready YAML, and each pod's litefs.yml as comments", async () => {
            const out = await renderProgram(...EXAMPLE_PROGRAM);
            assert.equal(out.status, 0, out.stderr);
            const docs = loadAll(out.stdout).filter(Boolean) as Doc[];
            // A program's objects come out in registration order, which follows dependency resolution.
            assert.deepEqual(labels(docs).sort(), [
                "Namespace/abaci",
                "NetworkPolicy/abaci-app",
                "PodDisruptionBudget/abaci-app",
                "Service/abaci-app",
                "Service/abaci-app-headless",
                "Service/abaci-app-primary",
                "StatefulSet/abaci-app",
            ]);
            const pod0 = out.stdout.split("# litefs.yml that abaci-app-0 (primary) writes at start-up:\n")[1]?.split("---")[0] ?? "";
            const pod1 = out.stdout.split("# litefs.yml that abaci-app-1 (replica) writes at start-up:\n")[1] ?? "";
            assert.match(pod0, /^# {3}candidate: true$/m);
            assert.match(pod1, /^# {3}candidate: false$/m);
            assert.match(pod1, /^# {3}hostname: abaci-app-0$/m);
        });

        it("exits 1 with every problem, one line each, and prints no YAML, for a program with bad arguments", async () => {
            const out = await renderProgram(...BAD_PROGRAM);
            assert.equal(out.status, 1);
            assert.equal(out.stdout, "");
            const lines = out.stderr.trimEnd().split("\n");
            assert.equal(lines[0], "pulumi-litefs render: 2 problems; nothing was written:");
            assert.match(lines[1], /^ {2}- bad-app: args\.command \[exec-operator\]: contains the shell operator "&&"/);
            assert.match(lines[2], /^ {2}- bad-app: args\.env\.HOSTNAME \[env-hostname\]: /);
        });

        it("exits 1 naming the missing config", async () => {
            const out = await renderProgram(...NO_CONFIG_PROGRAM);
            assert.equal(out.status, 1);
            assert.match(out.stderr, /Missing required configuration variable 'pulumi-litefs-example:image'/);
        });
    });

    describe("against an args file", () => {
        it("prints exactly what rendering the example program prints", async () => {
            const fromFile = await run("render", EXAMPLE_ARGS_FILE, "--litefs");
            const fromProgram = await renderProgram(...EXAMPLE_PROGRAM);
            assert.equal(fromFile.status, 0, fromFile.stderr);
            assert.equal(fromFile.stderr, "");
            assert.equal(fromFile.stdout, fromProgram.stdout);
        });
    });
});

describe("secrets: the offline render of a program", () => {
    it("prints placeholders, never a secret value, and never as an applicable Secret", async () => {
        const run = await cliProcessOnce(
            "render",
            "bin/tests/fixtures/secret-env.fixture.js",
            "--config",
            "apiToken=fixture-token-from-config",
            "--litefs",
        );
        assert.equal(run.status, 0, run.stderr);
        for (const secret of ["fixture-s3cr3t-session", "fixture-token-from-config"]) {
            assert.ok(!run.stdout.includes(secret), `stdout shows ${secret}`);
            assert.ok(!run.stderr.includes(secret), `stderr shows ${secret}`);
        }
        const docs = loadAll(run.stdout).filter(Boolean) as { kind: string; stringData?: Record<string, string> }[];
        // Applied, a Secret of placeholders would overwrite the real one: it is only a commented example.
        assert.equal(
            docs.find((d) => d.kind === "Secret"),
            undefined,
        );
        assert.match(run.stdout, /^# {3}SESSION_KEY: '<secret: set at deploy time>'$/m);
        assert.match(run.stdout, /^# {3}API_TOKEN: '<secret: set at deploy time>'$/m);
        assert.match(run.stderr, /2 secret value\(s\) are shown as placeholders/);
    });
});

describe("render -o DIR of a program with a secret env value", () => {
    let tmp: string;
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-gitops-"));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("never writes the Secret as an applicable object: a commented example under secrets/, with how to provide it", async () => {
        const dir = path.join(tmp, "k8s");
        const out = await spawnCollect(process.execPath, [BIN, ...RENDER_SECRET_PROGRAM(dir)]);
        assert.equal(out.status, 0, out.stderr);
        const kinds = numbered(dir).map((f) => (load(fs.readFileSync(path.join(dir, f), "utf8")) as { kind: string }).kind);
        assert.ok(!kinds.includes("Secret"), kinds.join());
        assert.ok(kinds.includes("StatefulSet"));
        assert.deepEqual(fs.readdirSync(path.join(dir, "secrets")), ["secret-vault-app-env.yaml.example"]);
        const example = fs.readFileSync(path.join(dir, "secrets/secret-vault-app-env.yaml.example"), "utf8");
        assert.deepEqual(loadAll(example).filter(Boolean), [], "the example holds no object");
        assert.match(example, /^# {3}SESSION_KEY: '<secret: set at deploy time>'$/m);
        assert.deepEqual(kustomization(dir).resources, numbered(dir));
        for (const how of [
            /secretEnv: \{ KEY: \{ secretName, key \} \}/,
            /Sealed Secrets: kubeseal/,
            /External Secrets: an ExternalSecret whose target\.name is vault-app-env/,
        ])
            assert.match(out.stderr, how);
        assert.match(out.stderr, /Secret vault-app-env \(namespace vault-app, keys API_TOKEN, SESSION_KEY\) is not written as an object/);
        // The folder is render's own on the next run.
        const again = await spawnCollect(process.execPath, [BIN, ...RENDER_SECRET_PROGRAM(dir)]);
        assert.equal(again.status, 0, again.stderr);
    });
});
