import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { recoveryCommands } from "../sdk/recovery";
import { construct, exampleArgs } from "./support/app";
import { settle } from "./support/mocks";

const root = path.resolve(__dirname, "../..");

function recoverCli(...args: string[]) {
    return spawnSync(process.execPath, [path.join(root, "bin/sdk/cli/main.js"), "recover", ...args], { cwd: root, encoding: "utf8" });
}

/** The runbook for the README's example app, every line exact. */
const EXAMPLE = `# Recovery for "cannot stream from primary with a different cluster id" in LiteFsApp abaci-app (namespace abaci).
# Run the steps in order and read each comment first: steps 4 and 5 replace a replica's copy with the primary's.

# 1. Each pod's cluster id. Replicas whose id differs from abaci-app-0's cannot stream from it.
kubectl -n abaci exec abaci-app-0 -c app -- cat /var/lib/litefs/clusterid
kubectl -n abaci exec abaci-app-1 -c app -- cat /var/lib/litefs/clusterid
kubectl -n abaci exec abaci-app-2 -c app -- cat /var/lib/litefs/clusterid

# 2. Save every pod's copy before changing anything (kubectl cp needs tar in the image).
kubectl -n abaci exec abaci-app-0 -c app -- litefs export -url http://localhost:20202 -name sqlite.db /tmp/sqlite.db
kubectl -n abaci cp -c app abaci-app-0:/tmp/sqlite.db ./abaci-app-0.sqlite.db
kubectl -n abaci exec abaci-app-1 -c app -- litefs export -url http://localhost:20202 -name sqlite.db /tmp/sqlite.db
kubectl -n abaci cp -c app abaci-app-1:/tmp/sqlite.db ./abaci-app-1.sqlite.db
kubectl -n abaci exec abaci-app-2 -c app -- litefs export -url http://localhost:20202 -name sqlite.db /tmp/sqlite.db
kubectl -n abaci cp -c app abaci-app-2:/tmp/sqlite.db ./abaci-app-2.sqlite.db

# 3. Only if a replica holds the right data (e.g. abaci-app-0's volume was replaced and it started empty):
#    import that copy into the primary. Shown for abaci-app-1; use the file of the replica you chose.
kubectl -n abaci cp -c app ./abaci-app-1.sqlite.db abaci-app-0:/tmp/sqlite.db
kubectl -n abaci exec abaci-app-0 -c app -- litefs import -url http://localhost:20202 -name sqlite.db /tmp/sqlite.db

# 4. Gentle fix, per replica: forget the old cluster id and restart. The replica adopts abaci-app-0's id and
#    takes a snapshot from it; its volume is kept. The delete may wait out the grace period (LiteFS ignores
#    SIGTERM while it retries).
# abaci-app-1
kubectl -n abaci exec abaci-app-1 -c app -- rm -f /var/lib/litefs/clusterid
kubectl -n abaci delete pod abaci-app-1
# abaci-app-2
kubectl -n abaci exec abaci-app-2 -c app -- rm -f /var/lib/litefs/clusterid
kubectl -n abaci delete pod abaci-app-2

# 5. PVC fix, per replica, only if the gentle fix did not help: replace its volume. Scaling down to a replica
#    also stops the replicas above it until the StatefulSet is scaled back up.
# abaci-app-1
kubectl -n abaci scale statefulset abaci-app --replicas=1
kubectl -n abaci wait --for=delete pod/abaci-app-1 --timeout=5m
kubectl -n abaci delete pvc litefs-data-abaci-app-1
kubectl -n abaci scale statefulset abaci-app --replicas=3
# abaci-app-2
kubectl -n abaci scale statefulset abaci-app --replicas=2
kubectl -n abaci wait --for=delete pod/abaci-app-2 --timeout=5m
kubectl -n abaci delete pvc litefs-data-abaci-app-2
kubectl -n abaci scale statefulset abaci-app --replicas=3`;

describe("recovery commands for a different cluster id", () => {
    it("are exact for the example app, as the recoveryCommands output", async () => {
        const c = await construct("abaci-app", exampleArgs());
        assert.equal(await settle(c.app.recoveryCommands), EXAMPLE);
    });

    it("are the same from `pulumi-litefs recover`", () => {
        const run = recoverCli("abaci-app", "--namespace", "abaci", "--replicas", "3");
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout, `${EXAMPLE}\n`);
    });

    it("are the ones the README runbook shows", () => {
        assert.ok(
            fs.readFileSync(path.join(root, "README.md"), "utf8").includes(`\`\`\`sh\n${EXAMPLE}\n\`\`\``),
            "README.md does not show the example's commands",
        );
    });

    it("follow the app's namespace, database, data dir and API port", async () => {
        const c = await construct(
            "notes",
            exampleArgs({
                namespace: "prod",
                replicas: 2,
                database: "notes.db",
                apiPort: 20300,
                litefs: { data: { dir: "/data/litefs" } },
            }),
        );
        const lines = (await settle(c.app.recoveryCommands)).split("\n");
        for (const line of [
            "kubectl -n prod exec notes-1 -c app -- cat /data/litefs/clusterid",
            "kubectl -n prod exec notes-1 -c app -- litefs export -url http://localhost:20300 -name notes.db /tmp/notes.db",
            "kubectl -n prod cp -c app notes-1:/tmp/notes.db ./notes-1.notes.db",
            "kubectl -n prod exec notes-0 -c app -- litefs import -url http://localhost:20300 -name notes.db /tmp/notes.db",
            "kubectl -n prod exec notes-1 -c app -- rm -f /data/litefs/clusterid",
            "kubectl -n prod delete pvc litefs-data-notes-1",
            "kubectl -n prod scale statefulset notes --replicas=2",
        ])
            assert.ok(lines.includes(line), `missing: ${line}`);
        assert.ok(!lines.some((l) => l.includes("notes-2")), "no commands for pods that do not exist");
    });

    it("say there is nothing to fix without replicas", () => {
        assert.deepEqual(
            recoveryCommands({
                name: "solo",
                namespace: "solo",
                replicas: 1,
                database: "sqlite.db",
                dataDir: "/var/lib/litefs",
                apiPort: 20202,
            }).at(-1),
            "# solo-0 has no replicas, so no pod can hold a different cluster id.",
        );
    });

    it("`recover` defaults like LiteFsApp and refuses bad values naming the flag", () => {
        const defaults = recoverCli("shop");
        assert.equal(defaults.status, 0, defaults.stderr);
        assert.match(defaults.stdout, /^kubectl -n shop delete pvc litefs-data-shop-1$/m);
        const bad = recoverCli("shop", "--replicas", "two", "--api-port", "0", "--data-dir", "relative");
        assert.equal(bad.status, 1);
        assert.equal(bad.stdout, "");
        assert.match(bad.stderr, /--replicas \[replicas\]: must be a whole number .*got "two"\. Fix:/);
        assert.match(bad.stderr, /--api-port \[port-range\]: must be a whole port number .*Fix:/);
        assert.match(bad.stderr, /--data-dir \[dir-absolute\]: must be an absolute directory path/);
        assert.equal(recoverCli().status, 2);
    });
});
