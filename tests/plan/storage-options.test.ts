import * as assert from "node:assert/strict";
import { planLiteFsOptions } from "../../sdk/plan/litefs-options";
import { planStorage } from "../../sdk/plan/storage";
import { args, ctx, rulesOf, run } from "./support";

describe("plan/storage: database, volume and directories", () => {
    it("defaults every part and trims trailing slashes", () => {
        assert.deepEqual(run(planStorage, args()), {
            value: {
                database: "sqlite.db",
                storage: { size: "1Gi", storageClassName: undefined, accessModes: ["ReadWriteOnce"], annotations: {}, labels: {} },
                dataDir: "/var/lib/litefs",
                fuseDir: "/litefs",
                fuseVolumeDir: "/litefs",
                configDir: "/etc/litefs",
            },
            problems: [],
        });
        assert.equal(run(planStorage, args({ litefs: { data: { dir: "/data//" } } })).value.dataDir, "/data");
    });

    it("sidecar mode: mounts LiteFS in a subdirectory of the volume the app shares, never at its root", () => {
        const sidecar = run(planStorage, args({ liteFsSidecar: {}, litefs: { fuse: { dir: "/data/litefs/" } } })).value;
        assert.equal(sidecar.fuseVolumeDir, "/data/litefs");
        assert.equal(sidecar.fuseDir, "/data/litefs/db");
    });

    it("refuses each storage and directory mistake by its rule", () => {
        const rules = (overrides: Parameters<typeof args>[0]) => rulesOf(run(planStorage, args(overrides)));
        assert.deepEqual(rules({ database: "db/x.db" }), ["database-name"]);
        assert.deepEqual(rules({ database: "x.db-wal" }), ["database-suffix"]);
        assert.deepEqual(rules({ storage: { size: "5 GB" } }), ["storage-size"]);
        assert.deepEqual(rules({ storage: { size: "0Gi" } }), ["storage-size-positive"]);
        // A number and a bare numeric string are refused alike: "5" would be a 5-byte volume.
        assert.deepEqual(rules({ storage: { size: 5 as never } }), ["storage-size"]);
        assert.deepEqual(rules({ storage: { size: "5" } }), ["storage-size-positive"]);
        assert.deepEqual(rules({ storage: { size: "1048575" } }), ["storage-size-positive"]);
        assert.deepEqual(rules({ storage: { size: "0.5Mi" } }), ["storage-size-positive"]);
        for (const size of ["1Mi", "1048576", "2M", "1e7", "0.5Gi", "5Gi"]) assert.deepEqual(rules({ storage: { size } }), [], size);
        assert.deepEqual(rules({ storage: { storageClassName: "Fast" } }), ["storage-class"]);
        assert.deepEqual(rules({ litefs: { data: { dir: "data" } } }), ["dir-absolute"]);
        assert.deepEqual(rules({ litefs: { fuse: { dir: "/var/lib/litefs/db" } } }), ["fuse-dir-data-dir"]);
        assert.deepEqual(rules({ litefs: { data: { dir: "/etc/litefs/data" } } }), ["dir-config-overlap"]);
        assert.deepEqual(rules({ litefs: { fuse: { dir: "/usr" } } }), ["dir-system"]);
    });
});

describe("plan/litefs-options: litefs and proxy settings", () => {
    it("converts camelCase options to litefs.yml keys, without the directories other modules place", () => {
        const { value, problems } = planLiteFsOptions(
            args({ litefs: { data: { dir: "/data", retention: "1h" }, log: { format: "json" } } }),
            ctx,
        );
        assert.deepEqual(problems, []);
        assert.deepEqual(value, { litefs: { data: { retention: "1h" }, log: { format: "json" } } });
    });

    it("sets max-lag 0s when replicas stay ready without the primary", () => {
        const { value } = run(planLiteFsOptions, args({ proxy: { port: 8081 }, probes: { replicasReadyWithoutPrimary: true } }));
        assert.deepEqual(value.proxy, { port: 8081, settings: { "max-lag": "0s" } });
    });

    it("refuses unknown, managed and mistyped keys and a passthrough over the health path, by rule", () => {
        const rules = (overrides: Parameters<typeof args>[0]) => rulesOf(run(planLiteFsOptions, args(overrides)));
        assert.deepEqual(rules({ litefs: { skipSink: true } as never }), ["litefs-unknown-key"]);
        assert.deepEqual(rules({ litefs: { exec: "x" } as never }), ["litefs-managed-key"]);
        assert.deepEqual(rules({ proxy: { alwaysForward: ["/"] } as never }), ["proxy-always-forward"]);
        assert.deepEqual(rules({ proxy: { maxLag: 10 as never } }), ["litefs-duration"]);
        assert.deepEqual(rules({ litefs: { skipSync: "true" as never } }), ["litefs-value-type"]);
        assert.deepEqual(rules({ proxy: { passthrough: ["/litefs/*"] } }), ["proxy-passthrough-health"]);
    });
});
