import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ENV_SECRET_VERSION_ANNOTATION } from "../../sdk/k8s/statefulset";
import { simulateStart } from "../../sdk/startup/simulate";
import { construct, exampleArgs, SECRET, STATEFULSET, startupScriptOf } from "../support/app";
import { computedOutputs, isSecretValue, settle } from "../support/mocks";

const VALUE = "s3cr3t-value-7f2c";

type Env = { name: string; value?: string; valueFrom?: unknown }[];
const envOf = (sts: { inputs: Record<string, any> }): Env => sts.inputs.spec.template.spec.containers[0].env;

describe("secrets: env values", () => {
    // Like the API server, give each Secret a resourceVersion.
    before(() => {
        computedOutputs[SECRET] = (inputs) => ({ metadata: { ...inputs.metadata, resourceVersion: "1" } });
    });
    after(() => {
        delete computedOutputs[SECRET];
    });

    it("moves a secret env value into the <name>-env Secret and reads it with secretKeyRef, so the spec stays readable", async () => {
        const c = await construct(
            "secretive",
            exampleArgs({ namespace: "secretive", env: { NODE_ENV: "production", API_KEY: pulumi.secret(VALUE) } }),
        );
        const secret = c.one(SECRET);
        assert.deepEqual(secret.inputs.metadata, {
            name: "secretive-env",
            namespace: "secretive",
            labels: { "app.kubernetes.io/name": "litefs", "app.kubernetes.io/instance": "secretive" },
        });
        assert.deepEqual(secret.inputs.stringData, { API_KEY: VALUE });
        assert.ok(isSecretValue(secret.raw.stringData), "the Secret's data reaches the engine as a secret");

        const sts = c.one(STATEFULSET);
        assert.ok(!isSecretValue(sts.raw.spec), "the StatefulSet spec is not secret, so previews show its diffs");
        assert.ok(!JSON.stringify(sts.raw).includes(VALUE), "the value is nowhere in the StatefulSet");
        assert.deepEqual(envOf(sts).slice(4), [
            { name: "NODE_ENV", value: "production" },
            { name: "API_KEY", valueFrom: { secretKeyRef: { name: "secretive-env", key: "API_KEY" } } },
        ]);
    });

    it("rolls the pods when the Secret changes, through an annotation holding its resourceVersion", async () => {
        const c = await construct("rolling", exampleArgs({ namespace: "rolling", env: { API_KEY: pulumi.secret(VALUE) } }));
        const template = c.one(STATEFULSET).inputs.spec.template;
        assert.equal(template.metadata.annotations[ENV_SECRET_VERSION_ANNOTATION], "1");
        const opts = c.childOptions.get(`${STATEFULSET}::rolling-statefulset`);
        const dependsOn = (opts?.dependsOn ?? []) as pulumi.Resource[];
        assert.ok(dependsOn.some((r) => pulumi.CustomResource.isInstance(r) && r.constructor.name === "Secret"));
    });

    it("keeps a non-secret Output inline and leaves the owned Secret empty", async () => {
        const c = await construct("outputs", exampleArgs({ namespace: "outputs", env: { DB_HOST: pulumi.output("db.internal") } }));
        assert.deepEqual(envOf(c.one(STATEFULSET)).at(-1), { name: "DB_HOST", value: "db.internal" });
        assert.deepEqual(c.one(SECRET).inputs.stringData, {});
    });

    it("reads a secret Output from the Secret even while its value is unknown (as in a preview)", async () => {
        const unknown = pulumi.secret(pulumi.output(pulumi.unknown as unknown as string));
        const c = await construct("unknowns", exampleArgs({ namespace: "unknowns", env: { LATER: unknown } }));
        assert.deepEqual(envOf(c.one(STATEFULSET)).at(-1), {
            name: "LATER",
            valueFrom: { secretKeyRef: { name: "unknowns-env", key: "LATER" } },
        });
    });

    it("creates no Secret and no annotation when every env value is a plain string", async () => {
        const c = await construct("plain", exampleArgs({ namespace: "plain" }));
        assert.equal(c.resources.filter((r) => r.type === SECRET).length, 0);
        assert.equal(c.one(STATEFULSET).inputs.spec.template.metadata.annotations, undefined);
    });

    it("reads secretEnv entries from the named Secrets", async () => {
        const c = await construct(
            "refs",
            exampleArgs({
                namespace: "refs",
                secretEnv: {
                    DB_PASSWORD: { secretName: "db-credentials", key: "password" },
                    OPTIONAL: { secretName: "extra", key: "k", optional: true },
                },
            }),
        );
        assert.deepEqual(envOf(c.one(STATEFULSET)).slice(-2), [
            { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } } },
            { name: "OPTIONAL", valueFrom: { secretKeyRef: { name: "extra", key: "k", optional: true } } },
        ]);
    });

    it("never writes a secret into the start-up script, litefs.yml or the component's outputs", async () => {
        const c = await construct("no-leak", exampleArgs({ namespace: "no-leak", env: { API_KEY: pulumi.secret(VALUE) } }));
        const script = startupScriptOf(c);
        assert.ok(!script.includes(VALUE));
        for (const pod of ["no-leak-0", "no-leak-1"]) {
            const start = simulateStart(script, pod);
            assert.equal(start.exitCode, 0, start.stderr);
            assert.ok(
                start.config && !start.config.includes(VALUE) && !start.stdout.includes(VALUE),
                `${pod}'s litefs.yml or log holds the secret`,
            );
        }
        for (const output of [c.app.debugCommands, c.app.recoveryCommands, c.app.namespace, c.app.primaryAdvertiseUrl])
            assert.ok(!String(await settle(output)).includes(VALUE));
    });
});
