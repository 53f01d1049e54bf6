/**
 * Fixed-value arguments are literal unions: a misspelt value does not compile. Each `@ts-expect-error` below
 * fails `tsc` (and so `npm test`) if the line after it compiles; the runtime checks keep JavaScript and YAML
 * callers, who have no compiler, refused too.
 */
import * as assert from "node:assert/strict";
import {
    DataProtection,
    FuseMode,
    ImagePullPolicy,
    type LiteFsAppArgs,
    LogFormat,
    PodAntiAffinity,
    TaintEffect,
    TolerationOperator,
} from "../../sdk";
import { planApp } from "../../sdk/plan";

const base: LiteFsAppArgs = { image: "ghcr.io/org/app@sha256:" + "0".repeat(64), port: 3000, command: "node server.js" };

const misspelt: LiteFsAppArgs[] = [
    // @ts-expect-error "retian" is not a DataProtection
    { ...base, dataProtection: "retian" },
    // @ts-expect-error "soft" is not a PodAntiAffinity
    { ...base, podAntiAffinity: "soft" },
    // @ts-expect-error "device-plugin" is not a FuseMode
    { ...base, fuseAccess: { mode: "device-plugin" } },
    // @ts-expect-error "always" is not an ImagePullPolicy (exact case)
    { ...base, imagePullPolicy: "always" },
    // @ts-expect-error "In" is not a TolerationOperator
    { ...base, tolerations: [{ key: "dedicated", operator: "In" }] },
    // @ts-expect-error "NoRun" is not a TaintEffect
    { ...base, tolerations: [{ key: "dedicated", effect: "NoRun" }] },
    // @ts-expect-error "yaml" is not a LogFormat
    { ...base, litefs: { log: { format: "yaml" } } },
];

describe("fixed-value arguments", () => {
    it("accept every value of their const object", () => {
        const args: LiteFsAppArgs = {
            ...base,
            dataProtection: DataProtection.Protect,
            podAntiAffinity: PodAntiAffinity.Required,
            fuseAccess: { mode: FuseMode.DevicePlugin },
            imagePullPolicy: ImagePullPolicy.IfNotPresent,
            tolerations: [{ key: "dedicated", operator: TolerationOperator.Equal, value: "db", effect: TaintEffect.NoSchedule }],
            litefs: { log: { format: LogFormat.Json } },
        };
        assert.equal(planApp("typed", args).ok, true);
    });

    it("refuse each misspelt value at run time too, by its rule", () => {
        const rules = misspelt.map((args) => {
            const result = planApp("typed", args);
            return result.ok ? "accepted" : result.problems.map((p) => p.rule).join(",");
        });
        assert.deepEqual(rules, [
            "data-protection",
            "pod-anti-affinity",
            "fuse-mode",
            "image-pull-policy",
            "tolerations",
            "tolerations",
            "litefs-value-type",
        ]);
    });
});
