/**
 * The pod in both modes, under Pulumi mocks: containers by role, where they sit, mount propagation, privileges,
 * probes and the migrate placement. Embedded mode is today's pod; sidecar mode puts LiteFS in a native sidecar.
 */
import * as assert from "node:assert/strict";
import type { LiteFsAppArgs } from "../../sdk";
import { planApp } from "../../sdk/plan";
import { construct, DIGEST_IMAGE, exampleArgs, STATEFULSET } from "../support/app";

type Container = Record<string, any>;

async function podOf(name: string, args: Partial<LiteFsAppArgs>) {
    const c = await construct(name, exampleArgs({ namespace: name, ...args }));
    const pod = c.one(STATEFULSET).inputs.spec.template.spec;
    const byName = (list: Container[] | undefined, n: string) => (list ?? []).find((x) => x.name === n);
    return { c, pod, init: (n: string) => byName(pod.initContainers, n), main: (n: string) => byName(pod.containers, n) };
}

const mountOf = (container: Container, volume: string) => (container.volumeMounts as Container[]).find((m) => m.name === volume);
const UNPRIVILEGED = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };

describe("the pod in embedded mode (the default)", () => {
    it("has one container, app, that runs LiteFS and the app, privileged, and no init containers of its own", async () => {
        const { pod } = await podOf("embedded", {});
        assert.deepEqual(
            pod.containers.map((c: Container) => c.name),
            ["app"],
        );
        assert.equal(pod.initContainers, undefined);
        const app = pod.containers[0];
        assert.equal(app.image, DIGEST_IMAGE);
        assert.equal(app.securityContext.privileged, true);
        assert.equal(mountOf(app, "litefs-fuse")?.mountPropagation, undefined);
        assert.match(app.command[2], /exec litefs mount/);
        assert.doesNotMatch(app.command[2], /fusermount3 -u -z/);
    });
});

describe("the pod in sidecar mode", () => {
    let pod: Awaited<ReturnType<typeof podOf>>;
    before(async () => {
        pod = await podOf("sidecar", {
            liteFsSidecar: { resources: { requests: { cpu: "50m" }, limits: { memory: "256Mi" } } },
            initContainers: [{ name: "wait-for-config", image: "busybox:1.36" }],
            sidecars: [{ name: "shipper", image: "example/shipper:1.0" }],
            metrics: {},
            proxy: {},
            podSecurityContext: { runAsUser: 1000, runAsGroup: 1000 },
        });
    });

    it("orders the init containers: the user's, then LiteFS as a native sidecar, then migrate", () => {
        assert.deepEqual(
            pod.pod.initContainers.map((c: Container) => c.name),
            ["wait-for-config", "litefs", "migrate"],
        );
        assert.equal(pod.init("litefs")?.restartPolicy, "Always");
        assert.equal(pod.init("migrate")?.restartPolicy, undefined);
        assert.equal(pod.init("wait-for-config")?.restartPolicy, undefined);
        assert.deepEqual(
            pod.pod.containers.map((c: Container) => c.name),
            ["app", "metrics", "shipper"],
        );
    });

    it("runs LiteFS from the official image, privileged, with Bidirectional propagation on the shared volume", () => {
        const litefs = pod.init("litefs") as Container;
        assert.equal(litefs.image, "docker.io/flyio/litefs:0.5.14");
        assert.deepEqual(litefs.securityContext, { privileged: true, runAsUser: 0, runAsGroup: 0 });
        assert.deepEqual(mountOf(litefs, "litefs-fuse"), { name: "litefs-fuse", mountPath: "/litefs", mountPropagation: "Bidirectional" });
        assert.deepEqual(mountOf(litefs, "litefs-data"), { name: "litefs-data", mountPath: "/var/lib/litefs" });
        assert.deepEqual(mountOf(litefs, "litefs-tools"), { name: "litefs-tools", mountPath: "/pulumi-litefs" });
        assert.deepEqual(litefs.resources, { requests: { cpu: "50m" }, limits: { memory: "256Mi" } });
        assert.deepEqual(
            litefs.ports.map((p: Container) => p.name),
            ["litefs", "proxy"],
        );
        assert.deepEqual(litefs.command.slice(0, 2), ["/bin/sh", "-c"]);
        assert.match(litefs.command[2], /fusermount3 -u -z \/litefs\/db 2>\/dev\/null \|\| /);
        assert.match(litefs.command[2], /\nexec litefs mount -config "\$config" -no-expand-env\n$/);
        assert.doesNotMatch(litefs.command[2], /^exec:/m, "no exec section in litefs.yml");
        assert.match(litefs.command[2], /^ {2}allow-other: true$/m);
    });

    it("gates the app on .lag with the sidecar's startup probe; liveness on the API port; readiness on the proxy", () => {
        const litefs = pod.init("litefs") as Container;
        assert.deepEqual(litefs.startupProbe.exec.command, ["/bin/sh", "-c", `[ "$(cat /litefs/db/.lag)" -lt 10000 ]`]);
        assert.equal(litefs.startupProbe.failureThreshold, 360);
        assert.deepEqual(litefs.livenessProbe.tcpSocket, { port: "litefs" });
        assert.deepEqual(litefs.readinessProbe.httpGet, { path: "/litefs/health", port: "proxy" });
    });

    it("runs the app in the user's image with the user's command, unprivileged, HostToContainer", () => {
        const app = pod.main("app") as Container;
        assert.equal(app.image, DIGEST_IMAGE);
        assert.deepEqual(app.command, ["node", "server.js"]);
        assert.deepEqual(app.securityContext, UNPRIVILEGED);
        assert.deepEqual(mountOf(app, "litefs-fuse"), { name: "litefs-fuse", mountPath: "/litefs", mountPropagation: "HostToContainer" });
        assert.deepEqual(mountOf(app, "litefs-tools"), { name: "litefs-tools", mountPath: "/pulumi-litefs", readOnly: true });
        assert.equal(mountOf(app, "litefs-data"), undefined, "the app never touches LiteFS's data directory");
        assert.equal(mountOf(app, "litefs-config"), undefined);
        assert.deepEqual(
            app.ports.map((p: Container) => p.name),
            ["http"],
        );
    });

    it("gives the app its database path and no LiteFS config dir", () => {
        const env = (pod.main("app") as Container).env as Container[];
        assert.deepEqual(
            env.find((e) => e.name === "LITEFS_DATABASE_PATH"),
            { name: "LITEFS_DATABASE_PATH", value: "/litefs/db/sqlite.db" },
        );
        assert.equal(
            env.find((e) => e.name === "LITEFS_CONFIG_DIR"),
            undefined,
        );
        assert.ok(env.some((e) => e.name === "POD_NAME"));
    });

    it("restarts the app on a dead mount (liveness reads .lag through the copied busybox); preStop sleeps with it too", () => {
        const app = pod.main("app") as Container;
        assert.deepEqual(app.livenessProbe.exec.command, [
            "/pulumi-litefs/ld-musl.so.1",
            "/pulumi-litefs/busybox",
            "cat",
            "/litefs/db/.lag",
        ]);
        assert.deepEqual(app.lifecycle.preStop.exec.command, ["/pulumi-litefs/ld-musl.so.1", "/pulumi-litefs/busybox", "sleep", "5"]);
        assert.deepEqual(app.readinessProbe.tcpSocket, { port: "http" });
    });

    it("runs migrate from the app's image after LiteFS, gated to pod-0, unprivileged", () => {
        const migrate = pod.init("migrate") as Container;
        assert.equal(migrate.image, DIGEST_IMAGE);
        assert.deepEqual(migrate.command.slice(0, 3), ["/pulumi-litefs/ld-musl.so.1", "/pulumi-litefs/busybox", "sh"]);
        assert.match(migrate.command[4], /sidecar-0\) .*exec "\$@"/);
        assert.deepEqual(migrate.command.slice(5), ["pulumi-litefs-migrate", "node", "dist/db/migrate.js"]);
        assert.deepEqual(migrate.securityContext, UNPRIVILEGED);
        assert.equal(mountOf(migrate, "litefs-fuse")?.mountPropagation, "HostToContainer");
    });

    it("has no migrate container without migrate", async () => {
        const { pod: p } = await podOf("no-migrate", { liteFsSidecar: {}, migrate: undefined });
        assert.deepEqual(
            p.initContainers.map((c: Container) => c.name),
            ["litefs"],
        );
    });

    it("keeps the user's sidecars and init containers unprivileged, and the only-LiteFS-elevated check holds", () => {
        for (const container of [pod.init("wait-for-config"), pod.main("shipper"), pod.main("metrics")] as Container[]) {
            assert.equal(container.securityContext.allowPrivilegeEscalation, false);
            assert.ok(container.securityContext.capabilities.drop.includes("ALL"));
        }
    });

    it("adds the tools emptyDir beside the shared FUSE volume and the config volume", () => {
        const names = pod.pod.volumes.map((v: Container) => v.name);
        for (const v of ["litefs-fuse", "litefs-config", "litefs-tools"]) assert.ok(names.includes(v), v);
    });

    it("[containers] refuses a user container named litefs or migrate, which sidecar mode uses", async () => {
        const result = planApp(
            "sidecar",
            exampleArgs({
                liteFsSidecar: {},
                sidecars: [{ name: "litefs", image: "x/y:1" }],
                initContainers: [{ name: "migrate", image: "x/y:1" }],
            }),
        );
        assert.ok(!result.ok);
        assert.deepEqual(result.problems.map((p) => [p.path, p.rule]).sort(), [
            ["args.initContainers[0].name", "containers"],
            ["args.sidecars[0].name", "containers"],
        ]);
    });

    it("[volume-mounts] refuses a user volume mounted over the shared FUSE volume or the tools directory", () => {
        const result = planApp(
            "sidecar",
            exampleArgs({
                liteFsSidecar: {},
                volumes: [{ name: "extra", emptyDir: {} }],
                volumeMounts: [
                    { name: "extra", mountPath: "/litefs/uploads" },
                    { name: "extra", mountPath: "/pulumi-litefs" },
                ],
            }),
        );
        assert.ok(!result.ok);
        assert.deepEqual(
            result.problems.map((p) => [p.path, p.rule, /fuse\.dir|tools directory/.test(p.message)]),
            [
                ["args.volumeMounts[0].mountPath", "volume-mounts", true],
                ["args.volumeMounts[1].mountPath", "volume-mounts", true],
            ],
        );
    });
});
