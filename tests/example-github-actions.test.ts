import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";
import { envPairs, parseDockerfile, type Stage, stages as buildStages } from "../sdk/doctor/dockerfile";
import { parseImageReference } from "../sdk/validation/image-reference";

const dir = path.resolve(__dirname, "../../examples/github-actions");

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
