/** How a refused value is shown: an Output is "an Output", never Pulumi's toJSON warning text. */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { shown } from "../../sdk/validation/values";
import { exampleArgs } from "../support/app";
import { refused } from "../support/refused";

describe("values shown in messages", () => {
    it("show an Output as an Output, and anything else as JSON", () => {
        assert.match(shown(pulumi.output(3000)), /^an Output, whose value is known only during the deployment/);
        assert.equal(shown(3000), "3000");
        assert.equal(shown("x"), '"x"');
        assert.equal(shown({ __pulumiOutput: "no" }), '{"__pulumiOutput":"no"}');
    });

    it("[port-range] an Output where a plain value is needed is named, not printed as Pulumi's toJSON warning", async () => {
        const error = await refused("abaci-app", {
            ...exampleArgs(),
            port: pulumi.output(3000),
            replicas: pulumi.output(2),
            storage: { size: pulumi.output("5Gi") },
        });
        assert.deepEqual(error.problems.map((p) => p.path).sort(), ["args.port", "args.replicas", "args.storage.size"]);
        for (const problem of error.problems)
            assert.match(problem.message, /got an Output, whose value is known only during the deployment/);
        assert.doesNotMatch(error.message, /toJSON/);
    });
});
