import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { load } from "js-yaml";
import { envPairs, parseDockerfile, type Stage, stages as buildStages } from "../../sdk/doctor/dockerfile";
import { parseImageReference } from "../../sdk/validation/image-reference";

const dir = path.resolve(__dirname, "../../../examples/github-actions");

interface Step {
    id?: string;
    name?: string;
    uses?: string;
    run?: string;
    "working-directory"?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
}

/** A step's script with its own `$VAR`/`${VAR}` env references replaced by their workflow expressions. */
function expandRun(step: Step): string {
    return (step.run ?? "").replace(/\$\{?(\w+)\}?/g, (ref, name: string) => step.env?.[name] ?? ref);
}

describe("examples/github-actions/deploy.yml (build, push to GHCR, pulumi up by digest)", () => {
    const workflow = load(fs.readFileSync(path.join(dir, "deploy.yml"), "utf8")) as {
        permissions: Record<string, string>;
        env: Record<string, string>;
        jobs: Record<string, { steps: Step[] }>;
    };
    const jobs = Object.values(workflow.jobs);
    const steps = jobs[0].steps;
    const index = (predicate: (s: Step) => boolean, what: string) => {
        const i = steps.findIndex(predicate);
        assert.ok(i >= 0, `no step ${what}`);
        return i;
    };
    const uses = (action: string) => (s: Step) => s.uses?.split("@")[0] === action;

    it("is one job, and pins every action to an exact version or commit", () => {
        assert.equal(jobs.length, 1);
        for (const step of steps.filter((s) => s.uses))
            assert.match(step.uses ?? "", /@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/, `${step.uses} is not pinned to an exact version`);
    });

    it("logs in to ghcr.io with permission to push packages", () => {
        assert.equal(workflow.permissions.packages, "write");
        assert.equal(steps[index(uses("docker/login-action"), "logging in")].with?.registry, "ghcr.io");
    });

    it("builds and pushes the image to ghcr.io, exposing the digest through a step id", () => {
        const build = steps[index(uses("docker/build-push-action"), "building")];
        assert.ok(build.id, "the build step needs an id for its digest output");
        assert.equal(build.with?.push, true);
        assert.equal(build.with?.file, "Dockerfile");
        const tags = String(build.with?.tags);
        const nameStep = steps.find((s) => s.id === /steps\.(\w+)\.outputs\.name/.exec(tags)?.[1]);
        assert.match(nameStep?.run ?? tags, /ghcr\.io\//);
        assert.ok(index(uses("docker/login-action"), "logging in") < steps.indexOf(build), "log in before pushing");
    });

    it("sets config `image` to <ghcr.io image>@<the pushed digest>, then runs pulumi up on the same stack", () => {
        const buildId = steps[index(uses("docker/build-push-action"), "building")].id;
        const configAt = index((s) => /pulumi config set image /.test(s.run ?? ""), "setting config image");
        const config = steps[configAt];
        assert.match(
            expandRun(config),
            new RegExp(
                `pulumi config set image "\\$\\{\\{ steps\\.image\\.outputs\\.name \\}\\}@\\$\\{\\{ steps\\.${buildId}\\.outputs\\.digest \\}\\}"`,
            ),
        );
        const installAt = index((s) => uses("pulumi/actions")(s) && !s.with?.command, "installing the Pulumi CLI");
        const upAt = index((s) => uses("pulumi/actions")(s) && s.with?.command === "up", "running pulumi up");
        assert.ok(installAt < configAt && configAt < upAt, "install the CLI, set the image, then pulumi up");
        const up = steps[upAt];
        assert.equal(up.with?.["work-dir"], config["working-directory"]);
        assert.match(expandRun(config), /--stack "\$\{?STACK\}?"/);
        assert.equal(up.with?.["stack-name"], "${{ env.STACK }}");
        assert.ok(workflow.env.STACK);
    });
});

/** What the workflow's `${{ … }}` expressions resolve to in the runs below. */
const EXPRESSIONS: Record<string, string> = {
    "steps.image.outputs.name": "ghcr.io/acme/notes",
    "steps.build.outputs.digest": `sha256:${"d".repeat(64)}`,
    "secrets.PULUMI_ACCESS_TOKEN": "pul-test",
};
const resolve = (value: string) =>
    value.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, expression: string) => EXPRESSIONS[expression] ?? assert.fail(`unknown ${expression}`));

/** A stand-in for the Pulumi CLI: `pulumi config set KEY VALUE --stack ORG/PROJECT/STACK` edits Pulumi.STACK.yaml, as the real one does. */
const FAKE_PULUMI = `#!/bin/sh
[ "$1 $2" = "config set" ] && [ "$5" = "--stack" ] || { echo "unexpected: pulumi $*" >&2; exit 2; }
printf 'config:\\n  app:%s: %s\\n' "$3" "$4" > "Pulumi.\${6##*/}.yaml"
`;

describe("examples/github-actions/deploy.yml: the deployed image is committed, so a laptop's pulumi up cannot roll it back", () => {
    const workflow = load(fs.readFileSync(path.join(dir, "deploy.yml"), "utf8")) as {
        permissions: Record<string, string>;
        env: Record<string, string>;
        jobs: Record<string, { steps: Step[] }>;
    };
    const steps = Object.values(workflow.jobs)[0].steps;
    const configAt = steps.findIndex((s) => /pulumi config set image /.test(s.run ?? ""));
    const commitAt = steps.findIndex((s) => /\bgit push\b/.test(s.run ?? ""));
    const upAt = steps.findIndex((s) => s.with?.command === "up");

    it("may push (contents: write), and commits after setting the image and before pulumi up, in the same folder", () => {
        assert.equal(workflow.permissions.contents, "write");
        assert.ok(configAt >= 0 && commitAt >= 0 && upAt >= 0);
        assert.ok(configAt < commitAt && commitAt < upAt, "set the image, commit and push it, then pulumi up");
        assert.equal(steps[commitAt]["working-directory"], steps[configAt]["working-directory"]);
        assert.equal(steps[upAt].with?.["work-dir"], steps[commitAt]["working-directory"]);
    });

    it("run under sh with git: pushes the stack file naming the new digest, once; a re-run pushes nothing", function () {
        this.timeout(20_000);
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-gha-"));
        try {
            const git = (cwd: string, ...args: string[]) =>
                execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
                    cwd,
                    encoding: "utf8",
                    stdio: ["ignore", "pipe", "pipe"],
                }).trim();
            const remote = path.join(tmp, "remote.git");
            const work = path.join(tmp, "work");
            git(tmp, "init", "-q", "--bare", "-b", "main", remote);
            git(tmp, "clone", "-q", remote, work);
            fs.mkdirSync(path.join(work, "infra"));
            fs.writeFileSync(path.join(work, "infra/Pulumi.production.yaml"), "config:\n  app:image: ghcr.io/acme/notes@sha256:old\n");
            git(work, "checkout", "-q", "-b", "main");
            git(work, "add", ".");
            git(work, "commit", "-q", "-m", "initial");
            git(work, "push", "-q", "origin", "main");
            const bin = path.join(tmp, "bin");
            fs.mkdirSync(bin);
            fs.writeFileSync(path.join(bin, "pulumi"), FAKE_PULUMI, { mode: 0o755 });

            const runStep = (step: Step) => {
                const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, resolve(v)]));
                const out = spawnSync("sh", ["-eu", "-c", step.run ?? ""], {
                    cwd: path.join(work, step["working-directory"] ?? "."),
                    encoding: "utf8",
                    env: { PATH: `${bin}:${process.env.PATH}`, HOME: tmp, STACK: workflow.env.STACK, GITHUB_REF_NAME: "main", ...env },
                });
                assert.equal(out.status, 0, out.stderr);
                return out.stdout;
            };
            runStep(steps[configAt]);
            runStep(steps[commitAt]);
            const pushed = git(remote, "show", "main:infra/Pulumi.production.yaml");
            assert.equal(pushed, `config:\n  app:image: ghcr.io/acme/notes@${EXPRESSIONS["steps.build.outputs.digest"]}`);
            assert.match(
                git(remote, "log", "-1", "--format=%s", "main"),
                /^Deploy ghcr\.io\/acme\/notes@sha256:d{64} to org\/abaci\/production \[skip ci\]$/,
            );
            assert.equal(git(remote, "log", "--format=%H", "main").split("\n").length, 2);

            // A re-run of the job for the same build: nothing to commit, and it must not fail.
            runStep(steps[configAt]);
            assert.match(runStep(steps[commitAt]), /Pulumi\.production\.yaml already names this image/);
            assert.equal(git(remote, "log", "--format=%H", "main").split("\n").length, 2);
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });
});

describe("examples/github-actions/Dockerfile (the app image)", () => {
    const stages = buildStages(parseDockerfile(fs.readFileSync(path.join(dir, "Dockerfile"), "utf8")));
    const final = stages[stages.length - 1];
    const all = (keyword: string, stage?: Stage) =>
        (stage ? [stage] : stages).flatMap((s) => s.instructions.filter((i) => i.keyword === keyword));

    it("bases every stage on a tagged image or an earlier stage, never an implicit :latest", () => {
        const names = new Set<string>();
        for (const stage of stages) {
            if (!names.has(stage.base)) {
                const parsed = parseImageReference(stage.base);
                const tag = parsed.ok ? parsed.ref.tag : undefined;
                assert.ok(tag && tag !== "latest", `${stage.base} needs an explicit tag`);
            }
            if (stage.name) names.add(stage.name);
        }
        assert.match(final.base, /^node:/);
    });

    it("copies the litefs binary onto PATH from an exact flyio/litefs 0.5 release", () => {
        const litefs = stages.find((s) => /^flyio\/litefs:/.test(s.base));
        assert.match(litefs?.base ?? "", /^flyio\/litefs:0\.5\.\d+(@sha256:[0-9a-f]{64})?$/);
        const from = litefs?.name ?? String(stages.indexOf(litefs as Stage));
        assert.ok(
            all("COPY", final).some((i) => i.args === `--from=${from} /usr/local/bin/litefs /usr/local/bin/litefs`),
            "the final stage must COPY --from the litefs stage /usr/local/bin/litefs /usr/local/bin/litefs",
        );
    });

    it("installs fuse3 (fusermount3) in the final stage", () => {
        assert.ok(all("RUN", final).some((i) => /\b(apt-get install|apk add)\b[^&;|]*\sfuse3\b/.test(i.args)));
    });

    it("never sets HOSTNAME", () => {
        assert.deepEqual(
            all("ENV")
                .flatMap((i) => envPairs(i.args).map(([name]) => name))
                .filter((name) => name === "HOSTNAME"),
            [],
        );
        assert.deepEqual(
            all("ARG").filter((i) => /^HOSTNAME\b/.test(i.args)),
            [],
        );
    });

    it("runs as root, with no litefs.yml or LiteFS entrypoint of its own", () => {
        assert.ok(
            all("USER", final).every((i) => /^(root|0)(:(root|0))?$/.test(i.args)),
            "LiteFS needs root for FUSE",
        );
        assert.deepEqual(all("ENTRYPOINT"), []);
        assert.deepEqual(
            [...all("COPY"), ...all("ADD")].filter((i) => /litefs\.ya?ml/.test(i.args)),
            [],
        );
    });
});
