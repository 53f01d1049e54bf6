import * as assert from "node:assert/strict";
import { planLifecycle } from "../../sdk/plan/lifecycle";
import { planScheduling } from "../../sdk/plan/scheduling";
import { args, rulesOf, run } from "./support";

describe("plan/lifecycle: shutdown and rolling updates", () => {
    it("defaults every timing", () => {
        assert.deepEqual(run(planLifecycle, args()), {
            value: { terminationGracePeriodSeconds: 30, preStopSleepSeconds: 5, updatePartition: 0, minReadySeconds: 10 },
            problems: [],
        });
    });

    it("refuses each mistake by its rule", () => {
        const rules = (overrides: Parameters<typeof args>[0]) => rulesOf(run(planLifecycle, args(overrides)));
        assert.deepEqual(rules({ terminationGracePeriodSeconds: 0 }), ["grace-period"]);
        assert.deepEqual(rules({ preStopSleepSeconds: 30 }), ["prestop-sleep"]);
        assert.deepEqual(rules({ updatePartition: 3 }), ["update-partition"]);
        assert.deepEqual(rules({ minReadySeconds: -1 }), ["min-ready-seconds"]);
    });
});

describe("plan/scheduling: anti-affinity, node selector, tolerations", () => {
    it("defaults to preferred anti-affinity and nothing else", () => {
        assert.deepEqual(run(planScheduling, args()), {
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
        const rules = (overrides: Parameters<typeof args>[0]) => rulesOf(run(planScheduling, args(overrides)));
        assert.deepEqual(rules({ podAntiAffinity: "soft" as never }), ["pod-anti-affinity"]);
        assert.deepEqual(rules({ nodeSelector: { "bad key!": "x" } }), ["node-selector"]);
        assert.deepEqual(rules({ tolerations: [{ operator: "Equal" }] }), ["tolerations"]);
        assert.deepEqual(rules({ tolerations: [{ key: "k", tolerationSeconds: 5 }] }), ["tolerations"]);
    });
});
