import * as assert from "node:assert/strict";
import { FuseMode, type LiteFsAppArgs } from "../../sdk";
import { assertOnlyLiteFsElevated } from "../../sdk/k8s/pod-security";
import { construct, exampleArgs, NAMESPACE, NETWORK_POLICY, STATEFULSET } from "../support/app";
import { planBasics } from "../../sdk/plan/basics";

/** The embedded layout: the container named "app" holds the litefs role. */
const EMBEDDED = planBasics({ image: "x", port: 3000, command: "x" }, "app").layout;

const SELECTOR = { "app.kubernetes.io/name": "litefs", "app.kubernetes.io/instance": "guarded" };

async function podSpecOf(name: string, args: Partial<LiteFsAppArgs>) {
    const c = await construct(name, exampleArgs({ namespace: name, ...args }));
    return { c, pod: c.one(STATEFULSET).inputs.spec.template.spec };
}

describe("least privilege: the LiteFS API NetworkPolicy", () => {
    it("admits the LiteFS API port only from the app's own pods, and the app and proxy ports from anywhere", async () => {
        const c = await construct("guarded", exampleArgs({ namespace: "guarded", proxy: { port: 8080 } }));
        const policy = c.one(NETWORK_POLICY).inputs;
        assert.deepEqual(policy.metadata, { name: "guarded", namespace: "guarded", labels: SELECTOR });
        assert.deepEqual(policy.spec, {
            podSelector: { matchLabels: SELECTOR },
            policyTypes: ["Ingress"],
            ingress: [
                { from: [{ podSelector: { matchLabels: SELECTOR } }], ports: [{ protocol: "TCP", port: 20202 }] },
                {
                    ports: [
                        { protocol: "TCP", port: 3000 },
                        { protocol: "TCP", port: 8080 },
                    ],
                },
            ],
        });
    });

    it("follows a custom API port", async () => {
        const c = await construct("api-port", exampleArgs({ namespace: "api-port", apiPort: 20300 }));
        assert.deepEqual(c.one(NETWORK_POLICY).inputs.spec.ingress[0].ports, [{ protocol: "TCP", port: 20300 }]);
    });

    it("is not created with networkPolicy: false", async () => {
        const c = await construct("open", exampleArgs({ namespace: "open", networkPolicy: false }));
        assert.equal(c.resources.filter((r) => r.type === NETWORK_POLICY).length, 0);
    });
});

describe("least privilege: pods", () => {
    it("mounts no service account token by default", async () => {
        const { pod } = await podSpecOf("no-token", {});
        assert.equal(pod.automountServiceAccountToken, false);
        assert.equal(pod.serviceAccountName, undefined);
    });

    it("uses a given service account and leaves token mounting to it", async () => {
        const { pod } = await podSpecOf("with-sa", { serviceAccountName: "app-reader" });
        assert.equal(pod.serviceAccountName, "app-reader");
        assert.equal(pod.automountServiceAccountToken, undefined);
    });

    it('"devicePlugin" mode: no privileged, only SYS_ADMIN added, AppArmor Unconfined, one FUSE device requested', async () => {
        const { pod } = await podSpecOf("plugin", {
            fuseAccess: { mode: "devicePlugin" },
            resources: { requests: { cpu: "100m" }, limits: { memory: "256Mi" } },
        });
        const [container] = pod.containers;
        assert.deepEqual(container.securityContext, {
            runAsUser: 0,
            runAsGroup: 0,
            capabilities: { add: ["SYS_ADMIN"] },
            appArmorProfile: { type: "Unconfined" },
        });
        assert.deepEqual(container.resources, { requests: { cpu: "100m" }, limits: { memory: "256Mi", "smarter-devices/fuse": "1" } });
    });

    it('"devicePlugin" mode takes another plugin\'s resource and can keep the default AppArmor profile', async () => {
        const { pod } = await podSpecOf("plugin-custom", {
            fuseAccess: { mode: "devicePlugin", deviceResource: "squat.ai/fuse", appArmorUnconfined: false },
        });
        const [container] = pod.containers;
        assert.deepEqual(container.securityContext, { runAsUser: 0, runAsGroup: 0, capabilities: { add: ["SYS_ADMIN"] } });
        assert.deepEqual(container.resources, { limits: { "squat.ai/fuse": "1" } });
    });

    it("still labels the namespace privileged in devicePlugin mode: SYS_ADMIN and Unconfined fail baseline", async () => {
        const { c } = await podSpecOf("plugin-ns", { fuseAccess: { mode: "devicePlugin" } });
        assert.equal(c.one(NAMESPACE).inputs.metadata.labels["pod-security.kubernetes.io/enforce"], "privileged");
    });

    for (const mode of Object.values(FuseMode)) {
        it(`gives elevated rights to the LiteFS container only (${mode} mode)`, async () => {
            const { pod } = await podSpecOf(`only-litefs-${mode.toLowerCase()}`, { fuseAccess: { mode } });
            const all = [...(pod.initContainers ?? []), ...pod.containers];
            const elevated = all.filter((c) => c.securityContext?.privileged || c.securityContext?.capabilities?.add?.length);
            assert.deepEqual(
                elevated.map((c) => c.name),
                ["app"],
            );
        });
    }
});

describe("least privilege: the guard every StatefulSet passes", () => {
    const litefs = { name: "app", securityContext: { privileged: true } };
    const unprivileged = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };

    it("accepts unprivileged init and sidecar containers next to the LiteFS container", () => {
        assertOnlyLiteFsElevated(
            {
                initContainers: [{ name: "init", securityContext: unprivileged }],
                containers: [litefs, { name: "sidecar", securityContext: unprivileged }],
            },
            EMBEDDED,
        );
    });

    const bad: [string, Record<string, unknown> | undefined][] = [
        ["privileged", { ...unprivileged, privileged: true }],
        ["an added capability", { ...unprivileged, capabilities: { drop: ["ALL"], add: ["NET_ADMIN"] } }],
        ["privilege escalation left on", { capabilities: { drop: ["ALL"] } }],
        ["capabilities not dropped", { allowPrivilegeEscalation: false }],
        ["an unconfined AppArmor profile", { ...unprivileged, appArmorProfile: { type: "Unconfined" } }],
        ["no security context", undefined],
    ];
    for (const [what, securityContext] of bad) {
        it(`refuses a sidecar with ${what}`, () => {
            assert.throws(
                () => assertOnlyLiteFsElevated({ containers: [litefs, { name: "sidecar", securityContext }] }, EMBEDDED),
                /container "sidecar" must run unprivileged/,
            );
        });
        it(`refuses an init container with ${what}`, () => {
            assert.throws(
                () => assertOnlyLiteFsElevated({ initContainers: [{ name: "init", securityContext }], containers: [litefs] }, EMBEDDED),
                /container "init" must run unprivileged/,
            );
        });
    }
});
