import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { DataProtection } from "../../sdk";
import { construct, exampleArgs, NAMESPACE, SECRET, SERVICE, STATEFULSET } from "../support/app";

/** The options the component gave a child (`<type>::<app>-<suffix>`). */
async function optionsOf(args: Parameters<typeof exampleArgs>[0], opts?: pulumi.ComponentResourceOptions) {
    const name = `dp-${args?.dataProtection ?? "default"}${opts ? "-opts" : ""}`;
    const c = await construct(name, exampleArgs({ namespace: name, env: { TOKEN: pulumi.secret("t") }, ...args }), opts);
    const of = (type: string, suffix: string) => {
        const found = c.childOptions.get(`${type}::${name}-${suffix}`);
        assert.ok(found, `no ${type} ${suffix}`);
        return { protect: found.protect, retainOnDelete: found.retainOnDelete };
    };
    return {
        namespace: of(NAMESPACE, "namespace"),
        statefulSet: of(STATEFULSET, "statefulset"),
        others: [of(SERVICE, "headless"), of(SECRET, "env")],
    };
}

const UNSET = { protect: undefined, retainOnDelete: undefined };

describe("data protection (child resource options)", () => {
    it('defaults to "retain": pulumi destroy leaves the created namespace, and so its PVCs, in the cluster', async () => {
        const o = await optionsOf({});
        assert.deepEqual(o.namespace, { protect: undefined, retainOnDelete: true });
        assert.deepEqual(o.statefulSet, UNSET);
        for (const other of o.others) assert.deepEqual(other, UNSET);
    });

    it('"protect" protects the StatefulSet and the namespace, and still retains the namespace', async () => {
        const o = await optionsOf({ dataProtection: "protect" });
        assert.deepEqual(o.namespace, { protect: true, retainOnDelete: true });
        assert.deepEqual(o.statefulSet, { protect: true, retainOnDelete: undefined });
        for (const other of o.others) assert.deepEqual(other, UNSET);
    });

    it('"none" sets nothing, so pulumi destroy deletes the namespace with its PVCs', async () => {
        const o = await optionsOf({ dataProtection: "none" });
        assert.deepEqual(o.namespace, UNSET);
        assert.deepEqual(o.statefulSet, UNSET);
    });

    it("never sets protect: false, so a caller's protect on the component still reaches every child", async () => {
        const o = await optionsOf({ dataProtection: "none" }, { protect: true });
        for (const child of [o.namespace, o.statefulSet, ...o.others]) assert.notEqual(child.protect, false);
    });

    it("keeps the PVCs on StatefulSet deletion and scale-down in every mode", async () => {
        for (const dataProtection of Object.values(DataProtection)) {
            const c = await construct(`pvc-${dataProtection}`, exampleArgs({ namespace: `pvc-${dataProtection}`, dataProtection }));
            assert.deepEqual(c.one(STATEFULSET).inputs.spec.persistentVolumeClaimRetentionPolicy, {
                whenDeleted: "Retain",
                whenScaled: "Retain",
            });
        }
    });
});
