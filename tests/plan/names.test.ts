import * as assert from "node:assert/strict";
import { nameProblems, planNames, podDnsNameProblems } from "../../sdk/plan/names";
import { args, ctx, rulesOf } from "./support";

describe("plan/names: names and ports", () => {
    it("defaults namespace, domain, replicas and the API port", () => {
        const { value, problems } = planNames(args(), ctx);
        assert.deepEqual(problems, []);
        assert.deepEqual(
            [value.namespace, value.clusterDomain, value.replicas, value.apiPort, value.proxyPort],
            ["notes", "cluster.local", 2, 20202, undefined],
        );
        assert.equal(value.names.primaryAdvertiseUrl(value.apiPort), "http://notes-0.notes-headless.notes.svc.cluster.local:20202");
        assert.equal(planNames(args({ proxy: {} }), ctx).value.proxyPort, 8080);
    });

    it("refuses a bad name, replicas, ports and clashes, each by its rule", () => {
        assert.deepEqual(
            nameProblems("Notes").map((p) => p.rule),
            ["name-dns-label"],
        );
        assert.deepEqual(
            nameProblems(`n${"a".repeat(52)}`).map((p) => p.rule),
            ["name-length"],
        );
        assert.deepEqual(nameProblems("notes"), []);
        assert.deepEqual(rulesOf(planNames(args({ replicas: 0 }), ctx)), ["replicas"]);
        assert.deepEqual(rulesOf(planNames(args({ port: 70000 }), ctx)), ["port-range"]);
        assert.deepEqual(rulesOf(planNames(args({ apiPort: 3000 }), ctx)), ["port-clash"]);
        assert.deepEqual(rulesOf(planNames(args({ namespace: "A" }), ctx)), ["namespace-dns-label"]);
        assert.deepEqual(rulesOf(planNames(args({ clusterDomain: "bad_domain" }), ctx)), ["cluster-domain"]);
        assert.deepEqual(rulesOf(planNames(args({ createNamespace: "yes" as never }), ctx)), ["boolean-args"]);
    });

    it("refuses a last pod whose DNS name exceeds 253 characters", () => {
        const long = planNames(
            args({ namespace: "n".repeat(63), clusterDomain: `${"d".repeat(63)}.${"e".repeat(63)}.${"f".repeat(40)}`, replicas: 10 }),
            { name: "a".repeat(52) },
        );
        assert.deepEqual(long.problems, []);
        assert.deepEqual(
            podDnsNameProblems(long.value).map((p) => p.rule),
            ["pod-dns-name"],
        );
        assert.deepEqual(podDnsNameProblems(planNames(args(), ctx).value), []);
    });
});
