import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { DIGEST_IMAGE } from "../support/app";
import { registered, settle } from "../support/mocks";

describe("examples/basic (the stack pulumi up runs)", () => {
    let stack: typeof import("../../examples/basic/index.js");
    let start: number;
    before(async () => {
        pulumi.runtime.setConfig(`${pulumi.getProject()}:image`, DIGEST_IMAGE);
        start = registered.length;
        // The program creates resources at import, so it is imported only now, after the mocks are set.
        stack = await import("../../examples/basic/index.js");
        await settle(stack.statefulSet);
    });

    it("constructs the abaci app: 3 pods in namespace abaci", async () => {
        const mine = registered.slice(start);
        const sts = mine.find((r) => r.type === "kubernetes:apps/v1:StatefulSet");
        assert.equal(sts?.inputs.metadata.name, "abaci-app");
        assert.equal(sts?.inputs.spec.replicas, 3);
        assert.equal(sts?.inputs.spec.template.spec.containers[0].image, DIGEST_IMAGE);
        assert.equal(await settle(stack.namespace), "abaci");
        assert.equal(await settle(stack.primaryAdvertiseUrl), "http://abaci-app-0.abaci-app-headless.abaci.svc.cluster.local:20202");
    });
});
