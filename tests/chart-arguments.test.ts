/**
 * The arguments a Helm chart user expects (issue 12 §7): each refused mistake by its rule id (message, fix,
 * nothing registered), each accepted value in the objects, and the objects through render's validation.
 */
import * as assert from "node:assert/strict";
import type { LiteFsAppArgs } from "../sdk";
import { appManifests, manifestList } from "../sdk/k8s/manifests";
import { planApp } from "../sdk/plan";
import { validateObjects } from "../sdk/render/validate";
import { construct, exampleArgs, SERVICE, STATEFULSET } from "./support/app";
import { problemAt, refused } from "./support/refused";

const SHIPPER = { name: "log-shipper", image: "docker.io/fluent/fluent-bit:3.1.9" };

/** Everything at once: what the objects look like, and that render's validation accepts them. */
const FULL: Partial<LiteFsAppArgs> = {
    sidecars: [{ ...SHIPPER, volumeMounts: [{ name: "shipper-config", mountPath: "/fluent-bit/etc", readOnly: true }] }],
    initContainers: [
        {
            name: "wait-for-redis",
            image: "docker.io/library/busybox:1.36",
            command: ["sh", "-c", "until nc -z redis 6379; do sleep 1; done"],
        },
    ],
    volumes: [
        { name: "shipper-config", configMap: { name: "fluent-bit" } },
        { name: "uploads", persistentVolumeClaim: { claimName: "uploads-data" } },
    ],
    volumeMounts: [{ name: "uploads", mountPath: "/app/uploads" }],
    envFrom: [{ configMapRef: { name: "app-config" } }, { secretRef: { name: "app-env" }, prefix: "SECRET_" }],
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway" }],
    priorityClassName: "high-priority",
    podSecurityContext: {
        fsGroup: 1000,
        fsGroupChangePolicy: "OnRootMismatch",
        supplementalGroups: [2000],
        runAsUser: 1000,
        runAsGroup: 1000,
    },
    storage: {
        size: "5Gi",
        accessModes: ["ReadWriteOncePod"],
        annotations: { "backup.velero.io/backup-volumes": "litefs-data" },
        labels: { tier: "db" },
    },
    services: {
        read: {
            type: "LoadBalancer",
            annotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" },
            labels: { exposure: "public" },
        },
        primary: { type: "NodePort" },
    },
};

describe("chart-like arguments", () => {
    describe("in the objects", () => {
        it("puts sidecars, init containers, volumes, mounts, envFrom, spread, priority and pod security into the pod", async () => {
            const c = await construct("chart-app", exampleArgs({ namespace: "chart-app", ...FULL }));
            const sts = c.one(STATEFULSET).inputs;
            const pod = sts.spec.template.spec;
            assert.deepEqual(
                pod.containers.map((x: { name: string }) => x.name),
                ["app", "log-shipper"],
            );
            const hardened = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };
            assert.deepEqual(pod.containers[1], { ...FULL.sidecars?.[0], securityContext: hardened });
            assert.deepEqual(pod.initContainers, [{ ...FULL.initContainers?.[0], securityContext: hardened }]);
            assert.deepEqual(
                pod.volumes.map((v: { name: string }) => v.name),
                ["litefs-fuse", "litefs-config", "shipper-config", "uploads"],
            );
            const app = pod.containers[0];
            assert.deepEqual(app.volumeMounts.at(-1), { name: "uploads", mountPath: "/app/uploads" });
            assert.deepEqual(app.envFrom, FULL.envFrom);
            assert.deepEqual(pod.topologySpreadConstraints, [
                {
                    maxSkew: 1,
                    topologyKey: "topology.kubernetes.io/zone",
                    whenUnsatisfiable: "ScheduleAnyway",
                    labelSelector: { matchLabels: { "app.kubernetes.io/name": "litefs", "app.kubernetes.io/instance": "chart-app" } },
                },
            ]);
            assert.equal(pod.priorityClassName, "high-priority");
            assert.deepEqual(pod.securityContext, FULL.podSecurityContext);
            // The LiteFS container keeps root and its FUSE rights whatever the pod sets.
            assert.deepEqual(app.securityContext, { privileged: true, runAsUser: 0, runAsGroup: 0 });
            const claim = sts.spec.volumeClaimTemplates[0];
            assert.deepEqual(claim.spec.accessModes, ["ReadWriteOncePod"]);
            assert.deepEqual(claim.metadata.annotations, { "backup.velero.io/backup-volumes": "litefs-data" });
            assert.deepEqual(claim.metadata.labels, {
                tier: "db",
                "app.kubernetes.io/name": "litefs",
                "app.kubernetes.io/instance": "chart-app",
            });
        });

        it("gives the read and write Services their type, annotations and labels", async () => {
            const c = await construct("svc-app", exampleArgs({ namespace: "svc-app", services: FULL.services }));
            const read = c.named(SERVICE, "svc-app").inputs;
            const primary = c.named(SERVICE, "svc-app-primary").inputs;
            assert.equal(read.spec.type, "LoadBalancer");
            assert.deepEqual(read.metadata.annotations, { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" });
            assert.equal(read.metadata.labels.exposure, "public");
            assert.equal(primary.spec.type, "NodePort");
            assert.equal(primary.metadata.annotations, undefined);
            assert.equal(primary.spec.selector["statefulset.kubernetes.io/pod-name"], "svc-app-0");
        });

        it("defaults: ClusterIP Services, a ReadWriteOnce claim, no extra containers or volumes", async () => {
            const result = planApp("plain", exampleArgs());
            assert.ok(result.ok);
            const objects = manifestList(appManifests(result.plan));
            const sts = objects.find((o) => o.kind === "StatefulSet");
            assert.deepEqual(sts?.spec.volumeClaimTemplates[0].spec.accessModes, ["ReadWriteOnce"]);
            assert.equal(sts?.spec.template.spec.initContainers, undefined);
            assert.equal(sts?.spec.template.spec.containers.length, 1);
            for (const svc of objects.filter((o) => o.kind === "Service" && o.spec.clusterIP !== "None"))
                assert.equal(svc.spec.type, "ClusterIP");
        });

        it("gives the app LITEFS_DATABASE_PATH, the database's full path in the FUSE mount", async () => {
            const result = planApp("db-app", exampleArgs({ database: "notes.db", litefs: { fuse: { dir: "/mnt/litefs" } } }));
            assert.ok(result.ok);
            const sts = manifestList(appManifests(result.plan)).find((o) => o.kind === "StatefulSet");
            const env = sts?.spec.template.spec.containers[0].env as { name: string; value?: string }[];
            assert.deepEqual(
                env.find((e) => e.name === "LITEFS_DATABASE_PATH"),
                { name: "LITEFS_DATABASE_PATH", value: "/mnt/litefs/notes.db" },
            );
        });

        it("renders objects that pass render's validation (Kubernetes schema and our rules)", () => {
            const result = planApp("chart-app", exampleArgs({ namespace: "chart-app", ...FULL }));
            assert.ok(result.ok, result.ok ? "" : result.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
            assert.deepEqual(validateObjects(manifestList(appManifests(result.plan))).problems, []);
        });
    });

    describe("refused before anything is created", () => {
        const cases: [string, string, Partial<LiteFsAppArgs> | Record<string, unknown>, string, RegExp, RegExp][] = [
            [
                "containers",
                "a sidecar named app",
                { sidecars: [{ name: "app", image: SHIPPER.image }] },
                "args.sidecars[0].name",
                /the container that runs LiteFS and the app/,
                /another name/,
            ],
            [
                "containers",
                "a sidecar without an image",
                { sidecars: [{ name: "shipper" }] },
                "args.sidecars[0].image",
                /is required/,
                /pinned/,
            ],
            [
                "containers",
                "a malformed sidecar image",
                { sidecars: [{ name: "shipper", image: "ghcr.io/Acme/Tool@sha256:abc" }] },
                "args.sidecars[0].image",
                /not an image reference/,
                /pinned/,
            ],
            [
                "containers",
                "two containers with one name",
                { sidecars: [SHIPPER], initContainers: [SHIPPER] },
                "args.initContainers[0].name",
                /again: container names must be unique/,
                /another name/,
            ],
            [
                "containers-elevated",
                "a privileged sidecar",
                { sidecars: [{ ...SHIPPER, securityContext: { privileged: true } }] },
                "args.sidecars[0].securityContext",
                /elevated rights \(securityContext\.privileged: true\)\. Only the LiteFS container/,
                /pod of its own/,
            ],
            [
                "containers-elevated",
                "an init container adding a capability",
                { initContainers: [{ ...SHIPPER, securityContext: { capabilities: { add: ["NET_ADMIN"] } } }] },
                "args.initContainers[0].securityContext",
                /capabilities\.add \(NET_ADMIN\)/,
                /remove it/,
            ],
            [
                "containers-elevated",
                "a sidecar allowing privilege escalation",
                { sidecars: [{ ...SHIPPER, securityContext: { allowPrivilegeEscalation: true } }] },
                "args.sidecars[0].securityContext",
                /allowPrivilegeEscalation: true/,
                /remove it/,
            ],
            [
                "volumes",
                "a volume named litefs-data",
                { volumes: [{ name: "litefs-data", emptyDir: {} }] },
                "args.volumes[0].name",
                /a volume pulumi-litefs uses for LiteFS itself/,
                /another name/,
            ],
            [
                "volumes",
                "a volume with two sources",
                { volumes: [{ name: "x", emptyDir: {}, configMap: { name: "c" } }] },
                "args.volumes[0]",
                /exactly one source/,
                /configMap/,
            ],
            [
                "volume-mounts",
                "a mount over fuse.dir",
                { volumes: [{ name: "x", emptyDir: {} }], volumeMounts: [{ name: "x", mountPath: "/litefs/extra" }] },
                "args.volumeMounts[0].mountPath",
                /overlaps fuse\.dir \("\/litefs"\)/,
                /directory of its own/,
            ],
            [
                "volume-mounts",
                "a mount over data.dir's parent",
                { volumes: [{ name: "x", emptyDir: {} }], volumeMounts: [{ name: "x", mountPath: "/var/lib" }] },
                "args.volumeMounts[0].mountPath",
                /overlaps data\.dir/,
                /directory of its own/,
            ],
            [
                "volume-mounts",
                "a mount of LiteFS's own volume",
                { volumeMounts: [{ name: "litefs-fuse", mountPath: "/x" }] },
                "args.volumeMounts[0].name",
                /already mounts where LiteFS needs it/,
                /args\.volumes/,
            ],
            [
                "volume-mounts",
                "a sidecar mounting the data volume",
                { sidecars: [{ ...SHIPPER, volumeMounts: [{ name: "litefs-data", mountPath: "/data" }] }] },
                "args.sidecars[0].volumeMounts[0].name",
                /LiteFS's own volume/,
                /litefs export/,
            ],
            [
                "env-from",
                "an envFrom with both refs",
                { envFrom: [{ configMapRef: { name: "a" }, secretRef: { name: "b" } }] },
                "args.envFrom[0]",
                /exactly one of configMapRef and secretRef/,
                /configMapRef/,
            ],
            [
                "env-from",
                "an envFrom with a bad name",
                { envFrom: [{ secretRef: { name: "App_Env" } }] },
                "args.envFrom[0].secretRef.name",
                /DNS/,
                /./,
            ],
            [
                "topology-spread",
                "a spread constraint with maxSkew 0",
                { topologySpreadConstraints: [{ maxSkew: 0, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule" }] },
                "args.topologySpreadConstraints[0].maxSkew",
                /at least 1/,
                /1/,
            ],
            [
                "topology-spread",
                "a misspelt whenUnsatisfiable",
                { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "Schedule" }] },
                "args.topologySpreadConstraints[0].whenUnsatisfiable",
                /"DoNotSchedule" or "ScheduleAnyway"/,
                /exact case/,
            ],
            [
                "priority-class-name",
                "a priority class name with capitals",
                { priorityClassName: "High" },
                "args.priorityClassName",
                /DNS/,
                /./,
            ],
            [
                "pod-security-context",
                "runAsNonRoot",
                { podSecurityContext: { runAsNonRoot: true } },
                "args.podSecurityContext.runAsNonRoot",
                /kubelet refuse the LiteFS container, which runs as root/,
                /fields offered are fsGroup/,
            ],
            [
                "pod-security-context",
                "a seccomp profile",
                { podSecurityContext: { seccompProfile: { type: "RuntimeDefault" } } },
                "args.podSecurityContext.seccompProfile",
                /deny mount\(2\)/,
                /remove it/,
            ],
            [
                "pod-security-context",
                "a negative fsGroup",
                { podSecurityContext: { fsGroup: -1 } },
                "args.podSecurityContext.fsGroup",
                /at least 0/,
                /0/,
            ],
            [
                "storage-access-modes",
                "ReadWriteMany",
                { storage: { accessModes: ["ReadWriteMany"] } },
                "args.storage.accessModes[0]",
                /network file system.*SQLite's locking/,
                /ReadWriteOnce/,
            ],
            [
                "storage-access-modes",
                "an empty list",
                { storage: { accessModes: [] } },
                "args.storage.accessModes",
                /non-empty list/,
                /ReadWriteOnce/,
            ],
            [
                "storage-metadata",
                "a claim label overriding the selector",
                { storage: { labels: { "app.kubernetes.io/instance": "x" } } },
                "args.storage.labels.app.kubernetes.io/instance",
                /selector label/,
                /another label/,
            ],
            [
                "storage-metadata",
                "a numeric claim annotation",
                { storage: { annotations: { "example.com/n": 1 } } },
                "args.storage.annotations.example.com/n",
                /must be a string/,
                /quote it/,
            ],
            [
                "services",
                "an unknown Service type",
                { services: { read: { type: "Ingress" } } },
                "args.services.read.type",
                /"ClusterIP", "NodePort" or "LoadBalancer"/,
                /exact case/,
            ],
            [
                "services",
                "a Service label overriding the selector",
                { services: { primary: { labels: { "app.kubernetes.io/name": "x" } } } },
                "args.services.primary.labels.app.kubernetes.io/name",
                /label pulumi-litefs sets/,
                /another label/,
            ],
            [
                "env-reserved",
                "LITEFS_DATABASE_PATH in env",
                { env: { LITEFS_DATABASE_PATH: "/data/app.db" } },
                "args.env.LITEFS_DATABASE_PATH",
                /database's full path in the FUSE mount/,
                /read it in the app/,
            ],
        ];
        for (const [rule, what, overrides, path, message, fix] of cases)
            it(`[${rule}] refuses ${what}`, async () => {
                const error = await refused("abaci-app", { ...exampleArgs(), ...overrides });
                problemAt(error, path, message, fix);
                assert.ok(
                    error.problems.some((p) => p.path === path && p.rule === rule),
                    `the problem at ${path} has rule ${rule}`,
                );
            });
    });
});
