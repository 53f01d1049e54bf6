import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { type Constructed, construct, exampleArgs, NAMESPACE, NETWORK_POLICY, PDB, SERVICE, STATEFULSET } from "../support/app";
import { ROOT } from "../support/cli";
import { kubectlCalls } from "../support/kubectl-stub";
import { settle } from "../support/mocks";

const SELECTOR = { "app.kubernetes.io/name": "litefs", "app.kubernetes.io/instance": "abaci-app" };

describe("LiteFsApp children", () => {
    let c: Constructed;
    before(async () => {
        c = await construct("abaci-app", exampleArgs({ labels: { team: "abaci" } }));
    });

    it("registers the component with its type token, then exactly a namespace, the headless Service, the NetworkPolicy, the StatefulSet, the read and write Services and a PDB", () => {
        const [component, ...children] = c.resources.map((r) => `${r.type}::${r.name}`);
        assert.equal(component, "pulumi-litefs:index:LiteFsApp::abaci-app");
        // Children register as their dependencies resolve, so their order is not a contract.
        assert.deepEqual(
            children.sort(),
            [
                `${NAMESPACE}::abaci-app-namespace`,
                `${SERVICE}::abaci-app-headless`,
                `${NETWORK_POLICY}::abaci-app-network-policy`,
                `${STATEFULSET}::abaci-app-statefulset`,
                `${SERVICE}::abaci-app-read`,
                `${SERVICE}::abaci-app-primary`,
                `${PDB}::abaci-app-pdb`,
            ].sort(),
        );
    });

    it("parents every child to the component", () => {
        assert.equal(c.childOptions.size, 7);
        for (const [child, opts] of c.childOptions) assert.equal(opts.parent, c.app, `${child} is not parented to the component`);
    });

    it("labels the namespace for Pod Security Admission's privileged level", () => {
        const ns = c.one(NAMESPACE).inputs;
        assert.equal(ns.metadata.name, "abaci");
        assert.equal(ns.metadata.labels["pod-security.kubernetes.io/enforce"], "privileged");
        assert.equal(ns.metadata.labels["pod-security.kubernetes.io/audit"], "privileged");
        assert.equal(ns.metadata.labels["pod-security.kubernetes.io/warn"], "privileged");
        assert.equal(ns.metadata.labels.team, "abaci");
    });

    it("makes <name>-headless a headless Service that publishes pods before they are Ready", () => {
        const svc = c.named(SERVICE, "abaci-app-headless").inputs;
        assert.equal(svc.metadata.namespace, "abaci");
        assert.equal(svc.spec.clusterIP, "None");
        assert.equal(svc.spec.publishNotReadyAddresses, true);
        assert.deepEqual(svc.spec.selector, SELECTOR);
        assert.deepEqual(svc.spec.ports, [{ name: "litefs", port: 20202, targetPort: "litefs", protocol: "TCP" }]);
    });

    it("governs the StatefulSet <name> with the headless Service and immutable-safe choices", () => {
        const sts = c.one(STATEFULSET).inputs;
        assert.equal(sts.metadata.name, "abaci-app");
        assert.equal(sts.metadata.namespace, "abaci");
        assert.equal(sts.spec.serviceName, "abaci-app-headless");
        assert.equal(sts.spec.replicas, 3);
        assert.equal(sts.spec.podManagementPolicy, "Parallel");
        assert.deepEqual(sts.spec.updateStrategy, { type: "RollingUpdate", rollingUpdate: { partition: 0 } });
        assert.equal(sts.spec.minReadySeconds, 10);
        assert.equal(sts.metadata.annotations?.["pulumi.com/skipAwait"], undefined, "Pulumi awaits the rollout when there is no partition");
        assert.equal(sts.metadata.annotations?.["litefs.io/primary-ordinal"], "0", "promote reads the primary's ordinal");
        assert.deepEqual(sts.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" });
        assert.deepEqual(sts.spec.selector.matchLabels, SELECTOR);
        assert.deepEqual(sts.spec.template.metadata.labels, { team: "abaci", ...SELECTOR });
    });

    it("runs the image privileged as root, with POD_NAME from the downward API", () => {
        const [container, ...others] = c.one(STATEFULSET).inputs.spec.template.spec.containers;
        assert.equal(others.length, 0);
        assert.equal(container.name, "app");
        assert.equal(container.image, exampleArgs().image);
        assert.deepEqual(container.securityContext, { privileged: true, runAsUser: 0, runAsGroup: 0 });
        assert.deepEqual(container.env, [
            { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
            { name: "LITEFS_CONFIG_DIR", value: "/etc/litefs" },
            { name: "LITEFS_PRIMARY_URL", value: "http://abaci-app-primary.abaci.svc.cluster.local:3000" },
            { name: "LITEFS_DATABASE_PATH", value: "/litefs/sqlite.db" },
            { name: "NODE_ENV", value: "production" },
        ]);
        assert.ok(!container.env.some((e: { name: string }) => e.name === "HOSTNAME"), "HOSTNAME must never be set");
        assert.deepEqual(container.ports, [
            { name: "http", containerPort: 3000, protocol: "TCP" },
            { name: "litefs", containerPort: 20202, protocol: "TCP" },
        ]);
    });

    it("mounts a litefs-data claim per pod at the data dir and emptyDirs for FUSE and the config", () => {
        const sts = c.one(STATEFULSET).inputs;
        const container = sts.spec.template.spec.containers[0];
        assert.deepEqual(container.volumeMounts, [
            { name: "litefs-data", mountPath: "/var/lib/litefs" },
            { name: "litefs-fuse", mountPath: "/litefs" },
            { name: "litefs-config", mountPath: "/etc/litefs" },
        ]);
        assert.deepEqual(sts.spec.template.spec.volumes, [
            { name: "litefs-fuse", emptyDir: {} },
            { name: "litefs-config", emptyDir: {} },
        ]);
        assert.deepEqual(sts.spec.volumeClaimTemplates, [
            {
                metadata: { name: "litefs-data", labels: SELECTOR },
                spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } },
            },
        ]);
    });

    it("outputs the names, the primary and ready-to-paste debug commands", async () => {
        assert.equal(await settle(c.app.namespace), "abaci");
        assert.equal(await settle(c.app.headlessServiceName), "abaci-app-headless");
        assert.equal(await settle(c.app.statefulSetName), "abaci-app");
        assert.equal(await settle(c.app.primaryHostname), "abaci-app-0");
        assert.equal(await settle(c.app.primaryAdvertiseUrl), "http://abaci-app-0.abaci-app-headless.abaci.svc.cluster.local:20202");
        const text = await settle(c.app.debugCommands);
        const commands = text.split("\n");
        assert.ok(
            commands.includes(
                'for i in $(seq 0 2); do echo "--- abaci-app-$i"; kubectl -n abaci logs abaci-app-$i -c app | grep -i litefs; done',
            ),
        );
        assert.ok(commands.includes('kubectl -n abaci logs abaci-app-0 -c app | grep "stream connected"'));
        assert.match(text, /kubectl -n abaci logs abaci-app-\$i -c app \| grep -E "existing primary found\|connected to cluster"/);
        assert.match(text, /kubectl -n abaci logs abaci-app-\$i -c app \| grep "different cluster id"/);
        assert.ok(commands.includes("kubectl -n abaci get pods,pvc -l app.kubernetes.io/instance=abaci-app"));
        assert.ok(
            commands.includes("kubectl -n abaci get endpointslices -l 'kubernetes.io/service-name in (abaci-app,abaci-app-primary)'"),
        );
        const page = fs.readFileSync(path.join(ROOT, "docs", "troubleshooting.md"), "utf8");
        assert.ok(page.includes(`\`\`\`sh\n${text}\n\`\`\``), "docs/troubleshooting.md does not show these lines");
        // Run under sh with a stub kubectl: the loops reach every pod, and no pod that does not exist.
        const calls = kubectlCalls(text);
        for (const call of [
            "kubectl -n abaci logs abaci-app-0 -c app",
            "kubectl -n abaci logs abaci-app-2 -c app",
            "kubectl -n abaci exec abaci-app-1 -c app -- cat /litefs/.primary",
            "kubectl -n abaci exec abaci-app-2 -c app -- cat /litefs/.primary",
        ])
            assert.ok(calls.includes(call), `missing: ${call}`);
        assert.ok(!calls.some((call) => /abaci-app-(3|0 -c app -- cat)/.test(call)), "no commands for pods that do not exist");
    });

    it("prints debug commands of the same size for 300 replicas as for 3: loops over ordinals", async () => {
        const many = await construct("many", exampleArgs({ namespace: "many", replicas: 300 }));
        const few = await construct("few", exampleArgs({ namespace: "few", replicas: 3 }));
        const [manyText, fewText] = [await settle(many.app.debugCommands), await settle(few.app.debugCommands)];
        assert.equal(manyText.split("\n").length, fewText.split("\n").length);
        assert.ok(manyText.length - fewText.length < 100);
        assert.match(manyText, /^for i in \$\(seq 0 299\); do /m);
    });
});

describe("LiteFsApp options", () => {
    it("uses an existing namespace without creating one", async () => {
        const c = await construct("shop", exampleArgs({ namespace: "shared", createNamespace: false }));
        assert.equal(c.resources.filter((r) => r.type === NAMESPACE).length, 0);
        assert.equal(c.one(STATEFULSET).inputs.metadata.namespace, "shared");
        assert.equal(await settle(c.app.namespace), "shared");
    });

    it("defaults the namespace to the instance name and replicas to 2", async () => {
        const c = await construct("notes", { image: exampleArgs().image, port: 8081, command: "node app.js" });
        assert.equal(c.one(NAMESPACE).inputs.metadata.name, "notes");
        assert.equal(c.one(STATEFULSET).inputs.spec.replicas, 2);
        assert.equal(c.one(STATEFULSET).inputs.spec.volumeClaimTemplates[0].spec.resources.requests.storage, "1Gi");
    });

    it("opens the proxy port on the pod and the headless Service when the proxy is on", async () => {
        const c = await construct("prox", exampleArgs({ namespace: "prox", proxy: { port: 8080 } }));
        const ports = c.one(STATEFULSET).inputs.spec.template.spec.containers[0].ports;
        assert.deepEqual(ports[2], { name: "proxy", containerPort: 8080, protocol: "TCP" });
        assert.deepEqual(c.named(SERVICE, "prox-headless").inputs.spec.ports[1], {
            name: "proxy",
            port: 8080,
            targetPort: "proxy",
            protocol: "TCP",
        });
    });

    it("passes storage class, resources, pull secrets and pod annotations through", async () => {
        const c = await construct(
            "tuned",
            exampleArgs({
                namespace: "tuned",
                storage: { size: "10Gi", storageClassName: "local-path" },
                resources: { requests: { cpu: "200m", memory: "512Mi" }, limits: { memory: "1Gi" } },
                imagePullSecrets: ["ghcr-pull"],
                imagePullPolicy: "IfNotPresent",
                podAnnotations: { "example.com/owner": "abaci" },
            }),
        );
        const sts = c.one(STATEFULSET).inputs;
        const container = sts.spec.template.spec.containers[0];
        assert.equal(sts.spec.volumeClaimTemplates[0].spec.storageClassName, "local-path");
        assert.deepEqual(container.resources, { requests: { cpu: "200m", memory: "512Mi" }, limits: { memory: "1Gi" } });
        assert.equal(container.imagePullPolicy, "IfNotPresent");
        assert.deepEqual(sts.spec.template.spec.imagePullSecrets, [{ name: "ghcr-pull" }]);
        assert.deepEqual(sts.spec.template.metadata.annotations, { "example.com/owner": "abaci" });
    });

    it("accepts the image as an Output and keeps the rest of the StatefulSet known", async () => {
        const c = await construct("built", exampleArgs({ namespace: "built", image: pulumi.output(exampleArgs().image as string) }));
        const sts = c.one(STATEFULSET).inputs;
        assert.equal(sts.spec.template.spec.containers[0].image, exampleArgs().image);
        assert.equal(sts.spec.serviceName, "built-headless");
    });
});
