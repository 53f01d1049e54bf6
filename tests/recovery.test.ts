import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { recoveryCommands } from "../sdk/recovery";
import { construct, exampleArgs } from "./support/app";
import { cli, ROOT } from "./support/cli";
import { kubectlCalls } from "./support/kubectl-stub";
import { settle } from "./support/mocks";

const root = ROOT;
const recoverCli = (...args: string[]) => cli("recover", ...args);

/** The runbook for the README's example app (shown in docs/recovery.md), every line exact. */
const EXAMPLE = `# Recovery for "cannot stream from primary with a different cluster id" in LiteFsApp abaci-app (namespace abaci).
# Run the steps in order and read each comment first: steps 4 and 5 replace a replica's copy with the primary's.
# The loops go over ordinals: abaci-app-0 is the primary, abaci-app-1 to abaci-app-2 the replicas.

# 1. Each pod's cluster id. Replicas whose id differs from abaci-app-0's cannot stream from it.
for i in $(seq 0 2); do printf '%s: ' abaci-app-$i; kubectl -n abaci exec abaci-app-$i -c app -- cat /var/lib/litefs/clusterid; done

# 2. Save every pod's copy before changing anything (kubectl cp needs tar in the image).
for i in $(seq 0 2); do
  kubectl -n abaci exec abaci-app-$i -c app -- litefs export -url http://localhost:20202 -name sqlite.db /tmp/sqlite.db
  kubectl -n abaci cp -c app abaci-app-$i:/tmp/sqlite.db ./abaci-app-$i.sqlite.db
done

# 3. Only if a replica holds the right data (e.g. abaci-app-0's volume was replaced and it started empty):
#    import that copy into the primary. Shown for abaci-app-1; use the file of the replica you chose.
kubectl -n abaci cp -c app ./abaci-app-1.sqlite.db abaci-app-0:/tmp/sqlite.db
kubectl -n abaci exec abaci-app-0 -c app -- litefs import -url http://localhost:20202 -name sqlite.db /tmp/sqlite.db

# 4. Gentle fix, per replica: forget the old cluster id and restart. The replica adopts abaci-app-0's id and
#    takes a snapshot from it; its volume is kept. The delete may wait out the grace period (LiteFS ignores
#    SIGTERM while it retries).
#    To fix only some replicas, list their ordinals instead of $(seq 1 2), e.g. "for i in 2; do".
for i in $(seq 1 2); do
  kubectl -n abaci exec abaci-app-$i -c app -- rm -f /var/lib/litefs/clusterid
  kubectl -n abaci delete pod abaci-app-$i
done

# 5. PVC fix, per replica, only if the gentle fix did not help: replace its volume. Scaling down to a replica
#    also stops the replicas above it until the StatefulSet is scaled back up.
#    To fix only some replicas, list their ordinals instead of $(seq 1 2), e.g. "for i in 2; do".
for i in $(seq 1 2); do
  kubectl -n abaci scale statefulset abaci-app --replicas=$i
  kubectl -n abaci wait --for=delete pod/abaci-app-$i --timeout=5m
  kubectl -n abaci delete pvc litefs-data-abaci-app-$i
  kubectl -n abaci scale statefulset abaci-app --replicas=3
done`;

/** What the example's loops run, in order: one kubectl call per pod and step. */
const EXPANDED = [
    "kubectl -n abaci exec abaci-app-0 -c app -- cat /var/lib/litefs/clusterid",
    "kubectl -n abaci exec abaci-app-1 -c app -- cat /var/lib/litefs/clusterid",
    "kubectl -n abaci exec abaci-app-2 -c app -- cat /var/lib/litefs/clusterid",
    "kubectl -n abaci exec abaci-app-0 -c app -- litefs export -url http://localhost:20202 -name sqlite.db /tmp/sqlite.db",
    "kubectl -n abaci cp -c app abaci-app-0:/tmp/sqlite.db ./abaci-app-0.sqlite.db",
    "kubectl -n abaci exec abaci-app-1 -c app -- litefs export -url http://localhost:20202 -name sqlite.db /tmp/sqlite.db",
    "kubectl -n abaci cp -c app abaci-app-1:/tmp/sqlite.db ./abaci-app-1.sqlite.db",
    "kubectl -n abaci exec abaci-app-2 -c app -- litefs export -url http://localhost:20202 -name sqlite.db /tmp/sqlite.db",
    "kubectl -n abaci cp -c app abaci-app-2:/tmp/sqlite.db ./abaci-app-2.sqlite.db",
    "kubectl -n abaci cp -c app ./abaci-app-1.sqlite.db abaci-app-0:/tmp/sqlite.db",
    "kubectl -n abaci exec abaci-app-0 -c app -- litefs import -url http://localhost:20202 -name sqlite.db /tmp/sqlite.db",
    "kubectl -n abaci exec abaci-app-1 -c app -- rm -f /var/lib/litefs/clusterid",
    "kubectl -n abaci delete pod abaci-app-1",
    "kubectl -n abaci exec abaci-app-2 -c app -- rm -f /var/lib/litefs/clusterid",
    "kubectl -n abaci delete pod abaci-app-2",
    "kubectl -n abaci scale statefulset abaci-app --replicas=1",
    "kubectl -n abaci wait --for=delete pod/abaci-app-1 --timeout=5m",
    "kubectl -n abaci delete pvc litefs-data-abaci-app-1",
    "kubectl -n abaci scale statefulset abaci-app --replicas=3",
    "kubectl -n abaci scale statefulset abaci-app --replicas=2",
    "kubectl -n abaci wait --for=delete pod/abaci-app-2 --timeout=5m",
    "kubectl -n abaci delete pvc litefs-data-abaci-app-2",
    "kubectl -n abaci scale statefulset abaci-app --replicas=3",
];

describe("recovery commands for a different cluster id", () => {
    it("are exact for the example app, as the recoveryCommands output", async () => {
        const c = await construct("abaci-app", exampleArgs());
        assert.equal(await settle(c.app.recoveryCommands), EXAMPLE);
    });

    it("are the same from `pulumi-litefs recover`, given the flags or the app's args file", async () => {
        for (const run of [
            await recoverCli("abaci-app", "--namespace", "abaci", "--replicas", "3"),
            await recoverCli("examples/basic/app.yaml"),
        ]) {
            assert.equal(run.status, 0, run.stderr);
            assert.equal(run.stdout, `${EXAMPLE}\n`);
        }
    });

    it("run, under sh, one command per pod and step, in the runbook's order", () => {
        assert.deepEqual(kubectlCalls(EXAMPLE), EXPANDED);
    });

    it("have the same lines for 300 or 5000 replicas as for 3: loops over ordinals", () => {
        const target = {
            name: "abaci-app",
            namespace: "abaci",
            replicas: 3,
            database: "sqlite.db",
            dataDir: "/var/lib/litefs",
            apiPort: 20202,
            liteFsContainer: "app",
        };
        const three = recoveryCommands(target);
        for (const replicas of [300, 5000]) {
            const many = recoveryCommands({ ...target, replicas });
            assert.equal(many.length, three.length);
            assert.ok(many.join("\n").length - three.join("\n").length < 100);
        }
        // What the loops reach is checked by running them (above); here only their bounds.
        const many = recoveryCommands({ ...target, replicas: 300 });
        assert.ok(many.includes("for i in $(seq 0 299); do") && many.includes("for i in $(seq 1 299); do"));
    });

    it("are the ones the runbook in docs/recovery.md shows", () => {
        assert.ok(
            fs.readFileSync(path.join(root, "docs", "recovery.md"), "utf8").includes(`\`\`\`sh\n${EXAMPLE}\n\`\`\``),
            "docs/recovery.md does not show the example's commands",
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
        const lines = kubectlCalls(await settle(c.app.recoveryCommands));
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
                liteFsContainer: "app",
            }).at(-1),
            "# solo-0 has no replicas, so no pod can hold a different cluster id.",
        );
    });

    it("`recover` defaults like LiteFsApp and refuses bad values naming the flag", async () => {
        const defaults = await recoverCli("shop");
        assert.equal(defaults.status, 0, defaults.stderr);
        assert.ok(kubectlCalls(defaults.stdout).includes("kubectl -n shop delete pvc litefs-data-shop-1"));
        const bad = await recoverCli("shop", "--replicas", "two", "--api-port", "0", "--data-dir", "relative");
        assert.equal(bad.status, 1);
        assert.equal(bad.stdout, "");
        assert.match(bad.stderr, /--replicas \[replicas\]: must be a whole number .*got "two"\. Fix:/);
        assert.match(bad.stderr, /--api-port \[port-range\]: must be a whole port number .*Fix:/);
        assert.match(bad.stderr, /--data-dir \[dir-absolute\]: must be an absolute directory path/);
        assert.equal((await recoverCli()).status, 2);
    });

    it("[name-dns-label] `recover` and `restore` refuse a bad instance name the same way: exit 2, the rule, nothing printed", async () => {
        const backupFlags = ["--destination", "s3:b/app", "--rclone-config-secret", "s"];
        for (const [command, flags] of [
            ["recover", []],
            ["restore", backupFlags],
        ] as const) {
            const run = await cli(command, "Bad_Name!", "--namespace", "ok", ...flags);
            assert.equal(run.status, 2, `${command}: ${run.stderr}`);
            assert.equal(run.stdout, "");
            assert.match(run.stderr, new RegExp(`^pulumi-litefs ${command}: <name> \\[name-dns-label\\]: .*Fix:`, "m"));
        }
    });

    it("`recover` reads an args file's problems at their lines, and refuses flags beside it", async () => {
        const bad = await recoverCli("tests/fixtures/render/bad-args.yaml");
        assert.equal(bad.status, 1);
        assert.match(bad.stderr, /^pulumi-litefs recover: tests\/fixtures\/render\/bad-args\.yaml:7: args\.command \[/m);
        const missing = await recoverCli("no-such-app.yaml");
        assert.equal(missing.status, 1);
        assert.match(missing.stderr, /^pulumi-litefs recover: no-such-app\.yaml: \(file\)( \[[a-z-]+\])?: cannot be read/);
        const both = await recoverCli("examples/basic/app.yaml", "--replicas", "3");
        assert.equal(both.status, 2);
        assert.match(both.stderr, /--replicas cannot be combined with an args file/);
    });
});
