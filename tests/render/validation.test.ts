import * as assert from "node:assert/strict";
import { appManifests, manifestList } from "../../sdk/k8s/manifests";
import { renderLiteFsYaml } from "../../sdk/litefs/litefs-yaml";
import { planApp } from "../../sdk/plan";
import { validateLiteFsYaml, validateObjects } from "../../sdk/render/validate";
import { exampleArgs } from "../support/app";

function exampleObjects(): Record<string, any>[] {
    const result = planApp(
        "abaci-app",
        exampleArgs({ proxy: { port: 8080 }, resources: { limits: { memory: "512Mi" } }, imagePullSecrets: ["ghcr"] }),
    );
    if (!result.ok) throw new Error("example args are invalid");
    return manifestList(appManifests(result.plan));
}

/** The example objects with one change made to the object of `kind`. */
function mutated(kind: string, change: (o: Record<string, any>) => void): Record<string, any>[] {
    const objects = exampleObjects();
    const target = objects.find((o) => o.kind === kind);
    if (!target) throw new Error(`no ${kind}`);
    change(target);
    return objects;
}

function problemsOf(objects: Record<string, any>[]): string[] {
    return validateObjects(objects).problems.map((p) => `${p.path}: ${p.message}`);
}

describe("render's validation of every object", () => {
    it("passes every object the component creates, each checked against a bundled Kubernetes schema", () => {
        const check = validateObjects(exampleObjects());
        assert.deepEqual(check.problems, []);
        assert.deepEqual(check.unchecked, []);
    });

    it("passes the metrics sidecar and dashboard ConfigMap against the schema, and lists the Operator's kinds as unchecked", () => {
        const result = planApp("abaci-app", exampleArgs({ metrics: { podMonitor: true, prometheusRule: true, dashboard: true } }));
        if (!result.ok) throw new Error("example args are invalid");
        const check = validateObjects(manifestList(appManifests(result.plan)));
        assert.deepEqual(check.problems, []);
        assert.deepEqual(check.unchecked, [
            "monitoring.coreos.com/v1 PodMonitor/abaci-app",
            "monitoring.coreos.com/v1 PrometheusRule/abaci-app",
        ]);
    });

    it("catches a misspelt field the Kubernetes schema does not have, and suggests the field", () => {
        const objects = mutated("StatefulSet", (sts) => {
            sts.spec.servceName = sts.spec.serviceName;
            delete sts.spec.serviceName;
            sts.spec.template.spec.containers[0].imagePullPolice = "Always";
        });
        const problems = validateObjects(objects).problems;
        const typo = problems.find((p) => p.path === "StatefulSet/abaci-app.spec.servceName");
        assert.ok(typo, JSON.stringify(problems));
        assert.match(typo.message, /is not a field of StatefulSet/);
        assert.equal(typo.fix, 'did you mean "serviceName"?');
        const nested = problems.find((p) => p.path === "StatefulSet/abaci-app.spec.template.spec.containers[0].imagePullPolice");
        assert.equal(nested?.fix, 'did you mean "imagePullPolicy"?');
    });

    it("accepts any key in maps (labels, annotations, resource lists)", () => {
        const objects = mutated("StatefulSet", (sts) => {
            sts.metadata.labels["team.example.com/owner"] = "data";
            sts.spec.template.metadata.annotations = { "keel.sh/policy": "force" };
        });
        assert.deepEqual(problemsOf(objects), []);
    });

    it("catches wrong types and missing required fields (kubernetes-models)", () => {
        const objects = mutated("StatefulSet", (sts) => {
            sts.spec.replicas = "three";
            delete sts.spec.selector;
        });
        assert.deepEqual(problemsOf(objects), [
            "StatefulSet/abaci-app.spec: must have required property selector (Kubernetes schema).",
            "StatefulSet/abaci-app.spec.replicas: must be integer (Kubernetes schema).",
        ]);
    });

    it("catches names that are not DNS-1123, and names too long", () => {
        const objects = mutated("Service", (svc) => {
            svc.metadata.name = "Abaci_App";
        });
        const sts = objects.find((o) => o.kind === "StatefulSet");
        assert.ok(sts);
        sts.metadata.name = "a".repeat(53);
        const problems = problemsOf(objects);
        assert.equal(problems.length, 2, problems.join("\n"));
        assert.match(problems[0], /^Service\/Abaci_App\.metadata\.name: must be a DNS label/);
        assert.match(problems[1], /^StatefulSet\/a{53}\.metadata\.name: is 53 characters; it may have at most 52 here\.$/);
    });

    it("catches ports out of range and bad port names", () => {
        const objects = mutated("StatefulSet", (sts) => {
            sts.spec.template.spec.containers[0].ports[0].containerPort = 70000;
            sts.spec.template.spec.containers[0].ports[1].name = "litefs-api-port-long";
        });
        const service = objects.find((o) => o.kind === "Service");
        assert.ok(service);
        service.spec.ports[0].port = 0;
        assert.deepEqual(problemsOf(objects), [
            "Service/abaci-app-headless.spec.ports[0].port: must be a whole port number from 1 to 65535, got 0.",
            "StatefulSet/abaci-app.spec.template.spec.containers[0].ports[0].containerPort: must be a whole port number from 1 to 65535, got 70000.",
            'StatefulSet/abaci-app.spec.template.spec.containers[0].ports[1].name: must be an IANA service name (at most 15 lowercase letters, digits and "-", with a letter, no "--"), got "litefs-api-port-long".',
        ]);
    });

    it("catches a volume mount that names no volume", () => {
        const objects = mutated("StatefulSet", (sts) => {
            sts.spec.template.spec.volumes[0].name = "fuse";
        });
        assert.deepEqual(problemsOf(objects), [
            'StatefulSet/abaci-app.spec.template.spec.containers[0].volumeMounts[1].name: names no volume or volumeClaimTemplate of this pod ("litefs-fuse"); the API server refuses the pod.',
        ]);
    });

    it("catches Bidirectional mount propagation in a container that is not privileged", () => {
        const objects = mutated("StatefulSet", (sts) => {
            const app = sts.spec.template.spec.containers[0];
            app.volumeMounts[1].mountPropagation = "Bidirectional";
            app.securityContext = { privileged: false };
        });
        assert.deepEqual(problemsOf(objects), [
            "StatefulSet/abaci-app.spec.template.spec.containers[0].volumeMounts[1].mountPropagation: is Bidirectional in a container that is not privileged: the API server refuses the pod.",
        ]);
    });

    it("reports an object of a kind it has no schema for as unchecked, and still applies its own rules", () => {
        const check = validateObjects([{ apiVersion: "traefik.io/v1alpha1", kind: "IngressRoute", metadata: { name: "Writes" } }]);
        assert.deepEqual(check.unchecked, ["traefik.io/v1alpha1 IngressRoute/Writes"]);
        assert.equal(check.problems.length, 1);
        assert.match(check.problems[0].path, /^IngressRoute\/Writes\.metadata\.name$/);
    });
});

describe("render's validation of every litefs.yml", () => {
    const plan = (() => {
        const result = planApp("abaci-app", exampleArgs());
        if (!result.ok) throw new Error("example args are invalid");
        return result.plan;
    })();

    it("passes the files pulumi-litefs writes", () => {
        for (const role of ["primary", "replica"] as const)
            assert.deepEqual(validateLiteFsYaml(renderLiteFsYaml(plan, role), "litefs.yml"), []);
    });

    it("catches an unknown key, a quoted boolean and an integer duration, each with its path", () => {
        const broken = renderLiteFsYaml(plan, "replica")
            .replace("candidate: false", 'candidate: "false"')
            .replace("fuse:\n", "fuse:\n  primary-redirect-url: http://x\n")
            .replace("data:\n", "data:\n  retention: 600\n");
        const problems = validateLiteFsYaml(broken, "litefs.yml of abaci-app-1").map((p) => p.path);
        assert.deepEqual(problems, [
            "litefs.yml of abaci-app-1: fuse.primary-redirect-url",
            "litefs.yml of abaci-app-1: data.retention",
            "litefs.yml of abaci-app-1: lease.candidate",
        ]);
    });
});
