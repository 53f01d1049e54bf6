/**
 * The switchover procedure (`promoteCommands`, `pulumi-litefs promote`): its checks run for real under sh against a
 * stand-in kubectl with a small cluster behind it (tests/support/kubectl-cluster-stub.ts).
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { type PromoteTarget, promoteCommands, promoteRefusal } from "../../sdk/failover/promote";
import { appNames } from "../../sdk/naming";
import * as fs from "node:fs";
import * as path from "node:path";
import { cli, ROOT } from "../support/cli";
import { runAgainstCluster, type StubCluster, stubCluster, type StubPod } from "../support/kubectl-cluster-stub";

const names = appNames("shop-app", "shop", "cluster.local");
const TARGET: PromoteTarget = {
    name: "shop-app",
    namespace: "shop",
    replicas: 3,
    apiPort: 20202,
    fuseDir: "/litefs",
    database: "sqlite.db",
    liteFsContainer: "app",
    primaryOrdinal: 0,
    podFqdn: names.podFqdn,
    lease: { type: "static" },
};
const pos = (txid: number, checksum = "00000000000000aa") => `${txid.toString(16).padStart(16, "0")}/${checksum}`;

/** pod-0 the primary at txid 41, pod-1 and pod-2 replicas caught up to 40 (pod-0 is one ahead: not streamed yet). */
function cluster(overrides: Partial<Record<string, Partial<StubPod>>> = {}, extra: Partial<StubCluster> = {}): StubCluster {
    const pods: Record<string, StubPod> = {
        "shop-app-0": { pos: pos(41), candidate: true, ...overrides["shop-app-0"] },
        "shop-app-1": { pos: pos(40), ...overrides["shop-app-1"] },
        "shop-app-2": { pos: pos(40), ...overrides["shop-app-2"] },
    };
    return { oldOrdinal: 0, newOrdinal: 2, newPrimary: "shop-app-2", pods, ...extra };
}

const script = (to = 2, target = TARGET) => promoteCommands(target, to).join("\n");
const index = (calls: string[], pattern: RegExp) => calls.findIndex((c) => pattern.test(c));

describe("promote: the switchover procedure (static lease)", () => {
    it("is valid POSIX sh", () => {
        assert.equal(spawnSync("sh", ["-n", "-c", script()]).status, 0);
    });

    it("runs every step in order when the new primary is caught up and the old one has streamed everything", () => {
        // At the fence the old primary has nothing unstreamed: its position equals the new primary's.
        const run = runAgainstCluster(script(), cluster({ "shop-app-0": { pos: pos(40) } }));
        assert.equal(run.code, 0, run.stderr);
        const at = (re: RegExp) => {
            const i = index(run.calls, re);
            assert.notEqual(i, -1, `no call ${re}: ${run.calls.join("\n")}`);
            return i;
        };
        const waited = run.calls.filter((c) => c.includes("primary-ordinal")).length;
        assert.ok(waited >= 3, "waits for pulumi up to apply primaryOrdinal: 2");
        const applied = run.calls.map((c) => c.includes("primary-ordinal")).lastIndexOf(true);
        const exported = at(/exec shop-app-0 -c app -- litefs export -url http:\/\/localhost:20202 -name sqlite.db \/tmp\/sqlite.db/);
        const fence = at(/delete pod shop-app-0 /);
        const start = at(/delete pod shop-app-2 /);
        assert.ok(applied < exported && exported < fence && fence < start, "new revision, then export, then fence, then the new primary");
        assert.ok(start < at(/rollout status statefulset\/shop-app/));
        assert.deepEqual(run.files, ["shop-app-0.sqlite.db.before-promote"]);
        assert.match(run.stdout, /shop-app-2 is the primary, and every pod follows it/);
    });

    it("refuses, before changing anything, while a staged rollout (a partition) is set", () => {
        const run = runAgainstCluster(script(), cluster({}, { partition: 1 }));
        assert.equal(run.code, 1);
        assert.match(run.stderr, /updatePartition is not 0/);
        assert.equal(index(run.calls, / delete /), -1);
    });

    it("refuses to promote a replica that is behind another one, and names the one to promote", () => {
        const run = runAgainstCluster(script(), cluster({ "shop-app-1": { pos: pos(40) }, "shop-app-2": { pos: pos(38) } }));
        assert.equal(run.code, 1);
        assert.match(run.stderr, /shop-app-1 holds a later transaction than shop-app-2: promote shop-app-1 instead/);
        assert.equal(index(run.calls, / delete /), -1);
    });

    it("refuses when the pod to promote is not running", () => {
        const run = runAgainstCluster(script(), cluster({ "shop-app-2": { down: true } }));
        assert.equal(run.code, 1);
        assert.match(run.stderr, /shop-app-2's LiteFS does not answer/);
        assert.equal(index(run.calls, / delete /), -1);
    });

    it("when the rollout replaced the new primary already, lets its guard start it after the fence, without deleting it again", () => {
        const run = runAgainstCluster(script(), cluster({ "shop-app-0": { pos: pos(40) }, "shop-app-2": { pos: pos(40), rolls: true } }));
        assert.equal(run.code, 0, run.stderr);
        assert.equal(index(run.calls, /delete pod shop-app-2 /), -1, "the rollout's pod is not deleted again");
        // Then the old primary's unstreamed transaction is found, with the copy saved before the fence.
        const lossy = runAgainstCluster(script(), cluster({ "shop-app-2": { pos: pos(40), rolls: true } }));
        assert.equal(lossy.code, 1);
        assert.match(lossy.stderr, /shop-app-0 \(0000000000000029\/00000000000000aa\) holds transactions shop-app-2 \(0000000000000028/);
        assert.deepEqual(lossy.files, ["shop-app-0.sqlite.db.before-promote"]);
    });

    it("checks the new primary's log for LiteFS's reset of the old primary, and points at the saved copy", () => {
        const log =
            "client transaction id (0000000000000029) exceeds primary transaction id (0000000000000028), clearing client position\n";
        const run = runAgainstCluster(script(), cluster({ "shop-app-0": { pos: pos(40) }, "shop-app-2": { pos: pos(40), log } }));
        assert.equal(run.code, 1);
        assert.match(run.stderr, /the cluster dropped transactions of shop-app-0; they are in \.\/shop-app-0\.sqlite\.db\.before-promote/);
        assert.equal(
            runAgainstCluster(script(), cluster({ "shop-app-0": { pos: pos(40) }, "shop-app-2": { pos: pos(40), log } }), {
                PROMOTE_ACCEPT_LOSS: "1",
            }).code,
            0,
        );
    });

    it("stops after saving the old primary's copy when it holds transactions the new one never received", () => {
        const run = runAgainstCluster(script(), cluster());
        assert.equal(run.code, 1);
        assert.match(run.stderr, /shop-app-0 \(0000000000000029\/00000000000000aa\) holds transactions shop-app-2 \(0000000000000028/);
        assert.deepEqual(run.files, ["shop-app-0.sqlite.db.before-promote"]);
        assert.equal(index(run.calls, /delete pod shop-app-2 /), -1, "the new primary must not start");
    });

    it("stops on a diverged copy: the same transaction id with another checksum", () => {
        const run = runAgainstCluster(script(), cluster({ "shop-app-0": { pos: pos(40, "00000000000000bb") } }));
        assert.equal(run.code, 1);
        assert.match(run.stderr, /holds transactions shop-app-2 .* never received/);
    });

    it("goes on with PROMOTE_ACCEPT_LOSS=1, the lost transactions kept in the saved copy", () => {
        const run = runAgainstCluster(script(), cluster(), { PROMOTE_ACCEPT_LOSS: "1" });
        assert.equal(run.code, 0, run.stderr);
        assert.notEqual(index(run.calls, /delete pod shop-app-2 /), -1);
        assert.deepEqual(run.files, ["shop-app-0.sqlite.db.before-promote"]);
    });

    it("stops when the old primary's pod cannot be deleted (its node is down), saying what to check", () => {
        const run = runAgainstCluster(script(), cluster({ "shop-app-0": { stuck: true } }));
        assert.equal(run.code, 1);
        assert.match(run.stderr, /shop-app-0 did not stop within 180s/);
        assert.equal(index(run.calls, /delete pod shop-app-2 /), -1);
    });

    it("stops when the new primary does not come up as the primary", () => {
        const run = runAgainstCluster(script(), cluster({ "shop-app-0": { pos: pos(40) } }, { newPrimary: "nobody" }));
        assert.equal(run.code, 1);
        assert.match(run.stderr, /shop-app-2 is Ready but its LiteFS is not the primary/);
    });

    it("refuses a procedure it cannot make", () => {
        assert.match(promoteRefusal(TARGET, 0) ?? "", /is the primary already/);
        assert.match(promoteRefusal(TARGET, 3) ?? "", /--to must be the ordinal of one of shop-app's pods, 0 to 2/);
        assert.match(promoteRefusal({ ...TARGET, replicas: 1 }, 0) ?? "", /no other pod to promote/);
        assert.deepEqual(promoteCommands(TARGET, 0), [
            "# Switchover of LiteFsApp shop-app: shop-app-0 is the primary already (primaryOrdinal is 0).",
        ]);
    });
});

describe("promote: the switchover procedure (Consul lease)", () => {
    const consul: PromoteTarget = { ...TARGET, lease: { type: "consul", candidates: 2 } };
    const fqdn = (pod: string) => `${pod}.shop-app-headless.shop.svc.cluster.local`;

    it("hands the lease to a caught-up candidate and waits for the labeller and every replica", () => {
        const run = runAgainstCluster(
            script(1, consul),
            cluster(
                {
                    "shop-app-0": { pos: pos(40), role: "primary" },
                    "shop-app-1": { pos: pos(40), role: "replica", primary: fqdn("shop-app-1") },
                    "shop-app-2": { pos: pos(40), role: "replica", primary: fqdn("shop-app-1") },
                },
                { newPrimary: "shop-app-1" },
            ),
        );
        // shop-app-0's .primary is written by nobody here: make the stand-in follow the handoff.
        assert.equal(run.code, 1, "shop-app-0 has no .primary in the stand-in");
        assert.match(run.stderr, /shop-app-0 does not follow shop-app-1/);
        assert.notEqual(index(run.calls, /exec shop-app-1 -c app -- litefs run -url http:\/\/localhost:20202 -promote -- true/), -1);
        assert.equal(index(run.calls, / delete /), -1, "a handoff restarts nothing");
    });

    it("refuses a pod that is not a candidate", () => {
        assert.match(promoteRefusal(consul, 2) ?? "", /shop-app-2 is not a candidate for the Consul lease \(failover.candidates is 2\)/);
    });
});

describe("pulumi-litefs promote", () => {
    it("prints the same procedure from the args file and from the flags, and it is the one docs/failover.md shows", async () => {
        const fromFile = await cli("promote", "examples/basic/app.yaml", "--to", "1");
        const fromFlags = await cli("promote", "abaci-app", "--namespace", "abaci", "--replicas", "3", "--to", "1");
        assert.equal(fromFile.status, 0, fromFile.stderr);
        assert.equal(fromFlags.stdout, fromFile.stdout);
        const doc = fs.readFileSync(path.join(ROOT, "docs", "failover.md"), "utf8");
        assert.ok(doc.includes(`\`\`\`sh\n${fromFile.stdout}\`\`\``), "docs/failover.md does not show the example's procedure");
    });

    it("prints the Consul handoff for an app with --candidates, and refuses a pod that is no candidate", async () => {
        const run = await cli("promote", "shop-app", "--namespace", "shop", "--replicas", "3", "--candidates", "2", "--to", "1");
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /litefs run -url http:\/\/localhost:20202 -promote -- true/);
        const refused = await cli("promote", "shop-app", "--replicas", "3", "--candidates", "2", "--to", "2");
        assert.equal(refused.status, 1);
        assert.match(refused.stderr, /shop-app-2 is not a candidate/);
    });

    it("refuses --to the current primary, out of range, or missing, and bad flags with their name", async () => {
        assert.match((await cli("promote", "abaci-app", "--to", "0")).stderr, /abaci-app-0 is the primary already/);
        assert.match(
            (await cli("promote", "abaci-app", "--to", "7")).stderr,
            /--to must be the ordinal of one of abaci-app's pods, 0 to 1/,
        );
        assert.equal((await cli("promote", "abaci-app")).status, 2);
        const bad = await cli("promote", "abaci-app", "--replicas", "3", "--primary-ordinal", "5", "--to", "1");
        assert.equal(bad.status, 1);
        assert.match(bad.stderr, /--primary-ordinal \[primary-ordinal\]/);
        assert.equal((await cli("promote", "examples/basic/app.yaml", "--replicas", "3", "--to", "1")).status, 2);
    });

    it("runs the procedure through kubectl with --execute, its checks included", async () => {
        const stub = stubCluster(cluster({}, { partition: 1 }));
        const saved = {
            PATH: process.env.PATH,
            KUBECTL_STATE: process.env.KUBECTL_STATE,
            PROMOTE_POLL_SECONDS: process.env.PROMOTE_POLL_SECONDS,
        };
        Object.assign(process.env, stub.env);
        try {
            const run = await cli("promote", "shop-app", "--namespace", "shop", "--replicas", "3", "--to", "2", "--execute");
            assert.equal(run.status, 1);
            assert.match(run.stderr, /promote: STOPPED: updatePartition is not 0/);
            assert.match(stub.calls()[0], /^kubectl -n shop get statefulset shop-app/);
        } finally {
            for (const [key, value] of Object.entries(saved))
                if (value === undefined) delete process.env[key];
                else process.env[key] = value;
            stub.remove();
        }
    });
});
