/** plan/pod-layout: the pod's containers by role, and the one reserved table every clash check reads. */
import * as assert from "node:assert/strict";
import { assertOnlyLiteFsElevated } from "../../sdk/k8s/pod-security";
import { planApp } from "../../sdk/plan";
import { planBasics } from "../../sdk/plan/basics";
import { planPodExtensions } from "../../sdk/plan/pod-extensions";
import { type OwnLayout, ownLayout, podLayout, withRole } from "../../sdk/plan/pod-layout";
import { args, rulesOf, run } from "./support";

describe("plan/pod-layout: containers by role", () => {
    it("embedded mode: one container named app holds the litefs and app roles, the metrics sidecar its own", () => {
        const layout = planBasics(args({ metrics: {}, proxy: {} }), "notes").layout;
        assert.equal(layout.mode, "embedded");
        assert.deepEqual(
            layout.containers.map((c) => [c.name, c.roles, c.slot, c.ports.map((p) => `${p.name}:${p.port}`)]),
            [
                ["app", ["litefs", "app"], "containers", ["http:3000", "litefs:20202", "proxy:8080"]],
                ["metrics", ["metrics"], "containers", ["metrics:20203"]],
            ],
        );
        assert.equal(withRole(layout, "litefs").name, "app");
        assert.deepEqual(layout.volumes, ["litefs-data", "litefs-fuse", "litefs-config", "metrics-run"]);
        assert.deepEqual([...layout.reserved.containerNames.keys()], ["app", "metrics"]);
        assert.deepEqual([...layout.reserved.ports.keys()], [3000, 20202, 8080, 20203]);
        assert.deepEqual([...layout.reserved.portNames.keys()], ["http", "litefs", "proxy", "metrics"]);
    });

    it("the plan's layout lists the user's init containers and sidecars by role, and names the LiteFS container", () => {
        const planned = planApp(
            "notes",
            args({
                initContainers: [{ name: "wait", image: "busybox:1.36" }],
                sidecars: [{ name: "shipper", image: "fluent/fluent-bit:3.1.9", ports: [{ name: "logs", containerPort: 2020 }] }],
            }),
        );
        assert.ok(planned.ok);
        const layout = planned.plan.podLayout;
        assert.deepEqual(
            layout.containers.map((c) => [c.name, c.roles, c.slot]),
            [
                ["wait", ["init"], "initContainers"],
                ["app", ["litefs", "app"], "containers"],
                ["shipper", ["sidecar"], "containers"],
            ],
        );
        assert.equal(layout.litefs.name, "app");
        assert.equal(layout.app.name, "app");
        assert.deepEqual(
            layout.containers[2].ports.map((p) => p.port),
            [2020],
        );
    });

    it("checks the only-LiteFS-elevated rule by role, not by the name app", () => {
        const own = planBasics(args(), "notes").layout;
        // A layout where LiteFS runs in a container of its own, named litefs: "app" may then not be elevated.
        const split: OwnLayout = {
            ...own,
            containers: [
                { ...own.containers[0], name: "litefs", roles: ["litefs"], slot: "initContainers" },
                { ...own.containers[0], roles: ["app"] },
            ],
        };
        const privileged = { securityContext: { privileged: true } };
        const unprivileged = { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } };
        assertOnlyLiteFsElevated(
            { initContainers: [{ name: "litefs", ...privileged }], containers: [{ name: "app", ...unprivileged }] },
            split,
        );
        assert.throws(
            () =>
                assertOnlyLiteFsElevated(
                    { initContainers: [{ name: "litefs", ...unprivileged }], containers: [{ name: "app", ...privileged }] },
                    split,
                ),
            /container "app" must run unprivileged/,
        );
        assert.deepEqual(podLayout(ownLayout({ app: 1, api: 2, set: new Set() }), { sidecars: [], initContainers: [] }).litefs.name, "app");
    });
});

describe("plan/pod-extensions: user containers against the reserved table", () => {
    it("[containers-port-clash] refuses a sidecar or init container port taken by the app, LiteFS's API or the proxy", () => {
        const image = "fluent/fluent-bit:3.1.9";
        const rules = (overrides: Parameters<typeof args>[0]) => rulesOf(run(planPodExtensions, args(overrides)));
        assert.deepEqual(rules({ sidecars: [{ name: "s", image, ports: [{ containerPort: 3000 }] }] }), ["containers-port-clash"]);
        assert.deepEqual(rules({ initContainers: [{ name: "i", image, ports: [{ containerPort: 20202 }] }] }), ["containers-port-clash"]);
        assert.deepEqual(rules({ proxy: {}, sidecars: [{ name: "s", image, ports: [{ containerPort: 8080 }] }] }), [
            "containers-port-clash",
        ]);
        assert.deepEqual(rules({ sidecars: [{ name: "s", image, ports: [{ name: "http", containerPort: 9000 }] }] }), [
            "containers-port-clash",
        ]);
        assert.deepEqual(
            rules({ sidecars: [{ name: "s", image, ports: [{ containerPort: 8080 }] }] }),
            [],
            "8080 is free without the proxy",
        );
        assert.deepEqual(rules({ apiPort: 20300, sidecars: [{ name: "s", image, ports: [{ containerPort: 20202 }] }] }), []);
        const planned = planApp("notes", args({ sidecars: [{ name: "s", image, ports: [{ containerPort: 3000 }] }] }));
        assert.ok(!planned.ok);
        assert.deepEqual(
            planned.problems.map((p) => [p.rule, p.path]),
            [["containers-port-clash", "args.sidecars[0].ports[0]"]],
        );
        assert.match(planned.problems[0].message, /takes the app's port \(3000, named "http"\)/);
    });
});
