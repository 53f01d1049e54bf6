import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { STATEFULSET } from "./support/app";
import { computedOutputs, registered, settle } from "./support/mocks";

const root = path.resolve(__dirname, "../..");
const IMAGE = "docker-build:index:Image";
const DIGEST = `sha256:${"c".repeat(64)}`;

describe("examples/docker-build (build with @pulumi/docker-build, deploy by digest)", () => {
    let stack: typeof import("../examples/docker-build/index.js");
    let start: number;
    before(async () => {
        // What docker-build reports after a push: the digest, and the tag pinned by it.
        computedOutputs[IMAGE] = (inputs) => ({ digest: DIGEST, ref: `${inputs.tags[0]}@${DIGEST}` });
        pulumi.runtime.setConfig(`${pulumi.getProject()}:repository`, "ghcr.io/org/app");
        start = registered.length;
        stack = await import("../examples/docker-build/index.js");
        await settle(stack.statefulSet);
    });
    after(() => delete computedOutputs[IMAGE]);

    it("builds and pushes the image", () => {
        const image = registered.slice(start).find((r) => r.type === IMAGE);
        assert.equal(image?.inputs.push, true);
        assert.deepEqual(image?.inputs.tags, ["ghcr.io/org/app:test"]);
    });

    it("deploys the pushed image pinned by digest", async () => {
        const sts = registered.slice(start).find((r) => r.type === STATEFULSET);
        const ref = `ghcr.io/org/app:test@${DIGEST}`;
        assert.equal(sts?.inputs.spec.template.spec.containers[0].image, ref);
        assert.equal(await settle(stack.imageRef), ref);
    });
});

describe("an image Output that is unknown at preview (docker-build's ref before a push)", () => {
    type Resource = { type: string; name: string; inputs: any; unknowns: string[] };
    let resources: Resource[];
    before(() => {
        const run = spawnSync(process.execPath, [path.join(root, "bin/tests/fixtures/preview-image.fixture.js")], {
            cwd: root,
            encoding: "utf8",
        });
        assert.equal(run.status, 0, run.stderr);
        resources = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "[]");
    });

    it("still registers every object of the app", () => {
        // Children register as their dependencies resolve, so their order is not a contract.
        assert.deepEqual(
            resources.map((r) => r.type).sort(),
            [
                IMAGE,
                "pulumi-litefs:index:LiteFsApp",
                "kubernetes:core/v1:Namespace",
                "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                "kubernetes:core/v1:Service",
                "kubernetes:core/v1:Service",
                "kubernetes:core/v1:Service",
                "kubernetes:policy/v1:PodDisruptionBudget",
                STATEFULSET,
            ].sort(),
        );
    });

    it("leaves only the container image unknown in the StatefulSet", () => {
        const sts = resources.find((r) => r.type === STATEFULSET);
        assert.deepEqual(sts?.unknowns, ["inputs.spec.template.spec.containers[0].image"]);
        assert.ok(sts);
        const { spec } = sts.inputs;
        assert.equal(spec.replicas, 2);
        assert.equal(spec.serviceName, "abaci-app-headless");
        assert.equal(spec.volumeClaimTemplates[0].spec.resources.requests.storage, "5Gi");
        assert.deepEqual(spec.template.spec.containers[0].command.slice(0, 2), ["/bin/sh", "-c"]);
        assert.match(spec.template.spec.containers[0].command[2], /litefs/);
    });
});
