import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "../../..");
const tsc = path.join(root, "node_modules/typescript/bin/tsc");

function run(command: string, args: string[], cwd: string) {
    const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
    if (result.error) throw result.error;
    return result;
}

const NPM_FLAGS = ["--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline"];

const CONSUMER_TS = `import * as pulumi from "@pulumi/pulumi";
import { LiteFsApp, type LiteFsAppArgs } from "pulumi-litefs";
const args: LiteFsAppArgs = {
    image: pulumi.output("ghcr.io/org/app@sha256:${"b".repeat(64)}"),
    namespace: "shop",
    replicas: 2,
    port: 3000,
    command: "node server.js",
    litefs: { data: { retention: "30m" } },
};
export const app = new LiteFsApp("shop", args);
`;

const CONSUMER_RUN = `const pulumi = require("@pulumi/pulumi");
const seen = [];
pulumi.runtime.setMocks({
    newResource: (a) => { seen.push(a.type + "::" + a.name); return { id: a.name, state: a.inputs }; },
    call: () => ({}),
}, "consumer", "dev", false);
const { app } = require("./index.js");
let name;
app.statefulSetName.apply((n) => { name = n; });
// Once the event loop is empty, every registration has reached the mocks.
process.once("beforeExit", () => { console.log(JSON.stringify({ name, seen })); });
`;

const CONSUMER_SCHEMA = `const path = require("path");
const { ComponentProvider, getPulumiComponents } = require("@pulumi/pulumi/provider/experimental");
const dirname = path.dirname(require.resolve("pulumi-litefs/package.json"));
const provider = new ComponentProvider({ name: "pulumi-litefs", dirname, components: getPulumiComponents(require("pulumi-litefs")) });
provider.getSchema().then((schema) => console.log(JSON.stringify(Object.keys(JSON.parse(schema).resources["pulumi-litefs:index:LiteFsApp"].inputProperties))));
`;

/** The JSON block the README shows after `<!-- consumer-tsconfig -->`. */
function readmeTsconfig(): string {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const block = /<!-- consumer-tsconfig -->\n```json\n([\s\S]*?)```/.exec(readme);
    if (!block) throw new Error("README.md has no consumer tsconfig block");
    return block[1];
}

/** A package's own files (not its nested node_modules), in bytes. */
function packageBytes(dir: string): number {
    let total = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === "node_modules") continue;
        const file = path.join(dir, entry.name);
        total += entry.isDirectory() ? packageBytes(file) : fs.statSync(file).size;
    }
    return total;
}

/**
 * Every package folder reachable from `names` through `dependencies` and `peerDependencies`, resolved as Node
 * does (the nearest node_modules upwards from the dependent).
 */
function closure(consumer: string, names: string[]): Set<string> {
    const seen = new Set<string>();
    const visit = (from: string, name: string) => {
        for (let dir = from; ; dir = path.dirname(dir)) {
            const candidate = path.join(dir, "node_modules", name);
            if (fs.existsSync(path.join(candidate, "package.json"))) {
                if (seen.has(candidate)) return;
                seen.add(candidate);
                const manifest = JSON.parse(fs.readFileSync(path.join(candidate, "package.json"), "utf8"));
                for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) visit(candidate, dep);
                return;
            }
            // Optional peers that are not installed, and nothing above the consumer, end the search.
            if (dir === consumer) return;
        }
    };
    for (const name of names) visit(consumer, name);
    return seen;
}

describe("the npm package", function () {
    this.timeout(180_000);
    let dir: string;
    let files: string[];
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-pack-"));
        // The test command has just built bin/, so packing skips the prepack build.
        const pack = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], root);
        assert.equal(pack.status, 0, pack.stderr);
        const [info] = JSON.parse(pack.stdout);
        files = info.files.map((f: { path: string }) => f.path);
        const consumer = path.join(dir, "consumer");
        fs.mkdirSync(consumer);
        fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
        const install = run("npm", ["install", ...NPM_FLAGS, path.join(dir, info.filename), "@types/node@20"], consumer);
        assert.equal(install.status, 0, install.stderr);
        // The consumer tsconfig.json the README recommends, compiled to the folder itself so run.js finds index.js.
        const tsconfig = JSON.parse(readmeTsconfig());
        fs.writeFileSync(
            path.join(consumer, "tsconfig.json"),
            JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, outDir: "." } }),
        );
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    // 2.1 MB: pulumi-litefs's own files (about 2.0 MB unpacked: the TypeScript source the schema analyzer reads, the
    // compiled SDK, declarations and source maps; sidecar mode, failover and the backup checks added about 0.4 MB of
    // them). No new package may come with them (the list below). Its js-yaml 4 is the copy @pulumi/pulumi installs.
    it("installs at most 2.1 MB beyond @pulumi/pulumi and @pulumi/kubernetes, only itself, without kubernetes-models", () => {
        const consumer = path.join(dir, "consumer");
        assert.ok(!fs.existsSync(path.join(consumer, "node_modules/kubernetes-models")), "kubernetes-models was installed");
        const peers = closure(consumer, ["@pulumi/pulumi", "@pulumi/kubernetes"]);
        const extra = [...closure(consumer, ["pulumi-litefs"])].filter((p) => !peers.has(p));
        const bytes = extra.reduce((sum, p) => sum + packageBytes(p), 0);
        assert.deepEqual(extra.map((p) => path.basename(p)).sort(), ["pulumi-litefs"]);
        assert.ok(bytes < 2_100_000, `${bytes} bytes beyond the peers`);
    });

    it("doctor and recover work without kubernetes-models; render names it and how to install it (exit 2), then works", () => {
        const consumer = path.join(dir, "consumer");
        const bin = path.join(consumer, "node_modules/.bin/pulumi-litefs");
        fs.copyFileSync(path.join(root, "examples/basic/app.yaml"), path.join(consumer, "app.yaml"));
        assert.equal(run(bin, ["recover", "app.yaml"], consumer).status, 0);
        assert.equal(run(bin, ["doctor", "app.yaml"], consumer).status, 0);
        const missing = run(bin, ["render", "app.yaml"], consumer);
        assert.equal(missing.status, 2);
        assert.match(missing.stderr, /kubernetes-models, an optional peer dependency/);
        assert.match(missing.stderr, /npm install --save-dev kubernetes-models@\^4\.5\.1/);
        const install = run("npm", ["install", ...NPM_FLAGS, "--save-dev", "kubernetes-models@^4.5.1"], consumer);
        assert.equal(install.status, 0, install.stderr);
        const rendered = run(bin, ["render", "app.yaml"], consumer);
        assert.equal(rendered.status, 0, rendered.stderr);
        assert.match(rendered.stdout, /^kind: StatefulSet$/m);
    });

    it("ships the compiled SDK with its type declarations, and no tests or examples", () => {
        for (const file of [
            "package.json",
            "bin/sdk/index.js",
            "bin/sdk/index.d.ts",
            "bin/sdk/args/index.d.ts",
            "bin/sdk/startup/script.js",
        ])
            assert.ok(files.includes(file), `${file} is missing from the package`);
        assert.deepEqual(
            files.filter((f) => /^(bin\/tests|bin\/examples|tests|examples)\//.test(f)),
            [],
        );
    });

    it("ships what the Pulumi plugin host needs to infer the schema: PulumiPlugin.yaml, tsconfig.json and the TypeScript source", () => {
        for (const file of ["PulumiPlugin.yaml", "tsconfig.json", "index.ts", "sdk/index.ts", "sdk/args/index.ts", "sdk/litefs-app.ts"])
            assert.ok(files.includes(file), `${file} is missing from the package`);
    });

    it("infers the schema from the installed package, without TypeScript installed (the SDK's vendored compiler)", () => {
        const consumer = path.join(dir, "consumer");
        assert.ok(!fs.existsSync(path.join(consumer, "node_modules/typescript")));
        fs.writeFileSync(path.join(consumer, "schema.js"), CONSUMER_SCHEMA);
        const result = run(process.execPath, ["schema.js"], consumer);
        assert.equal(result.status, 0, result.stderr);
        const inputs: string[] = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "[]");
        assert.ok(inputs.includes("image") && inputs.includes("litefs"), inputs.join(", "));
    });

    it("type-checks a TypeScript consumer, and rejects an unknown argument at compile time", () => {
        const consumer = path.join(dir, "consumer");
        fs.writeFileSync(path.join(consumer, "index.ts"), CONSUMER_TS);
        // TypeScript 5.9, our pinned compiler; the README's tsconfig is the one written in before().
        const ok = run(process.execPath, [tsc, "-p", "."], consumer);
        assert.equal(ok.status, 0, ok.stdout + ok.stderr);

        fs.writeFileSync(path.join(consumer, "index.ts"), CONSUMER_TS.replace("replicas: 2", "replica: 2"));
        const bad = run(process.execPath, [tsc, "-p", ".", "--noEmit"], consumer);
        assert.notEqual(bad.status, 0);
        assert.match(bad.stdout, /'replica' does not exist in type 'LiteFsAppArgs'/);
        fs.writeFileSync(path.join(consumer, "index.ts"), CONSUMER_TS);
    });

    it("type-checks the same consumer with TypeScript 6 and the README's tsconfig (no TS5107)", () => {
        const consumer = path.join(dir, "consumer");
        // Outside the consumer, so the schema test above still finds no TypeScript there.
        const ts6 = path.join(dir, "typescript-6");
        fs.mkdirSync(ts6);
        fs.writeFileSync(path.join(ts6, "package.json"), JSON.stringify({ name: "ts6", version: "1.0.0", private: true }));
        const install = run("npm", ["install", ...NPM_FLAGS, "typescript@6"], ts6);
        assert.equal(install.status, 0, install.stderr);
        const tsc6 = path.join(ts6, "node_modules/typescript/bin/tsc");
        assert.match(run(process.execPath, [tsc6, "--version"], consumer).stdout, /^Version 6\./);
        const ok = run(process.execPath, [tsc6, "-p", ".", "--noEmit"], consumer);
        assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    });

    it("constructs LiteFsApp from the installed package under mocks", () => {
        const consumer = path.join(dir, "consumer");
        fs.writeFileSync(path.join(consumer, "run.js"), CONSUMER_RUN);
        const result = run(process.execPath, ["run.js"], consumer);
        assert.equal(result.status, 0, result.stderr);
        const { name, seen } = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}");
        assert.equal(name, "shop");
        assert.equal(seen[0], "pulumi-litefs:index:LiteFsApp::shop");
        assert.deepEqual(
            seen.slice(1).sort(),
            [
                "kubernetes:core/v1:Namespace::shop-namespace",
                "kubernetes:core/v1:Service::shop-headless",
                "kubernetes:networking.k8s.io/v1:NetworkPolicy::shop-network-policy",
                "kubernetes:apps/v1:StatefulSet::shop-statefulset",
                "kubernetes:core/v1:Service::shop-read",
                "kubernetes:core/v1:Service::shop-primary",
                "kubernetes:policy/v1:PodDisruptionBudget::shop-pdb",
            ].sort(),
        );
    });
});

describe("installing from a git URL", function () {
    this.timeout(600_000);
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-git-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("builds the package on install (prepare), so it has the compiled SDK and a working binary", () => {
        // What npm does for git+https://…: clone, install with devDependencies, run prepare, pack, install.
        // A clone of this repository's committed HEAD stands in for the remote.
        const clone = path.join(dir, "clone");
        const cloned = run("git", ["clone", "--quiet", "--depth", "1", `file://${root}`, clone], dir);
        assert.equal(cloned.status, 0, cloned.stderr);
        assert.ok(!fs.existsSync(path.join(clone, "bin")), "the repository holds no build output");
        const consumer = path.join(dir, "consumer");
        fs.mkdirSync(consumer);
        fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
        const install = run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", `git+file://${clone}`], consumer);
        assert.equal(install.status, 0, install.stderr);
        const installed = path.join(consumer, "node_modules/pulumi-litefs");
        for (const file of ["bin/sdk/index.js", "bin/sdk/index.d.ts", "bin/sdk/cli/main.js"])
            assert.ok(fs.existsSync(path.join(installed, file)), `${file} is missing`);
        const version = run(path.join(consumer, "node_modules/.bin/pulumi-litefs"), ["--version"], consumer);
        assert.equal(version.status, 0, version.stderr);
        assert.equal(version.stdout, `${JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version}\n`);
    });
});
