import * as assert from "node:assert/strict";
import { planProbes } from "../../sdk/plan/probes";
import { planTraffic } from "../../sdk/plan/traffic";
import { args, ctx, rulesOf, run } from "./support";

describe("plan/probes: proxy and probes", () => {
    it("fills each probe's timing from the defaults, and merges what is given", () => {
        const { value, problems } = run(planProbes, args({ probes: { liveness: { periodSeconds: 20 } } }));
        assert.deepEqual(problems, []);
        assert.deepEqual(value.readiness, { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 3 });
        assert.deepEqual(value.liveness, { initialDelaySeconds: 0, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 6 });
        assert.equal(value.startup.failureThreshold, 360);
    });

    it("refuses bad timing, a readiness path with the proxy, and contradicting settings, by rule", () => {
        const rules = (overrides: Parameters<typeof args>[0]) => rulesOf(run(planProbes, args(overrides)));
        assert.deepEqual(rules({ probes: { readiness: { periodSeconds: 0 } } }), ["probes-timing"]);
        assert.deepEqual(rules({ proxy: {}, probes: { readinessPath: "/healthz" } }), ["probes-readiness-path"]);
        assert.deepEqual(rules({ probes: { readinessPath: "healthz" } }), ["probes-readiness-path"]);
        assert.deepEqual(rules({ probes: { replicasReadyWithoutPrimary: true } }), ["probes-replicas-ready"]);
        assert.deepEqual(rules({ proxy: { maxLag: "30s" }, probes: { replicasReadyWithoutPrimary: true } }), ["probes-replicas-ready"]);
    });
});

describe("plan/traffic: the HTTPRoute", () => {
    it("is absent without httpRoute, and keeps checked references and hostnames", () => {
        assert.deepEqual(run(planTraffic, args()), { value: undefined, problems: [] });
        const route = planTraffic(
            args({ httpRoute: { parentRefs: [{ name: "public", namespace: "gateway" }], hostnames: ["app.example.com"] } }),
            ctx,
        );
        assert.deepEqual(route, {
            value: { parentRefs: [{ name: "public", namespace: "gateway" }], hostnames: ["app.example.com"] },
            problems: [],
        });
    });

    it("refuses bad parent references and hostnames, by rule", () => {
        assert.deepEqual(rulesOf(run(planTraffic, args({ httpRoute: { parentRefs: [] } }))), ["http-route-parent-refs"]);
        assert.deepEqual(rulesOf(run(planTraffic, args({ httpRoute: { parentRefs: [{ name: "g" }, { name: "g" }] } }))), [
            "http-route-parent-refs",
        ]);
        assert.deepEqual(
            rulesOf(run(planTraffic, args({ httpRoute: { parentRefs: [{ name: "g" }], hostnames: ["https://App.example.com"] } }))),
            ["http-route-hostnames"],
        );
    });
});
