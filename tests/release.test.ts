import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";
import { ROOT } from "./support/cli";

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

interface Step {
    readonly run?: string;
    readonly uses?: string;
}
interface Job {
    readonly needs?: string;
    readonly if?: string;
    readonly permissions?: Record<string, string>;
    readonly steps: Step[];
}

describe("installing and releasing", () => {
    const pkg = JSON.parse(read("package.json"));

    it("builds on prepare, which npm runs for git installs and before packing", () => {
        assert.equal(pkg.scripts.prepare, "npm run build");
        assert.equal(pkg.scripts.prepack, undefined);
    });

    it("takes @pulumi/pulumi and @pulumi/kubernetes as peers (tested against the same ranges), kubernetes-models as an optional peer", () => {
        for (const name of ["@pulumi/pulumi", "@pulumi/kubernetes", "kubernetes-models"]) {
            assert.equal(pkg.dependencies[name], undefined, `${name} is a dependency`);
            assert.equal(pkg.peerDependencies[name], pkg.devDependencies[name], `${name}: peer and dev ranges differ`);
        }
        assert.deepEqual(pkg.peerDependenciesMeta, { "kubernetes-models": { optional: true } });
        assert.deepEqual(Object.keys(pkg.dependencies), ["js-yaml"]);
    });

    it("keeps TypeScript below 7 for our own build (@pulumi/pulumi's peer range)", () => {
        assert.match(pkg.devDependencies.typescript, /^[~^]?[56]\./);
    });

    it(".ci/run installs from the lockfile, then runs the test commands CONTRIBUTING.md documents: npm test, test:isolated, test:e2e, test:package, test:tools", () => {
        const commands = read(".ci/run")
            .split("\n")
            .filter((line) => /^npm /.test(line));
        assert.deepEqual(commands, [
            "npm ci --no-audit --no-fund",
            "npm test",
            "npm run test:isolated",
            "npm run test:e2e",
            "npm run test:package",
            "npm run test:tools",
        ]);
        // test:tools runs the backup scripts with Debian's tools: CI installs whichever is missing.
        assert.match(read(".ci/run"), /apt-get install -y --no-install-recommends ca-certificates "\$\{missing\[@\]\}"/);
        for (const tool of ["rclone", "sqlite3", "curl", "gzip", "busybox"])
            assert.match(read(".ci/run"), new RegExp(`for tool in .*\\b${tool}\\b`));
        // The metrics tools tests need promtool (Debian's prometheus) and nginx (nginx-light).
        assert.match(read(".ci/run"), /command -v promtool .*missing\+=\(prometheus\)/);
        assert.match(read(".ci/run"), /command -v nginx .*missing\+=\(nginx-light\)/);
        const contributing = read("CONTRIBUTING.md");
        for (const command of [
            "npm test",
            "npm run test:isolated",
            "npm run test:e2e",
            "npm run test:package",
            "npm run test:tools",
            "npm run bench",
        ])
            assert.ok(contributing.includes(command), command);
        // The README's quickstart gives the user's two commands.
        const readme = read("README.md");
        for (const command of ["npm ci && npm run render:example", "npm test"]) assert.ok(readme.includes(command), command);
    });

    it("the workflow tests every push and pull request, and publishes a version tag with provenance after the tests", () => {
        const workflow = load(read(".github/workflows/ci.yml")) as {
            on: Record<string, { tags?: string[] } | null>;
            permissions: Record<string, string>;
            jobs: Record<string, Job>;
        };
        assert.ok("push" in workflow.on && "pull_request" in workflow.on);
        assert.deepEqual(workflow.on.push?.tags, ["v*"]);
        assert.deepEqual(workflow.permissions, { contents: "read" });
        assert.ok(workflow.jobs.test.steps.some((s) => s.run === ".ci/run"));
        const publish = workflow.jobs.publish;
        assert.equal(publish.needs, "test");
        assert.equal(publish.if, "startsWith(github.ref, 'refs/tags/v')");
        assert.equal(publish.permissions?.["id-token"], "write");
        const runs = publish.steps.map((s) => s.run).filter(Boolean);
        assert.ok(runs.includes("npm publish --provenance --access public"));
        assert.ok(runs.some((r) => r?.includes("v$(node -p 'require(\"./package.json\").version')")));
    });
});
