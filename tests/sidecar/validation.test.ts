/** Sidecar mode's arguments: `liteFsSidecar` and what it refuses, each fix accepted in turn. */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { planApp } from "../../sdk/plan";
import { exampleArgs } from "../support/app";
import { problemAt, refused } from "../support/refused";

describe("sidecar mode's arguments", () => {
    for (const value of [true, "sidecar", []])
        it(`[litefs-sidecar-object] refuses liteFsSidecar: ${JSON.stringify(value)}`, async () => {
            const error = await refused("abaci-app", { ...exampleArgs(), liteFsSidecar: value });
            problemAt(error, "args.liteFsSidecar", /must be an object of sidecar settings/, /liteFsSidecar: \{\}/, "litefs-sidecar-object");
        });

    for (const image of ["flyio/litefs", "docker.io/flyio/litefs:latest", "flyio/LiteFS:0.5.14", ""])
        it(`[litefs-sidecar-image] refuses liteFsSidecar.image ${JSON.stringify(image)}: a valid reference pinned by version or digest`, async () => {
            const error = await refused("abaci-app", exampleArgs({ liteFsSidecar: { image } }));
            problemAt(error, "args.liteFsSidecar.image", /latest|reference/, /docker\.io\/flyio\/litefs:0\.5\.14/, "litefs-sidecar-image");
        });

    it("accepts a pinned copy of the official image, by version or digest, and an Output it cannot read yet", () => {
        for (const image of [
            "registry.example.com/mirror/flyio/litefs:0.5.14",
            `docker.io/flyio/litefs@sha256:${"b".repeat(64)}`,
            pulumi.output("docker.io/flyio/litefs:0.5.14"),
        ])
            assert.equal(planApp("abaci-app", exampleArgs({ liteFsSidecar: { image } })).ok, true);
    });

    it("[litefs-sidecar-fuse-mode] refuses sidecar mode with fuseAccess.mode devicePlugin, and its fix passes", async () => {
        const args = exampleArgs({ liteFsSidecar: {}, fuseAccess: { mode: "devicePlugin" } });
        const error = await refused("abaci-app", args);
        problemAt(error, "args.fuseAccess.mode", /Bidirectional.*privileged container/, /remove fuseAccess/, "litefs-sidecar-fuse-mode");
        const { fuseAccess: _removed, ...fixed } = args;
        assert.equal(planApp("abaci-app", fixed).ok, true);
        const { liteFsSidecar: _embedded, ...embedded } = args;
        assert.equal(planApp("abaci-app", embedded).ok, true, "the other fix: the device plugin with LiteFS in the app's container");
    });

    it("[resources] refuses a LiteFS container resource that is no quantity, at its own path", async () => {
        const error = await refused("abaci-app", exampleArgs({ liteFsSidecar: { resources: { requests: { cpu: "lots" } } } }));
        problemAt(error, "args.liteFsSidecar.resources.requests.cpu", /quantity/, undefined, "resources");
    });

    it("[args-unknown] refuses an unknown key in liteFsSidecar", async () => {
        const error = await refused("abaci-app", { ...exampleArgs(), liteFsSidecar: { imgae: "docker.io/flyio/litefs:0.5.14" } });
        problemAt(error, "args.liteFsSidecar.imgae", /not a known argument/, /image/, "args-unknown");
    });

    it("[litefs-managed-key] refuses fuse.allowOther: false in sidecar mode, where the app's container needs allow-other", async () => {
        const error = await refused("abaci-app", exampleArgs({ liteFsSidecar: {}, litefs: { fuse: { allowOther: false } } }));
        problemAt(error, "args.litefs.fuse.allowOther", /allow-other/, /remove it/, "litefs-managed-key");
        assert.equal(planApp("abaci-app", exampleArgs({ liteFsSidecar: {}, litefs: { fuse: { allowOther: true } } })).ok, true);
    });

    it("defaults the image to the official one, fully qualified and pinned", () => {
        const result = planApp("abaci-app", exampleArgs({ liteFsSidecar: {} }));
        assert.ok(result.ok);
        assert.equal(result.plan.liteFsSidecar?.image, "docker.io/flyio/litefs:0.5.14");
        assert.equal(result.plan.fuseDir, "/litefs/db");
        assert.equal(result.plan.fuseVolumeDir, "/litefs");
    });
});
