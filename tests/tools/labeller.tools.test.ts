/**
 * The labeller script, run for real under dash and busybox ash with Debian's curl, against a stand-in LiteFS
 * `/events` stream (tests/tools/support/fake-litefs-events.ts) and a stand-in Kubernetes API over HTTPS
 * (tests/tools/support/fake-kube-api.ts): the exact PATCH it sends, and that it follows the lease both ways.
 */
import * as assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { LABELLER_SCRIPT, rolePatch } from "../../sdk/failover/labeller";
import { type ApiRequest, FakeKubeApi } from "./support/fake-kube-api";
import { FakeLiteFsEvents } from "./support/fake-litefs-events";
import { type Shell, shells, tempDir } from "./support/pod";

const POD_PATH = "/api/v1/namespaces/shop/pods/shop-app-1";
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.first-token.c2lnbmF0dXJl";

interface Labeller {
    readonly litefs: FakeLiteFsEvents;
    readonly api: FakeKubeApi;
    readonly tokenDir: string;
    readonly process: ChildProcess;
    stderr: string;
}

let running: Labeller[] = [];
let dirs: string[] = [];

async function startLabeller(shell: Shell, primary = false): Promise<Labeller> {
    const dir = tempDir("labeller");
    dirs.push(dir);
    const tokenDir = path.join(dir, "serviceaccount");
    const runDir = path.join(dir, "run");
    fs.mkdirSync(tokenDir);
    fs.mkdirSync(runDir);
    const api = await FakeKubeApi.start(dir);
    fs.copyFileSync(api.caFile, path.join(tokenDir, "ca.crt"));
    fs.writeFileSync(path.join(tokenDir, "token"), TOKEN);
    const litefs = await FakeLiteFsEvents.start();
    if (primary) litefs.isPrimary = true;
    const child = spawn(shell.argv[0], [...shell.argv.slice(1), "-c", LABELLER_SCRIPT], {
        env: {
            PATH: [...shell.path, process.env.PATH ?? "/usr/bin:/bin"].join(":"),
            POD_NAME: "shop-app-1",
            POD_NAMESPACE: "shop",
            LITEFS_API_URL: litefs.url,
            LABELLER_TOKEN_DIR: tokenDir,
            LABELLER_RUN_DIR: runDir,
            LABELLER_RESYNC_SECONDS: "30",
            LABELLER_RETRY_SECONDS: "1",
            KUBERNETES_SERVICE_HOST: "127.0.0.1",
            KUBERNETES_SERVICE_PORT: String(api.port),
        },
        stdio: ["ignore", "ignore", "pipe"],
    });
    const labeller: Labeller = { litefs, api, tokenDir, process: child, stderr: "" };
    child.stderr?.on("data", (chunk: Buffer) => (labeller.stderr += chunk.toString()));
    running.push(labeller);
    return labeller;
}

/** Waits until `condition` holds, polling; fails with `what` and the labeller's log after `ms`. */
async function until(l: Labeller, what: string, condition: () => boolean, ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    while (!condition()) {
        if (Date.now() > end) assert.fail(`timed out waiting for ${what}; labeller log:\n${l.stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

const patches = (l: Labeller) => l.api.requests.map((r) => JSON.parse(r.body).metadata.labels["litefs.io/role"] as string);
const roleNow = (l: Labeller) => l.api.labels.get(POD_PATH)?.["litefs.io/role"];

function assertExactPatch(request: ApiRequest, role: "primary" | "replica", token = TOKEN): void {
    assert.equal(request.method, "PATCH");
    assert.equal(request.path, POD_PATH);
    assert.equal(request.contentType, "application/merge-patch+json");
    assert.equal(request.authorization, `Bearer ${token}`);
    assert.equal(request.body, `{"metadata":{"labels":{"litefs.io/role":"${role}"}}}`);
    assert.equal(request.body, rolePatch(role));
}

afterEach(async () => {
    for (const l of running) {
        l.process.kill("SIGKILL");
        await l.litefs.down();
        await l.api.stop();
    }
    running = [];
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    dirs = [];
});

for (const shell of shells())
    describe(`labeller under ${shell.name} (real curl, stand-in LiteFS and API server)`, function () {
        this.timeout(60_000);

        it("labels a replica `replica` with exactly one merge-patch PATCH of its own pod, with its token", async () => {
            const l = await startLabeller(shell);
            await until(l, "the first PATCH", () => l.api.requests.length > 0);
            await new Promise((resolve) => setTimeout(resolve, 500));
            assert.equal(l.api.requests.length, 1, l.stderr);
            assertExactPatch(l.api.requests[0], "replica");
        });

        it("labels `primary` when LiteFS takes the lease, sends nothing for transactions, and clears to `replica` when the lease is lost", async () => {
            const l = await startLabeller(shell);
            await until(l, "the replica label", () => roleNow(l) === "replica");
            l.litefs.primaryChange(true);
            await until(l, "the primary label", () => roleNow(l) === "primary");
            assertExactPatch(l.api.requests[1], "primary");
            for (let txid = 2; txid < 20; txid++) l.litefs.tx("sqlite.db", txid);
            // Another lease holder took over: LiteFS's setLease(nil) sends primaryChange with isPrimary false.
            l.litefs.primaryChange(false, "shop-app-2.shop-app-headless.shop.svc.cluster.local");
            await until(l, "the label cleared", () => roleNow(l) === "replica");
            assert.deepEqual(patches(l), ["replica", "primary", "replica"], l.stderr);
            assertExactPatch(l.api.requests[2], "replica");
        });

        it("starts as `primary` on a pod that holds the lease already (the init event)", async () => {
            const l = await startLabeller(shell, true);
            await until(l, "the primary label", () => roleNow(l) === "primary");
            assert.deepEqual(patches(l), ["primary"]);
        });

        it("clears the label when LiteFS goes away, and labels `primary` again when it is back with the lease", async () => {
            const l = await startLabeller(shell, true);
            await until(l, "the primary label", () => roleNow(l) === "primary");
            await l.litefs.down();
            await until(l, "the label cleared", () => roleNow(l) === "replica");
            l.litefs.isPrimary = true;
            await l.litefs.up();
            await until(l, "the primary label again", () => roleNow(l) === "primary");
            assert.deepEqual(patches(l), ["primary", "replica", "primary"], l.stderr);
        });

        it("reconnects when LiteFS ends the stream, without touching a label that is still right", async () => {
            const l = await startLabeller(shell, true);
            await until(l, "the primary label", () => roleNow(l) === "primary");
            l.litefs.endStreams();
            await until(l, "a second stream", () => l.litefs.connections >= 2);
            l.litefs.primaryChange(false);
            await until(l, "the label cleared", () => roleNow(l) === "replica");
            assert.deepEqual(patches(l), ["primary", "replica"], l.stderr);
        });

        it("retries a PATCH the API server refused until the label is right", async () => {
            const l = await startLabeller(shell);
            l.api.failNext.push(500, 503);
            await until(l, "the replica label", () => roleNow(l) === "replica");
            assert.deepEqual(patches(l), ["replica", "replica", "replica"], l.stderr);
            assert.match(l.stderr, /HTTP 500/);
        });

        it("reads the token again for each PATCH (projected tokens rotate)", async () => {
            const l = await startLabeller(shell);
            await until(l, "the replica label", () => roleNow(l) === "replica");
            fs.writeFileSync(path.join(l.tokenDir, "token"), "rotated.token.value");
            l.litefs.primaryChange(true);
            await until(l, "the primary label", () => roleNow(l) === "primary");
            assertExactPatch(l.api.requests[1], "primary", "rotated.token.value");
        });

        it("never reads, lists, watches or creates anything: every request is a PATCH of its own pod", async () => {
            const l = await startLabeller(shell);
            await until(l, "the replica label", () => roleNow(l) === "replica");
            l.litefs.primaryChange(true);
            await until(l, "the primary label", () => roleNow(l) === "primary");
            await l.litefs.down();
            await until(l, "the label cleared", () => roleNow(l) === "replica");
            assert.ok(l.api.requests.length >= 3);
            for (const request of l.api.requests) {
                assert.equal(request.method, "PATCH");
                assert.equal(request.path, POD_PATH);
            }
        });

        it("exits at once on SIGTERM", async () => {
            const l = await startLabeller(shell);
            await until(l, "the replica label", () => roleNow(l) === "replica");
            const exited = new Promise<number | null>((resolve) => l.process.once("exit", (code) => resolve(code)));
            l.process.kill("SIGTERM");
            assert.equal(await exited, 0);
        });
    });
