import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { STATEFULSET } from "../support/app";
import { computedOutputs, registered, settle } from "../support/mocks";

const IMAGE = "docker-build:index:Image";
const DIGEST = `sha256:${"c".repeat(64)}`;

describe("examples/docker-build (build with @pulumi/docker-build, deploy by digest)", () => {
    let stack: typeof import("../../examples/docker-build/index.js");
    let start: number;
    before(async () => {
        // What docker-build reports after a push: the digest, and the tag pinned by it.
        computedOutputs[IMAGE] = (inputs) => ({ digest: DIGEST, ref: `${inputs.tags[0]}@${DIGEST}` });
        pulumi.runtime.setConfig(`${pulumi.getProject()}:repository`, "ghcr.io/org/app");
        start = registered.length;
        stack = await import("../../examples/docker-build/index.js");
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
