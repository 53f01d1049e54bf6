import * as assert from "node:assert/strict";
import { construct, exampleArgs, STATEFULSET } from "../support/app";
import { problemAt, refused } from "../support/refused";

const ROUTE = { parentRefs: [{ name: "public" }] };

describe("traffic, probe and lifecycle arguments refused before anything is created", () => {
    const cases: [id: string, what: string, args: unknown, path: string, message: RegExp, fix?: RegExp][] = [
        // Probes
        [
            "probes-readiness-path",
            "a readiness path with the proxy on",
            exampleArgs({ proxy: {}, probes: { readinessPath: "/healthz" } }),
            "args.probes.readinessPath",
            /only used without the proxy/,
            /remove readinessPath/,
        ],
        [
            "probes-readiness-path",
            "a readiness path without a leading slash",
            exampleArgs({ probes: { readinessPath: "healthz" } }),
            "args.probes.readinessPath",
            /starting with "\/"/,
            /"\/healthz"/,
        ],
        [
            "probes-readiness-path",
            "a readiness path with a space",
            exampleArgs({ probes: { readinessPath: "/health check" } }),
            "args.probes.readinessPath",
            /without spaces/,
        ],
        [
            "probes-replicas-ready",
            "replicasReadyWithoutPrimary without the proxy",
            exampleArgs({ probes: { replicasReadyWithoutPrimary: true } }),
            "args.probes.replicasReadyWithoutPrimary",
            /only applies with the proxy on/,
            /turn the proxy on/,
        ],
        [
            "probes-replicas-ready",
            "replicasReadyWithoutPrimary as a string",
            { ...exampleArgs({ proxy: {} }), probes: { replicasReadyWithoutPrimary: "true" } },
            "args.probes.replicasReadyWithoutPrimary",
            /true or false/,
        ],
        [
            "probes-replicas-ready",
            "replicasReadyWithoutPrimary with a non-zero maxLag",
            exampleArgs({ proxy: { maxLag: "30s" }, probes: { replicasReadyWithoutPrimary: true } }),
            "args.proxy.maxLag",
            /contradicts probes\.replicasReadyWithoutPrimary/,
        ],
        [
            "probes-timing",
            "a zero probe period",
            exampleArgs({ probes: { readiness: { periodSeconds: 0 } } }),
            "args.probes.readiness.periodSeconds",
            /whole number of at least 1, got 0/,
        ],
        [
            "probes-timing",
            "a fractional failure threshold",
            exampleArgs({ probes: { startup: { failureThreshold: 2.5 } } }),
            "args.probes.startup.failureThreshold",
            /whole number/,
        ],
        [
            "probes-timing",
            "a negative initial delay",
            exampleArgs({ probes: { liveness: { initialDelaySeconds: -1 } } }),
            "args.probes.liveness.initialDelaySeconds",
            /at least 0/,
        ],
        [
            "probes-timing",
            "a probe timing given as a string",
            { ...exampleArgs(), probes: { liveness: { timeoutSeconds: "5" } } },
            "args.probes.liveness.timeoutSeconds",
            /whole number .*got "5"/,
        ],
        [
            "probes-timing",
            "a misspelt probe key",
            { ...exampleArgs(), probes: { readiness: { period: 5 } } },
            "args.probes.readiness.period",
            /not a known argument/,
            /periodSeconds/,
        ],
        [
            "args-unknown",
            "a liveness path (liveness never goes through the app)",
            { ...exampleArgs(), probes: { livenessPath: "/healthz" } },
            "args.probes.livenessPath",
            /not a known argument/,
        ],
        [
            "proxy-passthrough-health",
            "a passthrough pattern that swallows the health check",
            exampleArgs({ proxy: { passthrough: ["*.png", "*"] } }),
            "args.proxy.passthrough[1]",
            /matches \/litefs\/health/,
            /narrow/,
        ],
        [
            "proxy-passthrough-health",
            "a passthrough pattern for /litefs/*",
            exampleArgs({ proxy: { passthrough: ["/litefs/*"] } }),
            "args.proxy.passthrough[0]",
            /readiness uses/,
        ],
        [
            "proxy-always-forward",
            "proxy.alwaysForward, which a replica's proxy would drop",
            { ...exampleArgs(), proxy: { alwaysForward: ["/api/sync"] } },
            "args.proxy.alwaysForward",
            /fly-replay .* would be lost/,
        ],
        // HTTPRoute
        [
            "http-route-parent-refs",
            "an HTTPRoute without parentRefs",
            { ...exampleArgs(), httpRoute: {} },
            "args.httpRoute.parentRefs",
            /1 to 32 Gateways/,
            /name: "public"/,
        ],
        [
            "http-route-parent-refs",
            "an HTTPRoute with empty parentRefs",
            exampleArgs({ httpRoute: { parentRefs: [] } }),
            "args.httpRoute.parentRefs",
            /1 to 32/,
        ],
        [
            "http-route-parent-refs",
            "a Gateway name with capitals",
            exampleArgs({ httpRoute: { parentRefs: [{ name: "Public" }] } }),
            "args.httpRoute.parentRefs[0].name",
            /DNS subdomain/,
        ],
        [
            "http-route-parent-refs",
            "a Gateway namespace that is not a DNS label",
            exampleArgs({ httpRoute: { parentRefs: [{ name: "public", namespace: "gateway.system" }] } }),
            "args.httpRoute.parentRefs[0].namespace",
            /DNS label/,
        ],
        [
            "http-route-parent-refs",
            "a Gateway port out of range",
            exampleArgs({ httpRoute: { parentRefs: [{ name: "public", port: 0 }] } }),
            "args.httpRoute.parentRefs[0].port",
            /1 to 65535/,
        ],
        [
            "http-route-parent-refs",
            "an unknown parentRef key",
            { ...exampleArgs(), httpRoute: { parentRefs: [{ name: "public", kind: "Service" }] } },
            "args.httpRoute.parentRefs[0].kind",
            /not a known argument/,
        ],
        [
            "http-route-parent-refs",
            "the same Gateway twice without distinct listeners",
            exampleArgs({ httpRoute: { parentRefs: [{ name: "public" }, { name: "public", sectionName: "https" }] } }),
            "args.httpRoute.parentRefs[1]",
            /refers to Gateway public again/,
        ],
        [
            "http-route-hostnames",
            "a hostname with a scheme",
            exampleArgs({ httpRoute: { ...ROUTE, hostnames: ["https://app.example.com"] } }),
            "args.httpRoute.hostnames[0]",
            /no IP address, scheme, port or path/,
            /"app\.example\.com"/,
        ],
        [
            "http-route-hostnames",
            "a hostname with a port",
            exampleArgs({ httpRoute: { ...ROUTE, hostnames: ["app.example.com:443"] } }),
            "args.httpRoute.hostnames[0]",
            /lowercase DNS name/,
            /"app\.example\.com"/,
        ],
        [
            "http-route-hostnames",
            "an uppercase hostname",
            exampleArgs({ httpRoute: { ...ROUTE, hostnames: ["App.Example.com"] } }),
            "args.httpRoute.hostnames[0]",
            /lowercase/,
            /"app\.example\.com"/,
        ],
        [
            "http-route-hostnames",
            "an IP address as hostname",
            exampleArgs({ httpRoute: { ...ROUTE, hostnames: ["10.0.0.1"] } }),
            "args.httpRoute.hostnames[0]",
            /no IP address/,
        ],
        [
            "http-route-hostnames",
            "a repeated hostname",
            exampleArgs({ httpRoute: { ...ROUTE, hostnames: ["a.example.com", "a.example.com"] } }),
            "args.httpRoute.hostnames[1]",
            /repeats/,
        ],
        [
            "http-route-hostnames",
            "more than 16 hostnames",
            exampleArgs({ httpRoute: { ...ROUTE, hostnames: Array.from({ length: 17 }, (_, i) => `h${i}.example.com`) } }),
            "args.httpRoute.hostnames",
            /at most 16/,
        ],
        // Lifecycle
        [
            "grace-period",
            "a zero grace period",
            exampleArgs({ terminationGracePeriodSeconds: 0 }),
            "args.terminationGracePeriodSeconds",
            /at least 1/,
        ],
        [
            "prestop-sleep",
            "a preStop sleep as long as the grace period",
            exampleArgs({ terminationGracePeriodSeconds: 10, preStopSleepSeconds: 10 }),
            "args.preStopSleepSeconds",
            /less than terminationGracePeriodSeconds \(10\)/,
            /terminationGracePeriodSeconds: 30/,
        ],
        ["prestop-sleep", "a negative preStop sleep", exampleArgs({ preStopSleepSeconds: -1 }), "args.preStopSleepSeconds", /at least 0/],
        [
            "update-partition",
            "a partition above the replicas",
            exampleArgs({ replicas: 3, updatePartition: 4 }),
            "args.updatePartition",
            /from 0 to 3/,
        ],
        ["min-ready-seconds", "a negative minReadySeconds", exampleArgs({ minReadySeconds: -5 }), "args.minReadySeconds", /at least 0/],
        // Scheduling
        [
            "pod-anti-affinity",
            "an unknown anti-affinity",
            exampleArgs({ podAntiAffinity: "soft" as never }),
            "args.podAntiAffinity",
            /"preferred", "required" or "none", got "soft"/,
        ],
        [
            "node-selector",
            "a nodeSelector with an invalid value",
            exampleArgs({ nodeSelector: { "kubernetes.io/arch": "arm 64" } }),
            "args.nodeSelector.kubernetes.io/arch",
            /invalid label value/,
        ],
        [
            "tolerations",
            "tolerations that are not a list",
            { ...exampleArgs(), tolerations: { key: "x" } },
            "args.tolerations",
            /must be a list/,
        ],
        [
            "tolerations",
            "a toleration with an unknown operator",
            exampleArgs({ tolerations: [{ key: "dedicated", operator: "In" as never }] }),
            "args.tolerations[0].operator",
            /"Equal" or "Exists"/,
        ],
        [
            "tolerations",
            "a toleration without a key and operator Equal",
            exampleArgs({ tolerations: [{ value: "db" }] }),
            "args.tolerations[0].operator",
            /"Exists" when key is empty/,
        ],
        [
            "tolerations",
            "a toleration with Exists and a value",
            exampleArgs({ tolerations: [{ key: "dedicated", operator: "Exists", value: "db" }] }),
            "args.tolerations[0].value",
            /empty with operator "Exists"/,
        ],
        [
            "tolerations",
            "a toleration with an unknown effect",
            exampleArgs({ tolerations: [{ key: "dedicated", effect: "NoRun" as never }] }),
            "args.tolerations[0].effect",
            /"NoSchedule", "PreferNoSchedule" or "NoExecute"/,
        ],
        [
            "tolerations",
            "tolerationSeconds without NoExecute",
            exampleArgs({ tolerations: [{ key: "dedicated", effect: "NoSchedule", tolerationSeconds: 60 }] }),
            "args.tolerations[0].tolerationSeconds",
            /only to effect "NoExecute"/,
        ],
        [
            "tolerations",
            "a toleration key with spaces",
            exampleArgs({ tolerations: [{ key: "my key", operator: "Exists" }] }),
            "args.tolerations[0].key",
            /taint key/,
        ],
        [
            "tolerations",
            "a misspelt toleration key",
            { ...exampleArgs(), tolerations: [{ key: "x", efect: "NoSchedule" }] },
            "args.tolerations[0].efect",
            /not a known argument/,
            /"effect"/,
        ],
        // The env var pulumi-litefs sets
        [
            "env-reserved",
            "LITEFS_PRIMARY_URL in env",
            exampleArgs({ env: { LITEFS_PRIMARY_URL: "http://x" } }),
            "args.env.LITEFS_PRIMARY_URL",
            /write Service's in-cluster URL/,
        ],
    ];
    for (const [id, what, args, path, message, fix] of cases) {
        it(`[${id}] refuses ${what}`, async () => {
            problemAt(await refused("abaci-app", args), path, message, fix, id);
        });
    }

    it("accepts max-lag 0s spelled out together with replicasReadyWithoutPrimary, and a zero partition", async () => {
        const c = await construct(
            "lag-zero",
            exampleArgs({
                namespace: "lag-zero",
                proxy: { maxLag: "0s" },
                probes: { replicasReadyWithoutPrimary: true },
                updatePartition: 0,
            }),
        );
        assert.equal(c.one(STATEFULSET).inputs.metadata.name, "lag-zero");
    });

    it("accepts a passthrough pattern that leaves the health check alone, and a toleration of every taint", async () => {
        const c = await construct(
            "narrow",
            exampleArgs({ namespace: "narrow", proxy: { passthrough: ["*.png", "/assets/*"] }, tolerations: [{ operator: "Exists" }] }),
        );
        assert.equal(c.one(STATEFULSET).inputs.metadata.name, "narrow");
    });
});
