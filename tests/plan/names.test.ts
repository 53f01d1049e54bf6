import * as assert from "node:assert/strict";
import { planBasics } from "../../sdk/plan/basics";
import { nameProblems, planNames, podDnsNameProblems } from "../../sdk/plan/names";
import { args, rulesOf, run } from "./support";

describe("plan/names: names and ports", () => {
    it("defaults namespace, domain, replicas and the API port (resolved once, in the basics)", () => {
        const { value, problems } = run(planNames, args());
        assert.deepEqual(problems, []);
        assert.deepEqual([value.namespace, value.replicas, value.apiPort], ["notes", 2, 20202]);
        assert.equal(value.names.primaryAdvertiseUrl(value.apiPort), "http://notes-0.notes-headless.notes.svc.cluster.local:20202");
        assert.equal(planBasics(args(), "notes").clusterDomain, "cluster.local");
        assert.equal(planBasics(args(), "notes").proxyPort, undefined);
        assert.equal(planBasics(args({ proxy: {} }), "notes").proxyPort, 8080);
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
        assert.deepEqual(rulesOf(run(planNames, args({ replicas: 0 }))), ["replicas"]);
        assert.deepEqual(rulesOf(run(planNames, args({ port: 70000 }))), ["port-range"]);
        assert.deepEqual(rulesOf(run(planNames, args({ apiPort: 3000 }))), ["port-clash"]);
        assert.deepEqual(rulesOf(run(planNames, args({ namespace: "A" }))), ["namespace-dns-label"]);
        assert.deepEqual(rulesOf(run(planNames, args({ clusterDomain: "bad_domain" }))), ["cluster-domain"]);
        assert.deepEqual(rulesOf(run(planNames, args({ createNamespace: "yes" as never }))), ["boolean-args"]);
    });

    it("refuses a last pod whose DNS name exceeds 253 characters", () => {
        const long = run(
            planNames,
            args({ namespace: "n".repeat(63), clusterDomain: `${"d".repeat(63)}.${"e".repeat(63)}.${"f".repeat(40)}`, replicas: 10 }),
            "a".repeat(52),
        );
        assert.deepEqual(long.problems, []);
        assert.deepEqual(
            podDnsNameProblems(long.value).map((p) => p.rule),
            ["pod-dns-name"],
        );
        assert.deepEqual(podDnsNameProblems(run(planNames, args()).value), []);
    });
});
