import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
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

    describe("the README's install lines", () => {
        const readme = read("README.md");
        /** The packages the README's `npm install` commands (in code blocks or inline code) install, without versions. */
        const installed = [...readme.matchAll(/npm install ([^`\n#]+)/g)]
            .flatMap((m) => m[1].trim().split(/\s+/))
            .filter((word) => !word.startsWith("-"))
            .map((word) => (/^git\+.*\/pulumi-litefs\.git/.test(word) ? "pulumi-litefs" : word.replace(/(?<=.)@[^@/]*$/, "")));

        it("name only tags this repository has (a git install of a missing tag fails)", () => {
            const refs = [...readme.matchAll(/pulumi-litefs(?:\.git#|@)(v[^\s`)]+)/g)].map((m) => m[1]);
            const tags = execFileSync("git", ["tag", "--list"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
            assert.deepEqual(
                refs.filter((ref) => !tags.includes(ref)),
                [],
                `tags: ${tags.join(", ") || "none"}`,
            );
            assert.ok(installed.includes("pulumi-litefs") && installed.includes("@pulumi/pulumi"));
        });

        it("install every command the README runs with npx (npx fetches an unrelated package for a missing bin, e.g. tsc)", () => {
            // Commands: `npx …` in inline code, or a line of a code block that starts with it.
            const bins = new Set([...readme.matchAll(/(?:`|^ *)npx ([a-z][\w-]*)/gm)].map((m) => m[1]));
            assert.ok(bins.has("tsc") && bins.has("pulumi-litefs"), [...bins].join(", "));
            const binsOf = (name: string): string[] => {
                const manifest = JSON.parse(
                    name === "pulumi-litefs" ? read("package.json") : read(path.join("node_modules", name, "package.json")),
                );
                return typeof manifest.bin === "string" ? [name.split("/").at(-1) ?? name] : Object.keys(manifest.bin ?? {});
            };
            const provided = new Set(installed.flatMap(binsOf));
            assert.deepEqual(
                [...bins].filter((bin) => !provided.has(bin)),
                [],
                `the README installs ${installed.join(", ")}`,
            );
        });
    });
});
