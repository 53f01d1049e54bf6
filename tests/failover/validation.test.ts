/** Every input rule of `primaryOrdinal` and `failover`: the error names the input, the rule and the fix, and nothing is registered. */
import * as assert from "node:assert/strict";
import type { LiteFsAppArgs } from "../../sdk";
import { planApp } from "../../sdk/plan";
import { exampleArgs } from "../support/app";
import { problemAt, refused } from "../support/refused";

const CONSUL = { url: "http://consul-server.consul.svc:8500" };
const withFailover = (failover: unknown, more: Partial<LiteFsAppArgs> = {}) =>
    exampleArgs({ ...more, failover: failover as LiteFsAppArgs["failover"] });

describe("primaryOrdinal and failover arguments refused before anything is created", () => {
    for (const ordinal of [3, -1, 1.5, "1"])
        it(`[primary-ordinal] refuses primaryOrdinal ${JSON.stringify(ordinal)} with 3 replicas`, async () => {
            const error = await refused("abaci-app", exampleArgs({ primaryOrdinal: ordinal as number }));
            problemAt(error, "args.primaryOrdinal", /whole number from 0 to 2 \(replicas is 3\)/, /./, "primary-ordinal");
        });

    it("[primary-ordinal] suggests raising replicas for an ordinal past the last pod", async () => {
        const error = await refused("abaci-app", exampleArgs({ primaryOrdinal: 5 }));
        problemAt(error, "args.primaryOrdinal", /from 0 to 2/, /raise replicas above 5 first/, "primary-ordinal");
    });

    for (const [what, failover, path, message] of [
        ["no consul", {}, "args.failover.consul", /which Consul holds the lease/],
        ["not an object", true, "args.failover", /which Consul holds the lease/],
        ["a URL with a token in it", { consul: { url: "http://:s3cr3t@consul:8500" } }, "args.failover.consul.url", /credentials in it/],
        ["a URL that is no URL", { consul: { url: "consul:8500x" } }, "args.failover.consul.url", /http:\/\/ or https:\/\//],
        [
            "a URL with a query",
            { consul: { url: "http://consul:8500/?dc=a" } },
            "args.failover.consul.url",
            /only a scheme, a host, a port and a path/,
        ],
        ["a key with a leading slash", { consul: { ...CONSUL, key: "/litefs" } }, "args.failover.consul.key", /Consul KV key/],
        ["a TTL under Consul's 10s", { consul: { ...CONSUL, ttl: "5s" } }, "args.failover.consul.ttl", /from 10s to 86400s/],
        ["a TTL without a unit", { consul: { ...CONSUL, ttl: "10" } }, "args.failover.consul.ttl", /Go duration string/],
        ["a lock-delay over 60s", { consul: { ...CONSUL, lockDelay: "2m" } }, "args.failover.consul.lockDelay", /at most 60s/],
        [
            "a token Secret without a key",
            { consul: { ...CONSUL, tokenSecret: { secretName: "consul-acl" } } },
            "args.failover.consul.tokenSecret.key",
            /./,
        ],
    ] as const)
        it(`[failover-consul] refuses ${what}`, async () => {
            const error = await refused("abaci-app", withFailover(failover));
            problemAt(error, path, message, /./, "failover-consul");
        });

    for (const [candidates, replicas, path] of [
        [1, 3, "args.failover.candidates"],
        [4, 3, "args.failover.candidates"],
        [undefined, 1, "args.replicas"],
    ] as const)
        it(`[failover-candidates] refuses candidates ${candidates} with ${replicas} replicas`, async () => {
            const error = await refused("abaci-app", withFailover({ consul: CONSUL, candidates }, { replicas }));
            problemAt(error, path, /(whole number from 2|second pod to take over)/, /./, "failover-candidates");
        });

    for (const [what, more, path, message] of [
        ["primaryOrdinal", { primaryOrdinal: 1 }, "args.primaryOrdinal", /Consul elects the primary/],
        ["serviceAccountName", { serviceAccountName: "app" }, "args.serviceAccountName", /only the labeller gets/],
        ["skipSync with migrate", { litefs: { skipSync: true } }, "args.litefs.skipSync", /migration could run on a replica/],
        ["migrate in sidecar mode", { liteFsSidecar: {} }, "args.migrate", /knows the static primary only/],
    ] as const)
        it(`[failover-conflict] refuses ${what} with failover`, async () => {
            const error = await refused("abaci-app", withFailover({ consul: CONSUL }, more as Partial<LiteFsAppArgs>));
            problemAt(error, path, message, /./, "failover-conflict");
        });

    it("[failover-conflict] refuses an env CONSUL_HTTP_TOKEN beside tokenSecret", async () => {
        const error = await refused(
            "abaci-app",
            withFailover(
                { consul: { ...CONSUL, tokenSecret: { secretName: "consul-acl", key: "token" } } },
                { env: { CONSUL_HTTP_TOKEN: "x" } },
            ),
        );
        problemAt(
            error,
            "args.env.CONSUL_HTTP_TOKEN",
            /set by pulumi-litefs from failover.consul.tokenSecret/,
            /remove env.CONSUL_HTTP_TOKEN/,
            "failover-conflict",
        );
    });

    for (const image of ["curlimages/curl", "curlimages/curl:latest", "Curl:8"])
        it(`[failover-image] refuses failover.labellerImage ${JSON.stringify(image)}`, async () => {
            const error = await refused("abaci-app", withFailover({ consul: CONSUL, labellerImage: image }));
            problemAt(error, "args.failover.labellerImage", /./, /docker.io\/curlimages\/curl:8.11.1/, "failover-image");
        });

    it("refuses a misspelt failover key as an unknown argument", async () => {
        const error = await refused("abaci-app", withFailover({ consul: { ...CONSUL, tll: "10s" } }));
        problemAt(error, "args.failover.consul.tll", /not a known argument/, /did you mean "ttl"\?/, "args-unknown");
    });

    it("accepts failover with a token Secret and every setting, and a Consul URL that is an Output", () => {
        const failover = {
            consul: { ...CONSUL, tokenSecret: { secretName: "consul-acl", key: "token" }, key: "apps/abaci", ttl: "15s", lockDelay: "0s" },
            candidates: 2,
        };
        const result = planApp("abaci-app", withFailover(failover));
        assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
        assert.deepEqual(
            { ...result.plan.lease, url: undefined },
            {
                type: "consul",
                url: undefined,
                tokenSecret: failover.consul.tokenSecret,
                key: "apps/abaci",
                ttl: "15s",
                lockDelay: "0s",
                candidates: 2,
                promote: true,
                labellerImage: "docker.io/curlimages/curl:8.11.1",
            },
        );
        assert.ok(planApp("abaci-app", withFailover({ consul: { url: Promise.resolve("http://consul:8500") } })).ok);
    });
});
