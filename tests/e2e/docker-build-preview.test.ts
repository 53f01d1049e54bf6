/**
 * examples/docker-build under a preview: the image is unknown until docker-build pushes it. A child process, since
 * the fixture runs its own Pulumi mocks in preview mode.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { STATEFULSET } from "../support/app";

const root = path.resolve(__dirname, "../../..");
const IMAGE = "docker-build:index:Image";

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
