/** The fixes a new user is given: each must be right to paste (issue 12 §2). */
import * as assert from "node:assert/strict";
import { planApp } from "../sdk/plan";
import { exampleArgs } from "./support/app";
import { problemAt, refused } from "./support/refused";

describe("fixes that are right to paste", () => {
    it('[resources] cpu: 0.5 (a number) suggests "500m" or "0.5", never "0.5m"; the unit hint names m', async () => {
        const error = await refused("abaci-app", { ...exampleArgs(), resources: { requests: { cpu: 0.5 } } });
        problemAt(
            error,
            "args.resources.requests.cpu",
            /millicores with the suffix m \("500m"\)/,
            /^write it as a string: "500m" \(0\.5 CPU in millicores\) or "0\.5"\.$/,
        );
        assert.doesNotMatch(error.problems[0].fix, /0\.5m/);
        const two = await refused("abaci-app", { ...exampleArgs(), resources: { limits: { cpu: 2 } } });
        problemAt(two, "args.resources.limits.cpu", /quantity/, /"2000m" \(2 CPU in millicores\) or "2"/);
    });

    it("[resources] memory: 512 (a number) suggests a unit, and says a bare number is bytes", async () => {
        const error = await refused("abaci-app", { ...exampleArgs(), resources: { limits: { memory: 512 } } });
        problemAt(error, "args.resources.limits.memory", /binary suffix/, /"512Mi" \(a number without a unit counts bytes\)/);
    });

    it("[port-clash] port: 20202 says apiPort's default is 20202, which the user never set, and blames port", async () => {
        const error = await refused("abaci-app", exampleArgs({ port: 20202 }));
        assert.deepEqual(
            error.problems.map((p) => p.path),
            ["args.port"],
        );
        problemAt(error, "args.port", /LiteFS's API port \(apiPort\) by default \(you did not set it\)/, /e\.g\. 3000/);
        // Both set: the plain message.
        const both = await refused("abaci-app", exampleArgs({ port: 4000, apiPort: 4000 }));
        problemAt(
            both,
            "args.apiPort",
            /^is 4000, the same port as args\.port; each must be distinct\.$/,
            /another port for args\.apiPort/,
        );
    });

    it('[database-name] database: "/data/app.db" suggests "app.db" and the path the app must open', async () => {
        const error = await refused("abaci-app", exampleArgs({ database: "/data/app.db" }));
        problemAt(
            error,
            "args.database",
            /plain file name: LiteFS keeps every database directly in its FUSE directory/,
            /^write database: "app\.db"; the app then opens \/litefs\/app\.db \(fuse\.dir and the name, also given to the app as \$LITEFS_DATABASE_PATH\)\.$/,
        );
        const custom = await refused("abaci-app", exampleArgs({ database: "db/notes.sqlite", litefs: { fuse: { dir: "/mnt/db" } } }));
        problemAt(custom, "args.database", /plain file name/, /database: "notes\.sqlite"; the app then opens \/mnt\/db\/notes\.sqlite/);
    });

    it("[litefs-value-type] proxy: true says proxy: {}", async () => {
        const error = await refused("abaci-app", { ...exampleArgs(), proxy: true });
        problemAt(
            error,
            "args.proxy",
            /must be an object of proxy settings, got true/,
            /^write proxy: \{\} to turn the proxy on with its defaults \(port 8080\)/,
        );
    });

    it("[env-hostname] HOSTNAME is explained in our own words, citing nothing the user doesn't have", async () => {
        const error = await refused("abaci-app", exampleArgs({ env: { HOSTNAME: "0.0.0.0" } }));
        problemAt(error, "args.env.HOSTNAME", /gives every pod the same name/, /env HOSTNAME=0\.0\.0\.0 node server\.js/);
        assert.doesNotMatch(error.message, /gotcha|guide/);
    });
});

describe("refusals that were missing", () => {
    for (const namespace of ["default", "kube-system", "kube-public", "kube-node-lease"])
        it(`[namespace-shared] refuses namespace: ${namespace} with createNamespace on, with the fix`, async () => {
            const error = await refused("abaci-app", exampleArgs({ namespace }));
            problemAt(
                error,
                "args.namespace",
                new RegExp(`^is "${namespace}", a namespace Kubernetes itself creates and shares, while createNamespace is on`),
                new RegExp(`namespace: "abaci-app", the default\\), or keep "${namespace}" with createNamespace: false\\.$`),
            );
        });

    it("accepts a shared namespace with createNamespace: false (checked through the plan only)", () => {
        const result = planApp("abaci-app", exampleArgs({ namespace: "default", createNamespace: false }));
        assert.ok(result.ok, result.ok ? "" : result.problems.map((p) => p.message).join("\n"));
    });
});
