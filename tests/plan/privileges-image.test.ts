import * as assert from "node:assert/strict";
import { planDataProtection } from "../../sdk/plan/data-protection";
import { imageWarnings, planImage } from "../../sdk/plan/image";
import { planMetadata } from "../../sdk/plan/metadata";
import { planPrivileges } from "../../sdk/plan/privileges";
import { args, rulesOf, run } from "./support";

describe("plan/privileges: FUSE access, service account, NetworkPolicy", () => {
    it("defaults to privileged mode with a NetworkPolicy, and fills the device-plugin settings", () => {
        assert.deepEqual(run(planPrivileges, args()), {
            value: {
                fuseAccess: { mode: "privileged" },
                serviceAccountName: undefined,
                networkPolicy: true,
                podSecurityContext: undefined,
            },
            problems: [],
        });
        assert.deepEqual(run(planPrivileges, args({ fuseAccess: { mode: "devicePlugin" } })).value.fuseAccess, {
            mode: "devicePlugin",
            deviceResource: "smarter-devices/fuse",
            appArmorUnconfined: true,
        });
    });

    it("refuses each mistake by its rule", () => {
        const rules = (overrides: Parameters<typeof args>[0]) => rulesOf(run(planPrivileges, args(overrides)));
        assert.deepEqual(rules({ fuseAccess: { mode: "fuse" as never } }), ["fuse-mode"]);
        assert.deepEqual(rules({ fuseAccess: { deviceResource: "x/fuse" } }), ["fuse-device-resource"]);
        assert.deepEqual(rules({ serviceAccountName: "App" }), ["service-account-name"]);
        assert.deepEqual(rules({ networkPolicy: "no" as never }), ["boolean-args"]);
    });
});

describe("plan/data-protection", () => {
    it("defaults to retain and refuses other values", () => {
        assert.deepEqual(run(planDataProtection, args()), { value: "retain", problems: [] });
        assert.deepEqual(rulesOf(run(planDataProtection, args({ dataProtection: "retian" as never }))), ["data-protection"]);
    });
});

describe("plan/image: reference, pull policy, pull secrets", () => {
    it("keeps a pinned image without warnings", () => {
        const planned = run(planImage, args({ imagePullSecrets: ["ghcr"] }));
        assert.deepEqual(planned.problems, []);
        assert.deepEqual(planned.value.imagePullSecrets, ["ghcr"]);
        assert.deepEqual(imageWarnings(String(planned.value.image)), []);
        assert.equal(imageWarnings("ghcr.io/org/app:v1").length, 1);
    });

    it("refuses a missing, spaced or malformed reference and bad pull settings, by rule", () => {
        const rules = (overrides: Parameters<typeof args>[0]) => rulesOf(run(planImage, args(overrides)));
        assert.deepEqual(rules({ image: "" }), ["image-required"]);
        assert.deepEqual(rules({ image: "ghcr.io/org/app :v1" }), ["image-whitespace"]);
        assert.deepEqual(rules({ image: "ghcr.io/Acme/Notes@sha256:abc" }), ["image-reference"]);
        assert.deepEqual(rules({ imagePullPolicy: "always" as never }), ["image-pull-policy"]);
        assert.deepEqual(rules({ imagePullSecrets: ["GHCR"] }), ["image-pull-secrets"]);
    });
});

describe("plan/metadata: labels, annotations, resources", () => {
    it("adds the selector labels to the caller's", () => {
        assert.deepEqual(run(planMetadata, args({ labels: { team: "web" } })).value.labels, {
            team: "web",
            "app.kubernetes.io/name": "litefs",
            "app.kubernetes.io/instance": "notes",
        });
    });

    it("refuses each mistake by its rule", () => {
        const rules = (overrides: Parameters<typeof args>[0]) => rulesOf(run(planMetadata, args(overrides)));
        assert.deepEqual(rules({ labels: { team: "a b" } }), ["labels"]);
        assert.deepEqual(rules({ labels: { "app.kubernetes.io/instance": "x" } }), ["labels-selector"]);
        assert.deepEqual(rules({ podAnnotations: { a: 1 as never } }), ["pod-annotations"]);
        assert.deepEqual(rules({ resources: { limits: { memory: "1 GB" } } }), ["resources"]);
    });
});
