import * as assert from "node:assert/strict";
import { planLifecycle } from "../../sdk/plan/lifecycle";
import { planScheduling } from "../../sdk/plan/scheduling";
import { args, ctx, rulesOf } from "./support";

describe("plan/lifecycle: shutdown and rolling updates", () => {
    it("defaults every timing", () => {
        assert.deepEqual(planLifecycle(args(), ctx), {
            value: { terminationGracePeriodSeconds: 30, preStopSleepSeconds: 5, updatePartition: 0, minReadySeconds: 10 },
            problems: [],
        });
    });

    it("refuses each mistake by its rule", () => {
        const rules = (overrides: Parameters<typeof args>[0]) => rulesOf(planLifecycle(args(overrides), ctx));
        assert.deepEqual(rules({ terminationGracePeriodSeconds: 0 }), ["grace-period"]);
        assert.deepEqual(rules({ preStopSleepSeconds: 30 }), ["prestop-sleep"]);
        assert.deepEqual(rules({ updatePartition: 3 }), ["update-partition"]);
        assert.deepEqual(rules({ minReadySeconds: -1 }), ["min-ready-seconds"]);
    });
});

describe("plan/scheduling: anti-affinity, node selector, tolerations", () => {
    it("defaults to preferred anti-affinity and nothing else", () => {
        assert.deepEqual(planScheduling(args(), ctx), {
            value: {
                podAntiAffinity: "preferred",
                nodeSelector: {},
                tolerations: [],
                topologySpreadConstraints: [],
                priorityClassName: undefined,
            },
            problems: [],
        });
    });

    it("refuses each mistake by its rule", () => {
        const rules = (overrides: Parameters<typeof args>[0]) => rulesOf(planScheduling(args(overrides), ctx));
        assert.deepEqual(rules({ podAntiAffinity: "soft" as never }), ["pod-anti-affinity"]);
        assert.deepEqual(rules({ nodeSelector: { "bad key!": "x" } }), ["node-selector"]);
        assert.deepEqual(rules({ tolerations: [{ operator: "Equal" }] }), ["tolerations"]);
        assert.deepEqual(rules({ tolerations: [{ key: "k", tolerationSeconds: 5 }] }), ["tolerations"]);
    });
});
