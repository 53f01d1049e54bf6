import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { type Constructed, construct, exampleArgs, HTTPROUTE, SERVICE, STATEFULSET } from "../support/app";
import { settle } from "../support/mocks";

const SELECTOR = { "app.kubernetes.io/name": "litefs", "app.kubernetes.io/instance": "abaci-app" };
const POD_0 = { ...SELECTOR, "statefulset.kubernetes.io/pod-name": "abaci-app-0" };
const ROUTE = { parentRefs: [{ name: "public", namespace: "gateway", sectionName: "https" }], hostnames: ["abaci.example.com"] };

type Rule = { matches: { path: { type: string; value: string }; method?: string }[]; backendRefs: { name: string; port: number }[] };

/** The Service an HTTPRoute sends `method` to, resolved as Gateway API precedence does: a method match wins. */
function backendFor(rules: Rule[], method: string): string {
    const rule =
        rules.find((r) => r.matches.some((m) => m.method === method)) ?? rules.find((r) => r.matches.some((m) => m.method === undefined));
    assert.ok(rule, `no rule matches ${method}`);
    assert.equal(rule.backendRefs.length, 1);
    return rule.backendRefs[0].name;
}

/** Asserts a client Service's selector, and that it serves the app's port from the named container port. */
function assertService(c: Constructed, name: string, selector: Record<string, string>, targetPort: string) {
    const svc = c.named(SERVICE, name).inputs;
    assert.deepEqual(svc.spec.selector, selector);
    assert.deepEqual(svc.spec.ports, [{ name: "http", port: 3000, targetPort, protocol: "TCP" }]);
    return svc;
}

const WRITES = ["POST", "PUT", "PATCH", "DELETE"];
const OTHER_METHODS = ["OPTIONS", "TRACE", "CONNECT"];

describe("traffic without the proxy", () => {
    let c: Constructed;
    const dependsOn = new Map<string, pulumi.Resource[]>();
    before(async () => {
        c = await construct("abaci-app", exampleArgs({ namespace: "traffic", httpRoute: ROUTE }), {
            transformations: [
                (t) => {
                    // The component passes plain arrays of resources.
                    dependsOn.set(t.name, (t.opts.dependsOn ?? []) as pulumi.Resource[]);
                    return undefined;
                },
            ],
        });
    });

    it("makes <name> a ClusterIP Service over every pod, on the app port", () => {
        const svc = assertService(c, "abaci-app", SELECTOR, "http");
        assert.equal(svc.metadata.namespace, "traffic");
        assert.equal(svc.spec.type, "ClusterIP");
        assert.equal(svc.spec.clusterIP, undefined, "a client Service must not be headless");
        assert.equal(svc.spec.publishNotReadyAddresses, undefined, "a client Service honours readiness");
    });

    it("makes <name>-primary select pod-0 only, by its pod-name label, on the app port", () => {
        assertService(c, "abaci-app-primary", POD_0, "http");
    });

    it("does not make the StatefulSet wait on the client Services, which get endpoints only from its pods", async () => {
        const urns = await Promise.all((dependsOn.get("abaci-app-statefulset") ?? []).map((d) => settle(d.urn)));
        assert.equal(urns.length, 2);
        assert.ok(urns.some((u) => u.endsWith("::abaci-app-headless")));
        assert.ok(urns.some((u) => u.endsWith("::abaci-app-namespace")));
    });

    it("gives the app the write Service's in-cluster URL in LITEFS_PRIMARY_URL, and outputs it", async () => {
        const env = c.one(STATEFULSET).inputs.spec.template.spec.containers[0].env;
        assert.deepEqual(
            env.filter((e: { name: string }) => e.name === "LITEFS_PRIMARY_URL"),
            [{ name: "LITEFS_PRIMARY_URL", value: "http://abaci-app-primary.traffic.svc.cluster.local:3000" }],
        );
        assert.equal(await settle(c.app.primaryServiceUrl), "http://abaci-app-primary.traffic.svc.cluster.local:3000");
        assert.equal(await settle(c.app.serviceName), "abaci-app");
        assert.equal(await settle(c.app.primaryServiceName), "abaci-app-primary");
    });

    it("registers a gateway.networking.k8s.io/v1 HTTPRoute <name> attached to the given Gateway and hostnames", () => {
        const route = c.one(HTTPROUTE);
        assert.equal(route.name, "abaci-app-httproute");
        assert.equal(route.inputs.apiVersion, "gateway.networking.k8s.io/v1");
        assert.equal(route.inputs.kind, "HTTPRoute");
        assert.equal(route.inputs.metadata.name, "abaci-app");
        assert.equal(route.inputs.metadata.namespace, "traffic");
        assert.deepEqual(route.inputs.spec.parentRefs, [{ name: "public", namespace: "gateway", sectionName: "https" }]);
        assert.deepEqual(route.inputs.spec.hostnames, ["abaci.example.com"]);
    });

    it("routes POST, PUT, PATCH and DELETE to <name>-primary and every other method to <name>", () => {
        const rules: Rule[] = c.one(HTTPROUTE).inputs.spec.rules;
        for (const method of WRITES) assert.equal(backendFor(rules, method), "abaci-app-primary", method);
        for (const method of ["GET", "HEAD", ...OTHER_METHODS]) assert.equal(backendFor(rules, method), "abaci-app", method);
        for (const rule of rules) {
            for (const match of rule.matches) assert.deepEqual(match.path, { type: "PathPrefix", value: "/" });
            assert.deepEqual(
                rule.backendRefs.map((b) => b.port),
                [3000],
                "backends use the Services' port",
            );
        }
    });
});

describe("traffic with the proxy: no write of ours ever reaches a replica's proxy", () => {
    let c: Constructed;
    before(async () => {
        c = await construct("abaci-app", exampleArgs({ namespace: "proxied", proxy: { port: 8080 }, httpRoute: ROUTE }));
    });

    it("sends reads on <name> through every pod's proxy, for read-your-writes", () => {
        assertService(c, "abaci-app", SELECTOR, "proxy");
    });

    it("sends writes on <name>-primary to pod-0's proxy only, which serves them locally as the static primary", () => {
        assertService(c, "abaci-app-primary", POD_0, "proxy");
        const container = c.one(STATEFULSET).inputs.spec.template.spec.containers[0];
        assert.ok(container.ports.some((p: { name: string; containerPort: number }) => p.name === "proxy" && p.containerPort === 8080));
    });

    it("routes every method but GET and HEAD (what the proxy counts as a write) to <name>-primary", () => {
        const rules: Rule[] = c.one(HTTPROUTE).inputs.spec.rules;
        for (const method of ["GET", "HEAD"]) assert.equal(backendFor(rules, method), "abaci-app", method);
        for (const method of [...WRITES, ...OTHER_METHODS]) assert.equal(backendFor(rules, method), "abaci-app-primary", method);
    });

    it("selects a replica only through <name>, which no write route of ours targets", () => {
        const services = c.resources.filter((r) => r.type === SERVICE);
        const overReplicas = services.filter((s) => s.inputs.spec.selector["statefulset.kubernetes.io/pod-name"] === undefined);
        assert.deepEqual(overReplicas.map((s) => s.inputs.metadata.name).sort(), ["abaci-app", "abaci-app-headless"]);
        const headless = c.named(SERVICE, "abaci-app-headless").inputs;
        assert.equal(headless.spec.clusterIP, "None", "the headless Service is for pod DNS, not a client route");
        const rules: Rule[] = c.one(HTTPROUTE).inputs.spec.rules;
        const toReads = rules.filter((r) => r.backendRefs.some((b) => b.name === "abaci-app"));
        assert.deepEqual(toReads.flatMap((r) => r.matches.map((m) => m.method)).sort(), ["GET", "HEAD"]);
        assert.ok(!rules.some((r) => r.backendRefs.some((b) => b.name === "abaci-app-headless")));
    });
});

describe("HTTPRoute options", () => {
    it("omits hostnames when none are given, and optional parentRef fields", async () => {
        const c = await construct(
            "routed",
            exampleArgs({ namespace: "routed", httpRoute: { parentRefs: [{ name: "public" }, { name: "internal", port: 80 }] } }),
        );
        const spec = c.one(HTTPROUTE).inputs.spec;
        assert.deepEqual(spec.parentRefs, [{ name: "public" }, { name: "internal", port: 80 }]);
        assert.equal(spec.hostnames, undefined);
    });

    it("creates no HTTPRoute unless asked", async () => {
        const c = await construct("unrouted", exampleArgs({ namespace: "unrouted" }));
        assert.equal(c.resources.filter((r) => r.type === HTTPROUTE).length, 0);
    });
});
