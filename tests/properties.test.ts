/**
 * Property tests (fast-check): arguments drawn at random. Valid ones plan into objects that pass render's
 * own gate (the Kubernetes schema, our rules, LiteFS's strict schema); invalid ones are refused with nothing
 * registered. Runs are bounded so that `npm test` stays quick; a failure prints the seed to replay it.
 */
import * as assert from "node:assert/strict";
import * as fc from "fast-check";
import type { LiteFsAppArgs } from "../sdk";
import { appManifests, manifestList } from "../sdk/k8s/manifests";
import { planApp } from "../sdk/plan";
import { podConfigs } from "../sdk/render/pods";
import { validateLiteFsYaml, validateObjects } from "../sdk/render/validate";
import { refused } from "./support/refused";

const lower = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz".split(""));
const alnum = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789".split(""));
/** A DNS label short enough for every name derived from it (the instance name's limit is 52). */
const dnsLabel = fc
    .tuple(lower, fc.array(fc.oneof(alnum, fc.constant("-")), { maxLength: 20 }), alnum)
    .map(([first, middle, last]) => `${first}${middle.join("")}${last}`)
    .filter((s) => !s.includes("--"));
const digest = fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `ghcr.io/org/app@sha256:${hex}`);
const envName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,15}$/).map((s) => `APP_${s}`);
const quantity = (unit: string, max: number) => fc.integer({ min: 1, max }).map((n) => `${n}${unit}`);

const validArgs: fc.Arbitrary<{ name: string; args: LiteFsAppArgs }> = fc.record({
    name: dnsLabel,
    args: fc.record(
        {
            image: digest,
            port: fc.integer({ min: 1024, max: 7999 }),
            command: fc.constantFrom("node server.js", "node dist/server.js", "sh -c 'node server.js --port $PORT'"),
            namespace: dnsLabel.filter((ns) => !["default", "kube-system", "kube-public", "kube-node-lease"].includes(ns)),
            replicas: fc.integer({ min: 1, max: 7 }),
            migrate: fc.constantFrom("node dist/db/migrate.js", "npx prisma migrate deploy"),
            database: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}\.db$/),
            storage: fc.record({ size: quantity("Gi", 500) }),
            env: fc.dictionary(envName, fc.string({ maxLength: 20 }), { maxKeys: 4 }),
            resources: fc.record(
                { requests: fc.record({ cpu: quantity("m", 4000), memory: quantity("Mi", 4096) }, { requiredKeys: [] }) },
                { requiredKeys: [] },
            ),
            dataProtection: fc.constantFrom("retain", "protect", "none"),
            podAntiAffinity: fc.constantFrom("preferred", "required", "none"),
            proxy: fc.constant({}),
            networkPolicy: fc.boolean(),
            labels: fc.dictionary(fc.stringMatching(/^team[a-z]{0,8}$/), dnsLabel, { maxKeys: 2 }),
            services: fc.record(
                {
                    read: fc.record({ type: fc.constantFrom("ClusterIP" as const, "NodePort" as const, "LoadBalancer" as const) }),
                    primary: fc.record({ type: fc.constantFrom("ClusterIP" as const, "LoadBalancer" as const) }),
                },
                { requiredKeys: [] },
            ),
            priorityClassName: dnsLabel,
            sidecars: fc.constantFrom([], [{ name: "shipper", image: "docker.io/fluent/fluent-bit:3.1.9" }]),
        },
        { requiredKeys: ["image", "port", "command"] },
    ),
});

/** One way to break valid arguments, with the argument path the refusal must name. */
const mutations: [string, (args: LiteFsAppArgs) => unknown][] = [
    ["args.port", (a) => ({ ...a, port: 70000 })],
    ["args.port", (a) => ({ ...a, port: "3000" })],
    ["args.replicas", (a) => ({ ...a, replicas: 0 })],
    ["args.replicas", (a) => ({ ...a, replicas: 1.5 })],
    ["args.command", (a) => ({ ...a, command: "npm run migrate && node server.js" })],
    ["args.command", (a) => ({ ...a, command: "" })],
    ["args.env.HOSTNAME", (a) => ({ ...a, env: { ...a.env, HOSTNAME: "0.0.0.0" } })],
    ["args.namespace", (a) => ({ ...a, namespace: "Not_A_Namespace" })],
    ["args.namespace", (a) => ({ ...a, namespace: "kube-system", createNamespace: true })],
    ["args.proxy", (a) => ({ ...a, proxy: true })],
    [
        "args.sidecars[0].securityContext",
        (a) => ({ ...a, sidecars: [{ name: "x", image: "busybox:1.36", securityContext: { privileged: true } }] }),
    ],
    ["args.storage.accessModes[0]", (a) => ({ ...a, storage: { accessModes: ["ReadWriteMany"] } })],
    ["args.database", (a) => ({ ...a, database: "/data/app.db" })],
    ["args.replica", (a) => ({ ...a, replica: 3 })],
    ["args.dataProtection", (a) => ({ ...a, dataProtection: "retian" })],
    ["args.storage.size", (a) => ({ ...a, storage: { size: "5 GB" } })],
];

describe("property tests (fast-check)", function () {
    this.timeout(30_000);

    it("random valid arguments plan into objects that pass render's validation", () => {
        fc.assert(
            fc.property(validArgs, ({ name, args }) => {
                const result = planApp(name, args);
                assert.ok(result.ok, result.ok ? "" : result.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
                const objects = manifestList(appManifests(result.plan));
                assert.deepEqual(validateObjects(objects).problems, []);
            }),
            { numRuns: 60 },
        );
    });

    it("and every pod's litefs.yml, written by the real start-up script, passes LiteFS's strict schema", () => {
        fc.assert(
            fc.property(validArgs, ({ name, args }) => {
                const result = planApp(name, args);
                assert.ok(result.ok);
                for (const config of podConfigs(manifestList(appManifests(result.plan))))
                    assert.deepEqual(validateLiteFsYaml(config.litefsYaml, config.pod), []);
            }),
            // Each run executes the start-up script under sh: a few runs only.
            { numRuns: 5 },
        );
    });

    it("random invalid arguments are refused, naming the broken argument, with nothing registered", async () => {
        await fc.assert(
            fc.asyncProperty(validArgs, fc.constantFrom(...mutations), async ({ name, args }, [path, mutate]) => {
                const error = await refused(name, mutate(args));
                assert.ok(
                    error.problems.some((p) => p.path === path),
                    `expected a problem at ${path}; got ${error.problems.map((p) => p.path).join(", ")}`,
                );
            }),
            { numRuns: 40 },
        );
    });
});
