/**
 * The metrics sidecar's generated nginx.conf, run in a real nginx (Debian: nginx-light) as a non-root user
 * in a temporary prefix, in front of a local HTTP server standing in for LiteFS's API port. `/metrics`
 * must come back from upstream; every other path, spelling and method must be refused by nginx itself,
 * without a byte reaching LiteFS.
 */
import * as assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { metricsSidecarContainer } from "../../sdk/k8s/metrics-sidecar";
import { metricsProxyConfig } from "../../sdk/metrics/nginx-conf";

const METRICS_BODY = '# TYPE litefs_is_primary gauge\nlitefs_is_primary 1\nlitefs_db_txid{db="sqlite.db"} 42\n';
const SECRET = "LITEFS-API-ANSWERED";

interface Seen {
    readonly method: string;
    readonly url: string;
    readonly headers: http.IncomingHttpHeaders;
    readonly body: string;
}

/** A stand-in for LiteFS's API port: `/metrics` answers metrics, anything else answers a marker that must never leak. */
function fakeLiteFs(seen: Seen[]): Promise<http.Server> {
    const server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (chunk) => (body += chunk));
        req.on("end", () => {
            seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
            const metrics = new URL(req.url ?? "/", "http://x").pathname === "/metrics";
            const answer = metrics ? METRICS_BODY : SECRET;
            res.writeHead(200, {
                "content-type": metrics ? "text/plain; version=0.0.4" : "application/octet-stream",
                "content-length": Buffer.byteLength(answer),
            });
            res.end(answer);
        });
    });
    return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

interface RawResponse {
    readonly status: number;
    readonly headers: string;
    readonly body: string;
}

/** Sends bytes exactly as written (no client-side normalization of the path) and reads the whole answer. */
function raw(port: number, request: string): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
        const socket = net.connect(port, "127.0.0.1");
        let data = "";
        socket.setEncoding("latin1");
        socket.on("data", (chunk) => (data += chunk));
        socket.on("error", reject);
        socket.on("end", () => {
            const [head, ...rest] = data.split("\r\n\r\n");
            const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
            resolve({ status, headers: head, body: rest.join("\r\n\r\n") });
        });
        socket.write(request);
    });
}

const get = (target: string, method = "GET", extra = "") =>
    `${method} ${target} HTTP/1.1\r\nHost: metrics\r\nConnection: close\r\n${extra}\r\n`;

async function waitForPort(port: number, nginx: ChildProcess, log: () => string): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
        if (nginx.exitCode !== null) throw new Error(`nginx exited with ${nginx.exitCode}: ${log()}`);
        const open = await new Promise<boolean>((resolve) => {
            const socket = net.connect(port, "127.0.0.1", () => {
                socket.end();
                resolve(true);
            });
            socket.on("error", () => resolve(false));
        });
        if (open) return;
        if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port}: ${log()}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

describe("tools: the metrics sidecar's nginx.conf in a real nginx", function () {
    this.timeout(30_000);
    const seen: Seen[] = [];
    let upstream: http.Server;
    let nginx: ChildProcess;
    let port: number;
    let dir: string;
    let stderr = "";

    before(async () => {
        upstream = await fakeLiteFs(seen);
        port = await freePort();
        dir = mkdtempSync(path.join(tmpdir(), "litefs-nginx-"));
        // nginx runs as nobody when this runs as root (CI): it must be able to write its pid and temp paths.
        chmodSync(dir, 0o777);
        const config = metricsProxyConfig({ listenPort: port, upstreamPort: (upstream.address() as net.AddressInfo).port, runDir: dir });
        writeFileSync(path.join(dir, "nginx.conf"), config);
        const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
        const args = ["-e", "stderr", "-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"];
        const check = spawnSync("nginx", ["-t", ...args.slice(0, -2)], { encoding: "utf8", ...asUser });
        assert.equal(check.status, 0, `nginx -t: ${check.stderr}`);
        nginx = spawn("nginx", args, { stdio: ["ignore", "ignore", "pipe"], ...asUser });
        nginx.stderr!.on("data", (chunk) => (stderr += chunk));
        await waitForPort(port, nginx, () => stderr);
    });

    after(async () => {
        nginx?.kill("SIGTERM");
        await new Promise((r) => nginx?.once("exit", r));
        await new Promise((r) => upstream?.close(r));
        rmSync(dir, { recursive: true, force: true });
    });

    beforeEach(() => {
        seen.length = 0;
    });

    it("runs as a non-root user", () => {
        // The real uid of the nginx master, from /proc (no ps needed).
        const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${nginx.pid}/status`, "utf8"))?.[1];
        assert.ok(uid !== undefined && uid !== "0", `nginx master runs as uid ${uid}`);
    });

    it("GET /metrics returns LiteFS's body, and LiteFS sees exactly GET /metrics with no client headers or body", async () => {
        const response = await raw(
            port,
            get("/metrics", "GET", "Authorization: Bearer x\r\nLitefs-Id: 1\r\nAccept: text/plain\r\nContent-Length: 4\r\n\r\nbody"),
        );
        assert.equal(response.status, 200, response.headers);
        assert.equal(response.body, METRICS_BODY);
        assert.equal(seen.length, 1);
        assert.equal(seen[0].method, "GET");
        assert.equal(seen[0].url, "/metrics");
        assert.equal(seen[0].body, "");
        assert.equal(seen[0].headers.accept, "text/plain");
        assert.equal(seen[0].headers.authorization, undefined);
        assert.equal(seen[0].headers["litefs-id"], undefined);
    });

    it("HEAD /metrics is answered without a body", async () => {
        const response = await raw(port, get("/metrics", "HEAD"));
        assert.equal(response.status, 200);
        assert.equal(response.body, "");
        assert.deepEqual(
            seen.map((s) => `${s.method} ${s.url}`),
            ["HEAD /metrics"],
        );
    });

    it("spellings that normalize to /metrics reach LiteFS as exactly /metrics", async () => {
        for (const target of ["/%6detrics", "//metrics", "/./metrics", "/x/../metrics"]) {
            seen.length = 0;
            const response = await raw(port, get(target));
            assert.equal(response.status, 200, target);
            assert.deepEqual(
                seen.map((s) => new URL(s.url, "http://x").pathname),
                ["/metrics"],
                target,
            );
        }
    });

    for (const target of [
        "/",
        "/export?name=sqlite.db",
        "/import?name=sqlite.db",
        "/halt",
        "/tx",
        "/promote",
        "/handoff",
        "/stream",
        "/info",
        "/events",
        "/debug/pprof/",
        "/debug/pprof/cmdline",
        "/debug/vars",
        "/metrics/",
        "/metrics/../export",
        "/metrics/..%2fexport",
        "/metrics%2f..%2fexport",
        "/%2e%2e/export",
        "/metrics%00",
        "/metrics;/export",
        "/METRICS",
        "/metricsx",
        "/metrics.json",
        "http://127.0.0.1/export",
    ])
        it(`refuses GET ${target} without reaching LiteFS`, async () => {
            const response = await raw(port, get(target));
            assert.ok(response.status >= 400 && response.status < 500, `${target}: ${response.headers}`);
            assert.ok(!response.body.includes(SECRET), target);
            assert.deepEqual(seen, [], `${target} reached LiteFS`);
        });

    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "CONNECT"])
        it(`refuses ${method} /metrics without reaching LiteFS`, async () => {
            const body = method === "POST" || method === "PUT" ? "Content-Length: 4\r\n\r\njunk" : "";
            const response = await raw(port, get("/metrics", method, body));
            assert.ok(response.status === 405 || response.status === 400, `${method}: ${response.headers}`);
            assert.ok(!response.body.includes(SECRET));
            assert.deepEqual(seen, [], `${method} reached LiteFS`);
        });

    it("answers 405 with an Allow header to a method it refuses", async () => {
        const response = await raw(port, get("/metrics", "POST", "Content-Length: 0\r\n"));
        assert.equal(response.status, 405);
        assert.match(response.headers, /^Allow: GET, HEAD$/im);
    });
});

describe("tools: the sidecar container's own command, as in the pod", function () {
    this.timeout(30_000);
    const seen: Seen[] = [];
    let upstream: http.Server;
    let container: ChildProcess;
    let port: number;
    let stderr = "";

    before(async function () {
        // A private mount namespace stands in for the pod's filesystem: needs root (CI runs as root).
        if (process.getuid?.() !== 0) this.skip();
        upstream = await fakeLiteFs(seen);
        port = await freePort();
        const command = metricsSidecarContainer({
            image: "unused",
            port,
            apiPort: (upstream.address() as net.AddressInfo).port,
            resources: {},
        }).command as string[];
        // readOnlyRootFilesystem, the emptyDir at /tmp, and the image's uid 101 without privileges.
        const pod =
            "mount -o remount,bind,ro / && mount -t tmpfs -o size=16m,mode=1777 none /tmp && " +
            'exec setpriv --reuid=101 --regid=101 --clear-groups --no-new-privs "$@"';
        container = spawn("unshare", ["--mount", "--propagation", "private", "sh", "-c", pod, "pod", ...command], {
            stdio: ["ignore", "ignore", "pipe"],
        });
        container.stderr!.on("data", (chunk) => (stderr += chunk));
        await waitForPort(port, container, () => stderr);
    });

    after(async () => {
        if (!container) return;
        container.kill("SIGTERM");
        await new Promise((r) => container.once("exit", r));
        await new Promise((r) => upstream.close(r));
    });

    it("starts nginx from the command's inline config and serves /metrics, refusing the rest", async () => {
        const ok = await raw(port, get("/metrics"));
        assert.equal(ok.status, 200, `${ok.headers}\n${stderr}`);
        assert.equal(ok.body, METRICS_BODY);
        assert.equal((await raw(port, get("/export?name=sqlite.db"))).status, 404);
        assert.equal((await raw(port, get("/metrics", "POST", "Content-Length: 0\r\n"))).status, 405);
        assert.deepEqual(
            seen.map((s) => `${s.method} ${s.url}`),
            ["GET /metrics"],
        );
        assert.equal(stderr.trim(), "", "nginx logged nothing at warn level or above");
    });
});
