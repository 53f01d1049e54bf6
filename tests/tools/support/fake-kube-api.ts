/**
 * A stand-in for the Kubernetes API server as the labeller reaches it: HTTPS with a self-signed certificate
 * (made with openssl for 127.0.0.1, handed to the labeller as the service account's `ca.crt`), recording every
 * request with its method, path, headers and body. `PATCH /api/v1/namespaces/<ns>/pods/<name>` with a merge
 * patch answers 200 and the patched pod, as the API server does; every other request is recorded and answered
 * 403 (what a Role without that verb gets). Answers can be overridden one by one to make the API fail.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as path from "node:path";

export interface ApiRequest {
    readonly method: string;
    readonly path: string;
    readonly contentType: string | undefined;
    readonly authorization: string | undefined;
    readonly body: string;
}

export class FakeKubeApi {
    readonly requests: ApiRequest[] = [];
    /** Status codes to answer the next PATCHes with, in order, before answering 200 again. */
    readonly failNext: number[] = [];
    /** The labels of each pod as the PATCHes left them, by pod path. */
    readonly labels = new Map<string, Record<string, string>>();

    private constructor(
        private readonly server: https.Server,
        readonly caFile: string,
    ) {}

    static async start(dir: string): Promise<FakeKubeApi> {
        const key = path.join(dir, "api.key");
        const cert = path.join(dir, "ca.crt");
        execFileSync(
            "openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1"].concat([
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
            ]),
            { stdio: "ignore" },
        );
        const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) });
        const api = new FakeKubeApi(server, cert);
        server.on("request", (req, res) => api.handle(req, res));
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(0, "127.0.0.1", resolve);
        });
        return api;
    }

    get port(): number {
        return (this.server.address() as AddressInfo).port;
    }

    async stop(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise((resolve) => this.server.close(resolve));
    }

    private handle(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse): void {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const body = Buffer.concat(chunks).toString("utf8");
            const request: ApiRequest = {
                method: req.method ?? "",
                path: req.url ?? "",
                contentType: req.headers["content-type"],
                authorization: req.headers.authorization,
                body,
            };
            this.requests.push(request);
            const pod = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/?]+)$/.exec(request.path);
            if (request.method !== "PATCH" || !pod || request.contentType !== "application/merge-patch+json") {
                res.writeHead(403, { "Content-Type": "application/json" }).end('{"kind":"Status","reason":"Forbidden"}');
                return;
            }
            const fail = this.failNext.shift();
            if (fail !== undefined) {
                res.writeHead(fail, { "Content-Type": "application/json" }).end(`{"kind":"Status","code":${fail}}`);
                return;
            }
            const patch = JSON.parse(body) as { metadata?: { labels?: Record<string, string> } };
            const labels = { ...this.labels.get(request.path), ...patch.metadata?.labels };
            this.labels.set(request.path, labels);
            res.writeHead(200, { "Content-Type": "application/json" }).end(
                JSON.stringify({ kind: "Pod", apiVersion: "v1", metadata: { name: pod[2], namespace: pod[1], labels } }),
            );
        });
    }
}
