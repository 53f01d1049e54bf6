import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dump, load, loadAll } from "js-yaml";
import { cli } from "../support/cli";
import { kustomization, numbered } from "../support/rendered";

const EXAMPLE_ARGS_FILE = "examples/basic/app.yaml";
const SHOP_ARGS_FILE = "tests/fixtures/render/app.json";

const render = (...argv: string[]) => cli("render", ...argv);

describe("render -o DIR for GitOps", () => {
    let tmp: string;
    beforeEach(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-gitops-"));
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    describe("kustomization.yaml", () => {
        it("writes one listing exactly the objects render wrote, in apply order", async () => {
            const dir = path.join(tmp, "k8s");
            const out = await render(EXAMPLE_ARGS_FILE, "-o", dir, "--litefs");
            assert.equal(out.status, 0, out.stderr);
            assert.match(out.stderr, new RegExp(`apply them with kubectl apply -k ${dir}\\n$`));
            const k = kustomization(dir);
            assert.equal(k.apiVersion, "kustomize.config.k8s.io/v1beta1");
            assert.equal(k.kind, "Kustomization");
            assert.deepEqual(k.resources, numbered(dir));
            assert.equal(numbered(dir).length, 7);
            assert.match(
                fs.readFileSync(path.join(dir, "kustomization.yaml"), "utf8"),
                /^# Written by pulumi-litefs render\. Apply with `kubectl apply -k/,
            );
        });

        it("accepts it on the next render, replacing only what render wrote and keeping the user's keys and files", async () => {
            const dir = path.join(tmp, "k8s");
            assert.equal((await render(EXAMPLE_ARGS_FILE, "-o", dir)).status, 0);
            // The user adds a SealedSecret and a key of their own.
            fs.writeFileSync(path.join(dir, "sealed-secret.yaml"), "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\n");
            const k = kustomization(dir);
            fs.writeFileSync(
                path.join(dir, "kustomization.yaml"),
                `commonAnnotations:\n  team: abaci\nresources:\n  - sealed-secret.yaml\n${(k.resources as string[]).map((r) => `  - ${r}\n`).join("")}`,
            );
            const out = await render(SHOP_ARGS_FILE, "-o", dir);
            assert.equal(out.status, 0, out.stderr);
            const after = kustomization(dir);
            assert.deepEqual(after.commonAnnotations, { team: "abaci" });
            assert.deepEqual(after.resources, ["sealed-secret.yaml", ...numbered(dir)]);
            assert.ok(
                numbered(dir).every((f) => f.endsWith("-shop.yaml") || f.includes("-shop-")),
                numbered(dir).join(),
            );
            assert.equal(fs.readFileSync(path.join(dir, "sealed-secret.yaml"), "utf8").includes("SealedSecret"), true);
        });

        it("refuses a kustomization.yaml it cannot read, and touches nothing", async () => {
            const dir = path.join(tmp, "k8s");
            fs.mkdirSync(dir);
            fs.writeFileSync(path.join(dir, "kustomization.yaml"), "resources: [\n");
            const out = await render(EXAMPLE_ARGS_FILE, "-o", dir);
            assert.equal(out.status, 1);
            assert.match(
                out.stderr,
                /kustomization\.yaml is not valid YAML: .* Fix: fix it, or remove it and let render write a new one\./,
            );
            assert.deepEqual(fs.readdirSync(dir), ["kustomization.yaml"]);
        });

        it("still refuses a file neither render nor the kustomization.yaml knows, saying how to keep it", async () => {
            const dir = path.join(tmp, "k8s");
            fs.mkdirSync(dir);
            fs.writeFileSync(path.join(dir, "kustomization.yaml"), "resources: []\n");
            fs.writeFileSync(path.join(dir, "extra.yaml"), "kind: ConfigMap\n");
            const out = await render(EXAMPLE_ARGS_FILE, "-o", dir);
            assert.equal(out.status, 1);
            assert.match(
                out.stderr,
                /holds files render did not write \(extra\.yaml\).*list your own files in .*kustomization\.yaml's resources:/,
            );
            assert.deepEqual(fs.readdirSync(dir).sort(), ["extra.yaml", "kustomization.yaml"]);
        });
    });
});

describe("render honours dataProtection for GitOps", () => {
    let tmp: string;
    beforeEach(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-protect-"));
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const KEEP = { "argocd.argoproj.io/sync-options": "Prune=false,Delete=false", "kustomize.toolkit.fluxcd.io/prune": "disabled" };

    async function rendered(dataProtection: string) {
        const file = path.join(tmp, `app-${dataProtection}.yaml`);
        const example = load(fs.readFileSync(EXAMPLE_ARGS_FILE, "utf8")) as { name: string; args: Record<string, unknown> };
        fs.writeFileSync(file, dump({ ...example, args: { ...example.args, dataProtection } }));
        const out = await render(file);
        assert.equal(out.status, 0, out.stderr);
        const docs = loadAll(out.stdout) as { kind: string; metadata: { name: string; annotations?: Record<string, string> } }[];
        return { text: out.stdout, byKind: (kind: string) => docs.find((d) => d?.kind === kind) };
    }

    for (const mode of ["protect", "retain"])
        it(`with ${mode}: Argo CD's and Flux's keep annotations on the Namespace and the StatefulSet, and the header says so`, async () => {
            const { text, byKind } = await rendered(mode);
            for (const kind of ["Namespace", "StatefulSet"]) {
                const annotations = byKind(kind)?.metadata.annotations ?? {};
                for (const [key, value] of Object.entries(KEEP)) assert.equal(annotations[key], value, `${kind} ${key}`);
            }
            assert.equal(
                byKind("Service")?.metadata.annotations?.["kustomize.toolkit.fluxcd.io/prune"],
                undefined,
                "only what guards data",
            );
            const header = text.split("\n---")[0];
            assert.match(
                header,
                /Data protection \(dataProtection: protect or retain\): Namespace abaci and StatefulSet abaci-app carry argocd/,
            );
            assert.match(header, /`kubectl delete -k` of this\n# folder ignores annotations/);
        });

    it("with none: no keep annotation, and the header says a prune deletes the database", async () => {
        const { text, byKind } = await rendered("none");
        for (const kind of ["Namespace", "StatefulSet"])
            assert.equal(byKind(kind)?.metadata.annotations?.["argocd.argoproj.io/sync-options"], undefined);
        assert.match(
            text.split("\n---")[0],
            /# Data protection: none\. A GitOps prune, .* deletes Namespace abaci and StatefulSet abaci-app/,
        );
    });

    it("-o DIR: every file's header says what protects the data", async () => {
        const dir = path.join(tmp, "k8s");
        assert.equal((await render(EXAMPLE_ARGS_FILE, "-o", dir)).status, 0);
        for (const file of numbered(dir))
            assert.match(fs.readFileSync(path.join(dir, file), "utf8"), /^# Data protection \(dataProtection/m);
    });
});
