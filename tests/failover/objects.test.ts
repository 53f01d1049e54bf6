/**
 * The objects of `primaryOrdinal` and `failover`, under Pulumi's mocks: the write Service's selector, the labeller's
 * Role and binding, where the Consul token goes, and the labeller container's token (its alone).
 */
import * as assert from "node:assert/strict";
import type { LiteFsAppArgs } from "../../sdk";
import { backupSources, primaryOrdinal, restoreSources } from "../../sdk/backup/target";
import { rolePatch } from "../../sdk/failover/labeller";
import { type Constructed, construct, exampleArgs, SERVICE, STATEFULSET } from "../support/app";
import { kubectlCalls } from "../support/kubectl-stub";
import { settle } from "../support/mocks";

const SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";
const ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role";
const ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding";
const CONSUL = { url: "http://consul-server.consul.svc:8500", tokenSecret: { secretName: "shop-consul", key: "token" } };

const failoverArgs = (more: Partial<LiteFsAppArgs> = {}) => exampleArgs({ namespace: "shop", failover: { consul: CONSUL }, ...more });
type Container = { name: string; env?: { name: string; value?: string; valueFrom?: unknown }[]; volumeMounts?: { name: string }[] };
const podSpec = (c: Constructed) => c.one(STATEFULSET).inputs.spec.template.spec;

describe("primaryOrdinal: the write Service and the outputs follow the static primary", () => {
    let c: Constructed;
    before(async () => {
        c = await construct("moved", exampleArgs({ namespace: "moved", primaryOrdinal: 2 }));
    });

    it("selects pod 2 by its pod-name label, through the proxy when it is on", () => {
        assert.deepEqual(c.named(SERVICE, "moved-primary").inputs.spec.selector, {
            "app.kubernetes.io/name": "litefs",
            "app.kubernetes.io/instance": "moved",
            "statefulset.kubernetes.io/pod-name": "moved-2",
        });
    });

    it("reports pod 2 as the primary's hostname and advertise URL", async () => {
        assert.equal(await settle(c.app.primaryHostname), "moved-2");
        assert.equal(await settle(c.app.primaryAdvertiseUrl), "http://moved-2.moved-headless.moved.svc.cluster.local:20202");
    });

    it("annotates the StatefulSet with the primary's ordinal (what promote waits for), without rolling the pods for it", () => {
        const sts = c.one(STATEFULSET).inputs;
        assert.equal(sts.metadata.annotations["litefs.io/primary-ordinal"], "2");
        assert.equal(sts.spec.template.metadata.annotations?.["litefs.io/primary-ordinal"], undefined);
    });

    it("creates no labeller, Role or service account", () => {
        for (const type of [SERVICE_ACCOUNT, ROLE, ROLE_BINDING]) assert.equal(c.resources.filter((r) => r.type === type).length, 0);
        assert.deepEqual(
            podSpec(c).containers.map((x: Container) => x.name),
            ["app"],
        );
    });

    it("debug commands read the primary's log on pod 2 and the replicas' on every other pod", async () => {
        const calls = kubectlCalls(await settle(c.app.debugCommands));
        assert.ok(calls.includes("kubectl -n moved logs moved-2 -c app"), "the stream log of the primary");
        assert.deepEqual(
            calls.filter((x) => x.includes(" exec ")),
            [
                "kubectl -n moved exec moved-0 -c app -- cat /litefs/.primary",
                "kubectl -n moved exec moved-1 -c app -- cat /litefs/.primary",
            ],
        );
    });

    it("offers the switchover to the next pod as promoteCommands", async () => {
        assert.match(await settle(c.app.promoteCommands), /the static primary moves from moved-2 to moved-0/);
    });
});

describe("failover: the objects", () => {
    let c: Constructed;
    before(async () => {
        c = await construct("shop", failoverArgs({ replicas: 3, proxy: {} }));
    });

    it("the write Service selects the pod labelled litefs.io/role=primary, and targets the app's port, not the proxy", () => {
        const spec = c.named(SERVICE, "shop-primary").inputs.spec;
        assert.deepEqual(spec.selector, {
            "app.kubernetes.io/name": "litefs",
            "app.kubernetes.io/instance": "shop",
            "litefs.io/role": "primary",
        });
        assert.deepEqual(spec.ports, [{ name: "http", port: 3000, targetPort: "http", protocol: "TCP" }]);
        assert.equal(c.named(SERVICE, "shop").inputs.spec.ports[0].targetPort, "proxy", "reads still go through the proxy");
    });

    it("the pod template is labelled replica; the StatefulSet's selector has no role", () => {
        const sts = c.one(STATEFULSET).inputs.spec;
        assert.equal(sts.template.metadata.labels["litefs.io/role"], "replica");
        assert.equal(sts.selector.matchLabels["litefs.io/role"], undefined);
    });

    it("the Role allows exactly get and patch on this StatefulSet's pods, by name", () => {
        const role = c.one(ROLE).inputs;
        assert.equal(role.metadata.name, "shop-labeller");
        assert.equal(role.metadata.namespace, "shop");
        assert.deepEqual(role.rules, [
            { apiGroups: [""], resources: ["pods"], resourceNames: ["shop-0", "shop-1", "shop-2"], verbs: ["get", "patch"] },
        ]);
    });

    it("keeps the Role's pod names in step with replicas", async () => {
        const five = await construct("shop5", failoverArgs({ namespace: "shop5", replicas: 5 }));
        assert.deepEqual(five.one(ROLE).inputs.rules[0].resourceNames, ["shop5-0", "shop5-1", "shop5-2", "shop5-3", "shop5-4"]);
    });

    it("binds the Role to the labeller's own service account, which mounts no token by default", () => {
        const binding = c.one(ROLE_BINDING).inputs;
        assert.deepEqual(binding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "shop-labeller" });
        assert.deepEqual(binding.subjects, [{ kind: "ServiceAccount", name: "shop-labeller", namespace: "shop" }]);
        assert.equal(c.one(SERVICE_ACCOUNT).inputs.automountServiceAccountToken, false);
        const spec = podSpec(c);
        assert.equal(spec.serviceAccountName, "shop-labeller");
        assert.equal(spec.automountServiceAccountToken, false);
    });

    it("only the labeller mounts the projected service-account token", () => {
        const spec = podSpec(c);
        const token = spec.volumes.find((v: { name: string }) => v.name === "labeller-token");
        assert.deepEqual(
            token.projected.sources.map((s: object) => Object.keys(s)[0]),
            ["serviceAccountToken", "configMap", "downwardAPI"],
        );
        const all: Container[] = [...(spec.initContainers ?? []), ...spec.containers];
        const mounting = all.filter((x) => (x.volumeMounts ?? []).some((m) => m.name === "labeller-token")).map((x) => x.name);
        assert.deepEqual(mounting, ["labeller"]);
    });

    it("runs the labeller unprivileged, from the pinned curl image, with the LiteFS API on localhost", () => {
        const labeller: Container & Record<string, any> = podSpec(c).containers.find((x: Container) => x.name === "labeller");
        assert.equal(labeller.image, "docker.io/curlimages/curl:8.11.1");
        assert.equal(labeller.securityContext.runAsNonRoot, true);
        assert.equal(labeller.securityContext.allowPrivilegeEscalation, false);
        assert.deepEqual(labeller.securityContext.capabilities, { drop: ["ALL"] });
        assert.equal(labeller.securityContext.privileged, undefined);
        assert.ok(labeller.command[2].includes(rolePatch("primary").replace(/"/g, '\\"')));
        assert.equal(labeller.env?.find((e) => e.name === "LITEFS_API_URL")?.value, "http://localhost:20202");
    });

    it("gives LiteFS's container Consul's URL and the token only as a Secret reference: the token is in no pod spec or litefs.yml", () => {
        const spec = podSpec(c);
        const app: Container = spec.containers.find((x: Container) => x.name === "app");
        assert.equal(app.env?.find((e) => e.name === "LITEFS_CONSUL_URL")?.value, CONSUL.url);
        assert.deepEqual(app.env?.find((e) => e.name === "CONSUL_HTTP_TOKEN")?.valueFrom, {
            secretKeyRef: { name: "shop-consul", key: "token" },
        });
        const others: Container[] = spec.containers.filter((x: Container) => x.name !== "app");
        for (const other of others)
            assert.equal(
                other.env?.find((e) => e.name === "CONSUL_HTTP_TOKEN"),
                undefined,
                other.name,
            );
    });

    it("debug commands list the role label, every pod's lease log and the labeller's log", async () => {
        const text = await settle(c.app.debugCommands);
        assert.match(text, /get pods,pvc -l app\.kubernetes\.io\/instance=shop -L litefs\.io\/role/);
        assert.match(text, /grep -E "primary lease acquired\|existing primary found\|lease already initialized"/);
        assert.ok(kubectlCalls(text).includes("kubectl -n shop logs shop-2 -c labeller"));
    });

    it("reports no static primary", async () => {
        assert.equal(await settle(c.app.primaryHostname), "");
        assert.match(await settle(c.app.promoteCommands), /shop-1 takes the lease by handoff/);
    });
});

describe("backups follow the primary", () => {
    it("export from the replicas, never the static primary, and import into it (primaryOrdinal 3 of 4)", () => {
        const pods = { replicas: 4, names: { primaryOrdinal: 3 } };
        assert.deepEqual(backupSources({ ...pods, from: "replica" }), [2, 1, 0]);
        assert.deepEqual(backupSources({ ...pods, from: "primary" }), [3]);
        assert.deepEqual(restoreSources(pods), [2, 1, 0, 3]);
        assert.equal(primaryOrdinal(pods), 3);
    });

    it("under failover, export from the pods that are no candidate first, and let the steps find the lease holder", async () => {
        const pods = { replicas: 4, candidates: 2 };
        assert.deepEqual(backupSources({ ...pods, from: "replica" }), [3, 2, 1]);
        assert.equal(primaryOrdinal(pods), undefined);
        const c = await construct(
            "bk",
            failoverArgs({ namespace: "bk", backup: { schedule: "@daily", destination: "s3:b/x", rcloneConfigSecret: "rc" } }),
        );
        const job = c.one("kubernetes:batch/v1:CronJob").inputs.spec.jobTemplate.spec.template.spec;
        const env = (job.initContainers ?? []).concat(job.containers).flatMap((x: Container) => x.env ?? []);
        assert.ok(env.some((e: { name: string; value?: string }) => e.name === "LITEFS_PRIMARY_ORDINAL" && e.value === "lease"));
    });
});
