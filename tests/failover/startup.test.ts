/**
 * The start-up script for a moved static primary (`primaryOrdinal`) and for the Consul lease (`failover`), run
 * under dash and busybox ash with a stand-in litefs: each pod's litefs.yml, checked against LiteFS's schema
 * model, and the guard that keeps a configured primary from starting while another pod's LiteFS is a candidate.
 */
import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { load } from "js-yaml";
import type { LiteFsAppArgs } from "../../sdk";
import { checkLiteFsConfig } from "../../sdk/litefs/schema";
import { planApp } from "../../sdk/plan";
import { CONSUL_URL_ENV, GUARD_INTERVAL_ENV, startupScript } from "../../sdk/startup/script";
import { simulateStart } from "../../sdk/startup/simulate";
import { exampleArgs } from "../support/app";

/** Debian's sh (dash) and busybox ash: the /bin/sh of the images (bash adds nothing here, and time). */
const SHELLS = ["sh", "busybox sh"].filter((shell) => {
    const [command, ...args] = shell.split(" ");
    return spawnSync(command, [...args, "-c", "true"]).status === 0;
});
const PODS = ["abaci-app-0", "abaci-app-1", "abaci-app-2"];
const fqdn = (pod: string) => `${pod}.abaci-app-headless.abaci.svc.cluster.local`;
const CONSUL = "http://consul-server.consul.svc:8500";

function scriptFor(overrides: Partial<LiteFsAppArgs>): string {
    const result = planApp("abaci-app", exampleArgs(overrides));
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("; "));
    return startupScript(result.plan);
}

/** Every pod's litefs.yml under a shell, each checked against the LiteFS schema model. */
function configs(script: string, shell: string, env: Record<string, string> = {}): Record<string, any> {
    const out: Record<string, any> = {};
    for (const pod of PODS) {
        const run = simulateStart(script, pod, { shell, env });
        assert.equal(run.exitCode, 0, `${pod} under ${shell}: ${run.stderr}`);
        assert.ok(run.config, `${pod} wrote no config`);
        const config = load(run.config);
        assert.deepEqual(checkLiteFsConfig(config), [], `${pod}'s litefs.yml breaks LiteFS's schema`);
        out[pod] = config;
    }
    return out;
}

describe("start-up script with primaryOrdinal (static lease)", () => {
    const script = scriptFor({ primaryOrdinal: 2 });

    for (const shell of SHELLS)
        it(`names pod-2 as the primary on every pod and makes only pod-2 a candidate, under ${shell}`, () => {
            const c = configs(script, shell);
            for (const pod of PODS) {
                assert.equal(c[pod].lease.type, "static");
                assert.equal(c[pod].lease.hostname, "abaci-app-2");
                assert.equal(c[pod].lease["advertise-url"], `http://${fqdn("abaci-app-2")}:20202`);
                assert.equal(c[pod].lease.candidate, pod === "abaci-app-2");
            }
        });

    it("keeps the configured primary waiting, unready, while another pod's LiteFS is a candidate, then starts it", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-guard-"));
        try {
            const candidates = path.join(dir, "candidates");
            fs.writeFileSync(candidates, `http://${fqdn("abaci-app-0")}:20202\n`);
            // The old primary stops 0.6 s later (fenced): a separate process, since the run below blocks.
            spawn("sh", ["-c", `sleep 0.6; : > '${candidates}'`], { stdio: "ignore" });
            const started = Date.now();
            const run = simulateStart(script, "abaci-app-2", {
                env: { PULUMI_LITEFS_STUB_CANDIDATES: candidates, [GUARD_INTERVAL_ENV]: "0.1" },
            });
            assert.equal(run.exitCode, 0, run.stderr);
            assert.ok(Date.now() - started >= 500, "started LiteFS before the other primary stopped");
            assert.match(run.stderr, /abaci-app-2 is the configured primary, but abaci-app-0 still runs LiteFS as the primary; waiting/);
            assert.equal((load(run.config ?? "") as any).lease.candidate, true);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    // pod-0 blocks the run above; here pod-1, a replica of the old primary, is one too (the guard asks every pod).
    for (const blocker of ["abaci-app-1"])
        it(`never starts LiteFS as the primary while ${blocker} is a candidate (the run is cut off still waiting)`, () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-guard-"));
            try {
                const candidates = path.join(dir, "candidates");
                fs.writeFileSync(candidates, `http://${fqdn(blocker)}:20202\n`);
                const env = { PULUMI_LITEFS_STUB_CANDIDATES: candidates, [GUARD_INTERVAL_ENV]: "0.1" };
                const run = simulateStart(script, "abaci-app-2", { env, timeoutMs: 1000 });
                assert.ok(run.timedOut, "the script should still be waiting when cut off");
                assert.equal(run.config, undefined, "LiteFS was started");
                assert.match(run.stderr, new RegExp(`but ${blocker} still runs LiteFS as the primary`));
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

    it("starts a replica at once, whoever is a candidate", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-guard-"));
        try {
            const candidates = path.join(dir, "candidates");
            fs.writeFileSync(candidates, PODS.map((pod) => `http://${fqdn(pod)}:20202`).join("\n"));
            const run = simulateStart(script, "abaci-app-1", { env: { PULUMI_LITEFS_STUB_CANDIDATES: candidates } });
            assert.equal(run.exitCode, 0, run.stderr);
            assert.doesNotMatch(run.stderr, /waiting/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("start-up script with failover (Consul lease)", () => {
    const consul = { url: CONSUL, tokenSecret: { secretName: "consul-acl", key: "token" } };
    const script = scriptFor({ failover: { consul, candidates: 2 } });

    for (const shell of SHELLS)
        describe(`under ${shell}`, () => {
            let c: Record<string, any>;
            before(() => {
                c = configs(script, shell, { [CONSUL_URL_ENV]: CONSUL });
            });

            it("gives each pod its own FQDN as hostname and advertise-url", () => {
                for (const pod of PODS) {
                    assert.equal(c[pod].lease.type, "consul");
                    assert.equal(c[pod].lease.hostname, fqdn(pod));
                    assert.equal(c[pod].lease["advertise-url"], `http://${fqdn(pod)}:20202`);
                }
            });

            it("makes pods 0 to candidates-1 candidates that promote themselves before migrate runs, and the rest replicas", () => {
                assert.deepEqual(
                    PODS.map((pod) => [c[pod].lease.candidate, c[pod].lease.promote]),
                    [
                        [true, true],
                        [true, true],
                        [false, undefined],
                    ],
                );
                assert.deepEqual(c["abaci-app-0"].exec, [
                    { cmd: "node dist/db/migrate.js", "if-candidate": true },
                    { cmd: "node server.js" },
                ]);
            });

            it("writes Consul's URL, the app's own key and the TTL and lock-delay, and no token anywhere", () => {
                for (const pod of PODS)
                    assert.deepEqual(c[pod].lease.consul, {
                        url: CONSUL,
                        key: "pulumi-litefs/abaci/abaci-app",
                        ttl: "10s",
                        "lock-delay": "1s",
                    });
                assert.doesNotMatch(script, /consul-acl|CONSUL_HTTP_TOKEN/);
            });

            it("renders nothing else differently between pods", () => {
                const without = (x: any) => ({ ...x, lease: { ...x.lease, hostname: 0, "advertise-url": 0, candidate: 0, promote: 0 } });
                for (const pod of PODS) assert.deepEqual(without(c[pod]), without(c["abaci-app-0"]));
            });
        });

    it("does not promote without a migrate command (no handoff at every start)", () => {
        const c = configs(scriptFor({ migrate: undefined, failover: { consul } }), "sh", { [CONSUL_URL_ENV]: CONSUL });
        for (const pod of PODS) {
            assert.equal(c[pod].lease.candidate, true);
            assert.equal(c[pod].lease.promote, undefined);
        }
    });

    it("starts a candidate without asking the others: Consul's lock is the guard", () => {
        const run = simulateStart(script, "abaci-app-0", { env: { [CONSUL_URL_ENV]: CONSUL } });
        assert.equal(run.exitCode, 0, run.stderr);
        assert.doesNotMatch(script, /others_primary/);
    });

    for (const [url, why] of [
        ["", /must be Consul's http/],
        ["consul:8500", /must be Consul's http/],
        ["http://:s3cr3t@consul:8500", /without credentials/],
        ["http://consul:8500/?token=x", /only a scheme, a host, a port and a path/],
        ["http://consul|evil:8500", /only a scheme/],
    ] as const)
        it(`refuses ${JSON.stringify(url)} from the environment, writing no config`, () => {
            const run = simulateStart(script, "abaci-app-1", { env: { [CONSUL_URL_ENV]: url } });
            assert.notEqual(run.exitCode, 0);
            assert.equal(run.config, undefined);
            assert.match(run.stderr, why);
        });
});
