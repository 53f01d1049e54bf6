import * as assert from "node:assert/strict";
import { load } from "js-yaml";
import type { LiteFsAppArgs } from "../../sdk";
import { statefulSetManifest } from "../../sdk/k8s/statefulset";
import { planApp } from "../../sdk/plan";
import { simulateStart } from "../../sdk/startup/simulate";
import { type Constructed, construct, exampleArgs, PDB, STATEFULSET, startupScriptOf } from "../support/app";

const SELECTOR = { "app.kubernetes.io/name": "litefs", "app.kubernetes.io/instance": "abaci-app" };

function podSpec(c: Constructed) {
    return c.one(STATEFULSET).inputs.spec.template.spec;
}

function probesOf(c: Constructed) {
    const { readinessProbe, livenessProbe, startupProbe } = podSpec(c).containers[0];
    return { readinessProbe, livenessProbe, startupProbe };
}

/** The litefs.yml a replica would write, from the captured StatefulSet's real start-up script. */
function replicaConfig(c: Constructed): Record<string, any> {
    const run = simulateStart(startupScriptOf(c), "abaci-app-1");
    assert.equal(run.exitCode, 0, run.stderr);
    return load(run.config ?? "") as Record<string, any>;
}

describe("probes", () => {
    it("with the proxy: readiness and startup on GET /litefs/health at the proxy port; liveness TCP on the LiteFS API port", async () => {
        const c = await construct("abaci-app", exampleArgs({ namespace: "probes-proxy", proxy: {} }));
        const { readinessProbe, livenessProbe, startupProbe } = probesOf(c);
        assert.deepEqual(readinessProbe, {
            httpGet: { path: "/litefs/health", port: "proxy" },
            initialDelaySeconds: 0,
            periodSeconds: 5,
            timeoutSeconds: 5,
            failureThreshold: 3,
        });
        assert.deepEqual(startupProbe, {
            httpGet: { path: "/litefs/health", port: "proxy" },
            initialDelaySeconds: 0,
            periodSeconds: 10,
            timeoutSeconds: 5,
            failureThreshold: 360,
        });
        assert.deepEqual(livenessProbe, {
            tcpSocket: { port: "litefs" },
            initialDelaySeconds: 0,
            periodSeconds: 10,
            timeoutSeconds: 5,
            failureThreshold: 6,
        });
        const ports = podSpec(c).containers[0].ports;
        assert.deepEqual(ports.find((p: { name: string }) => p.name === "proxy").containerPort, 8080);
        assert.deepEqual(ports.find((p: { name: string }) => p.name === "litefs").containerPort, 20202);
        assert.equal(replicaConfig(c).proxy["max-lag"], undefined, "LiteFS's own 10s max-lag by default");
    });

    it("never sends liveness through the proxy or the app, whatever the setup", async () => {
        for (const [ns, extra] of [
            ["live-proxy", { proxy: { port: 8080 } }],
            ["live-path", { probes: { readinessPath: "/healthz" } }],
            ["live-tcp", {}],
        ] as const) {
            const c = await construct("abaci-app", exampleArgs({ namespace: ns, ...extra }));
            assert.deepEqual(probesOf(c).livenessProbe.tcpSocket, { port: "litefs" }, ns);
            assert.equal(probesOf(c).livenessProbe.httpGet, undefined, ns);
        }
    });

    it("without the proxy: readiness and startup on the caller's path at the app port", async () => {
        const c = await construct("abaci-app", exampleArgs({ namespace: "probes-path", probes: { readinessPath: "/api/health" } }));
        const { readinessProbe, startupProbe } = probesOf(c);
        assert.deepEqual(readinessProbe.httpGet, { path: "/api/health", port: "http" });
        assert.deepEqual(startupProbe.httpGet, { path: "/api/health", port: "http" });
    });

    it("without the proxy or a path: readiness and startup are TCP checks on the app port", async () => {
        const c = await construct("abaci-app", exampleArgs({ namespace: "probes-tcp" }));
        const { readinessProbe, startupProbe } = probesOf(c);
        assert.deepEqual(readinessProbe.tcpSocket, { port: "http" });
        assert.deepEqual(startupProbe.tcpSocket, { port: "http" });
        assert.equal(readinessProbe.httpGet, undefined);
    });

    it("takes every threshold from the probes argument, keeping the defaults of the rest", async () => {
        const c = await construct(
            "abaci-app",
            exampleArgs({
                namespace: "probes-tuned",
                probes: {
                    readiness: { periodSeconds: 10, timeoutSeconds: 10, failureThreshold: 5 },
                    liveness: { initialDelaySeconds: 30, failureThreshold: 10 },
                    startup: { periodSeconds: 30, failureThreshold: 480 },
                },
            }),
        );
        const { readinessProbe, livenessProbe, startupProbe } = probesOf(c);
        assert.deepEqual(
            [
                readinessProbe.initialDelaySeconds,
                readinessProbe.periodSeconds,
                readinessProbe.timeoutSeconds,
                readinessProbe.failureThreshold,
            ],
            [0, 10, 10, 5],
        );
        assert.deepEqual(
            [livenessProbe.initialDelaySeconds, livenessProbe.periodSeconds, livenessProbe.timeoutSeconds, livenessProbe.failureThreshold],
            [30, 10, 5, 10],
        );
        assert.deepEqual([startupProbe.periodSeconds, startupProbe.failureThreshold], [30, 480]);
    });

    it("keeps replicas Ready without the primary by setting the proxy's max-lag to 0s, on request", async () => {
        const c = await construct(
            "abaci-app",
            exampleArgs({ namespace: "probes-lag", proxy: {}, probes: { replicasReadyWithoutPrimary: true } }),
        );
        assert.equal(replicaConfig(c).proxy["max-lag"], "0s");
        assert.deepEqual(probesOf(c).readinessProbe.httpGet, { path: "/litefs/health", port: "proxy" });
    });
});

describe("lifecycle and scheduling", () => {
    let c: Constructed;
    before(async () => {
        c = await construct("abaci-app", exampleArgs({ namespace: "lifecycle" }));
    });

    it("sleeps 5s in preStop, within a 30s grace period", () => {
        assert.deepEqual(podSpec(c).containers[0].lifecycle, { preStop: { exec: { command: ["sleep", "5"] } } });
        assert.equal(podSpec(c).terminationGracePeriodSeconds, 30);
    });

    it("creates a policy/v1 PodDisruptionBudget <name> with maxUnavailable 1 over every pod, never minAvailable", () => {
        const pdb = c.one(PDB);
        assert.equal(pdb.name, "abaci-app-pdb");
        assert.equal(pdb.inputs.apiVersion, "policy/v1");
        assert.equal(pdb.inputs.metadata.name, "abaci-app");
        assert.equal(pdb.inputs.metadata.namespace, "lifecycle");
        assert.equal(pdb.inputs.spec.maxUnavailable, 1);
        assert.equal(pdb.inputs.spec.minAvailable, undefined);
        assert.deepEqual(pdb.inputs.spec.selector, { matchLabels: SELECTOR });
        assert.equal(pdb.inputs.spec.unhealthyPodEvictionPolicy, "AlwaysAllow");
    });

    it("prefers spreading pods over nodes by hostname", () => {
        assert.deepEqual(podSpec(c).affinity, {
            podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                    { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: SELECTOR }, topologyKey: "kubernetes.io/hostname" } },
                ],
            },
        });
        assert.equal(podSpec(c).nodeSelector, undefined);
        assert.equal(podSpec(c).tolerations, undefined);
    });

    it("passes grace period, preStop, partition, minReadySeconds, affinity, nodeSelector and tolerations through", async () => {
        const tuned = await construct(
            "abaci-app",
            exampleArgs({
                namespace: "lifecycle-tuned",
                terminationGracePeriodSeconds: 60,
                preStopSleepSeconds: 0,
                updatePartition: 1,
                minReadySeconds: 30,
                podAntiAffinity: "required",
                nodeSelector: { "kubernetes.io/arch": "arm64" },
                tolerations: [{ key: "dedicated", operator: "Equal", value: "db", effect: "NoSchedule" }],
            }),
        );
        const sts = tuned.one(STATEFULSET).inputs;
        const spec = sts.spec.template.spec;
        assert.equal(spec.terminationGracePeriodSeconds, 60);
        assert.equal(spec.containers[0].lifecycle, undefined, "preStopSleepSeconds 0 turns the hook off");
        assert.deepEqual(sts.spec.updateStrategy, { type: "RollingUpdate", rollingUpdate: { partition: 1 } });
        assert.equal(sts.spec.minReadySeconds, 30);
        assert.equal(
            sts.metadata.annotations["pulumi.com/skipAwait"],
            "true",
            "Pulumi's await never finishes while a partition holds pods back",
        );
        assert.deepEqual(spec.affinity.podAntiAffinity, {
            requiredDuringSchedulingIgnoredDuringExecution: [
                { labelSelector: { matchLabels: SELECTOR }, topologyKey: "kubernetes.io/hostname" },
            ],
        });
        assert.deepEqual(spec.nodeSelector, { "kubernetes.io/arch": "arm64" });
        assert.deepEqual(spec.tolerations, [{ key: "dedicated", operator: "Equal", value: "db", effect: "NoSchedule" }]);
    });

    it("sets no affinity with podAntiAffinity none", async () => {
        const none = await construct("abaci-app", exampleArgs({ namespace: "lifecycle-none", podAntiAffinity: "none" }));
        assert.equal(podSpec(none).affinity, undefined);
    });
});

describe("a change to litefs.yml or the start-up script rolls the pods", () => {
    /** The pod template the StatefulSet would get: a change to it is what makes the controller replace pods. */
    function template(args: LiteFsAppArgs) {
        const result = planApp("abaci-app", args);
        assert.ok(result.ok);
        return (statefulSetManifest(result.plan) as Record<string, any>).spec.template;
    }
    const base = exampleArgs();

    for (const [what, changed] of [
        ["a LiteFS option", exampleArgs({ litefs: { data: { retention: "30m" } } })],
        ["a proxy setting", exampleArgs({ proxy: { maxLag: "30s" } })],
        ["the migrate command", exampleArgs({ migrate: "node dist/db/migrate.js --verbose" })],
        ["the API port", exampleArgs({ apiPort: 20203 })],
    ] as const) {
        it(`changes the pod template when ${what} changes, in the script the container runs`, () => {
            const before = template(base);
            const after = template(changed);
            assert.notDeepEqual(after, before);
            assert.notEqual(after.spec.containers[0].command[2], before.spec.containers[0].command[2]);
        });
    }

    it("renders the changed LiteFS option into the script the container runs", () => {
        const script: string = template(exampleArgs({ litefs: { data: { retention: "30m" } } })).spec.containers[0].command[2];
        assert.match(script, /^ {2}retention: 30m$/m);
    });

    it("leaves the pod template alone when only the route or the update partition changes (a partition must not roll pods itself)", () => {
        assert.deepEqual(template(exampleArgs({ httpRoute: { parentRefs: [{ name: "public" }] } })), template(base));
        assert.deepEqual(template(exampleArgs({ updatePartition: 1 })), template(base));
    });
});
