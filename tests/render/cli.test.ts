import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { load, loadAll } from "js-yaml";
import type { LiteFsAppArgs } from "../../sdk";
import { objectLabel } from "../../sdk/render/validate";
import { construct } from "../support/app";
import { cli, ROOT } from "../support/cli";
import { type Doc, labels } from "../support/rendered";

const root = ROOT;
const EXAMPLE_ARGS_FILE = "examples/basic/app.yaml";
const BAD_ARGS_FILE = "tests/fixtures/render/bad-args.yaml";

const run = cli;

describe("pulumi-litefs render (offline)", () => {
    let tmp: string;
    beforeEach(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-render-"));
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    describe("an args file", () => {
        it("prints the objects the component registers for the same arguments", async () => {
            const out = await run("render", EXAMPLE_ARGS_FILE);
            assert.equal(out.status, 0, out.stderr);
            const rendered = loadAll(out.stdout).filter(Boolean) as Record<string, any>[];
            const { name, args } = load(fs.readFileSync(path.join(root, EXAMPLE_ARGS_FILE), "utf8")) as {
                name: string;
                args: LiteFsAppArgs;
            };
            const component = await construct(name, args);
            const registered = component.resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.inputs);
            assert.deepEqual(rendered.map(objectLabel).sort(), registered.map(objectLabel).sort());
            for (const object of rendered)
                assert.deepEqual(
                    object,
                    registered.find((r) => objectLabel(r) === objectLabel(object)),
                );
        });

        it("reads JSON too", async () => {
            const out = await run("render", "tests/fixtures/render/app.json");
            assert.equal(out.status, 0, out.stderr);
            assert.deepEqual(labels(loadAll(out.stdout).filter(Boolean) as Doc[]), [
                "Namespace/shop",
                "NetworkPolicy/shop",
                "Service/shop",
                "Service/shop-headless",
                "Service/shop-primary",
                "StatefulSet/shop",
                "PodDisruptionBudget/shop",
            ]);
        });

        it("exits 1 with one line per problem, each with file:line and the field path, and writes nothing", async () => {
            const dir = path.join(tmp, "out");
            const out = await run("render", BAD_ARGS_FILE, "-o", dir, "--litefs");
            assert.equal(out.status, 1);
            assert.equal(out.stdout, "");
            assert.equal(fs.existsSync(dir), false);
            const lines = out.stderr.trimEnd().split("\n");
            assert.equal(lines[0], "pulumi-litefs render: 6 problems; nothing was written:");
            assert.deepEqual(
                lines.slice(1).map((l) => /^ {2}- (\S+: \S+ \[[a-z-]+\]):/.exec(l)?.[1]),
                [
                    `${BAD_ARGS_FILE}:3: namespace [args-file]`,
                    `${BAD_ARGS_FILE}:8: args.replica [args-unknown]`,
                    `${BAD_ARGS_FILE}:6: args.port [port-range]`,
                    `${BAD_ARGS_FILE}:7: args.command [exec-operator]`,
                    `${BAD_ARGS_FILE}:10: args.env.HOSTNAME [env-hostname]`,
                    `${BAD_ARGS_FILE}:11: args.env.LITEFS_CLOUD_TOKEN [env-litefs-cloud-token]`,
                ],
            );
            assert.match(
                lines[1],
                /is not a key of an args file, which holds only name: and args:\. Fix: move LiteFsApp arguments under args:\.$/,
            );
        });

        it("exits 1 naming the line of a YAML syntax error", async () => {
            const file = path.join(tmp, "broken.yaml");
            fs.writeFileSync(file, "name: app\nargs:\n  port: [3000\n");
            const out = await run("render", file);
            assert.equal(out.status, 1);
            assert.match(out.stderr, new RegExp(`${file}:\\d+: \\(file\\) \\[file-syntax\\]: is not valid YAML`));
        });

        it("refuses --config, which only a program reads (exit 2)", async () => {
            const out = await run("render", EXAMPLE_ARGS_FILE, "--config", "image=x");
            assert.equal(out.status, 2);
            assert.match(out.stderr, /--config and --project apply to a program/);
        });
    });

    describe("-o DIR", () => {
        it("writes one file per object, in apply order, and with --litefs the litefs.yml of pod-0 and a replica", async () => {
            const dir = path.join(tmp, "manifests");
            const out = await run("render", EXAMPLE_ARGS_FILE, "-o", dir, "--litefs");
            assert.equal(out.status, 0, out.stderr);
            assert.equal(out.stdout, "");
            assert.deepEqual(fs.readdirSync(dir).sort(), [
                "00-namespace-abaci.yaml",
                "01-networkpolicy-abaci-app.yaml",
                "02-service-abaci-app.yaml",
                "03-service-abaci-app-headless.yaml",
                "04-service-abaci-app-primary.yaml",
                "05-statefulset-abaci-app.yaml",
                "06-poddisruptionbudget-abaci-app.yaml",
                "kustomization.yaml",
                "litefs",
            ]);
            const sts = load(fs.readFileSync(path.join(dir, "05-statefulset-abaci-app.yaml"), "utf8")) as Doc;
            assert.equal(objectLabel(sts), "StatefulSet/abaci-app");
            assert.deepEqual(fs.readdirSync(path.join(dir, "litefs")).sort(), ["abaci-app-0", "abaci-app-1"]);
            const primary = load(fs.readFileSync(path.join(dir, "litefs/abaci-app-0/litefs.yml"), "utf8")) as {
                lease: Record<string, unknown>;
            };
            const replica = load(fs.readFileSync(path.join(dir, "litefs/abaci-app-1/litefs.yml"), "utf8")) as {
                lease: Record<string, unknown>;
            };
            assert.equal(primary.lease.candidate, true);
            assert.equal(replica.lease.candidate, false);
            assert.equal(replica.lease.hostname, "abaci-app-0");
        });

        it("replaces an earlier render in the same directory, leaving nothing stale", async () => {
            const dir = path.join(tmp, "manifests");
            assert.equal((await run("render", EXAMPLE_ARGS_FILE, "-o", dir, "--litefs")).status, 0);
            const out = await run("render", "tests/fixtures/render/app.json", "-o", dir);
            assert.equal(out.status, 0, out.stderr);
            assert.deepEqual(fs.readdirSync(dir).sort(), [
                "00-namespace-shop.yaml",
                "01-networkpolicy-shop.yaml",
                "02-service-shop.yaml",
                "03-service-shop-headless.yaml",
                "04-service-shop-primary.yaml",
                "05-statefulset-shop.yaml",
                "06-poddisruptionbudget-shop.yaml",
                "kustomization.yaml",
            ]);
        });

        it("refuses a directory holding files it did not write, and touches nothing", async () => {
            const dir = path.join(tmp, "repo");
            fs.mkdirSync(dir);
            fs.writeFileSync(path.join(dir, "notes.md"), "mine\n");
            const out = await run("render", EXAMPLE_ARGS_FILE, "-o", dir);
            assert.equal(out.status, 1);
            assert.match(out.stderr, /holds files render did not write \(notes\.md\)/);
            assert.deepEqual(fs.readdirSync(dir), ["notes.md"]);
        });
    });

    it("prints usage and exits 2 without an input, and 0 for --help", async () => {
        const none = await run("render");
        assert.equal(none.status, 2);
        assert.match(none.stderr, /Usage: pulumi-litefs render/);
        const help = await run("render", "--help");
        assert.equal(help.status, 0);
        assert.match(help.stdout, /an args file|LiteFsApp args file/);
    });

    it("exits 2 for an input that does not exist, like every usage error, and says what render takes", async () => {
        const out = await run("render", "no-such-app.yaml");
        assert.equal(out.status, 2);
        assert.match(out.stderr, /^pulumi-litefs render: no-such-app\.yaml does not exist\.\nrender takes a LiteFsApp args file/);
    });
});
