import * as assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { forwardWrite } from "../../examples/forward-writes/forward-writes";

/** Starts a server on a free port; returns its URL and a closer. */
async function serve(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("examples/forward-writes: a replica forwards writes to $LITEFS_PRIMARY_URL", () => {
    it("sends a POST on to pod-0 with its path, headers and body, and relays status, headers and every cookie", async () => {
        const seen: { method?: string; url?: string; body: string; contentType?: string }[] = [];
        const primary = await serve((req, res) => {
            let body = "";
            req.on("data", (chunk) => (body += chunk));
            req.on("end", () => {
                seen.push({ method: req.method, url: req.url, body, contentType: req.headers["content-type"] });
                res.setHeader("set-cookie", ["__txid=0000000000000007; Path=/", "session=abc; HttpOnly"]);
                res.writeHead(201, { "content-type": "application/json", "x-served-by": "pod-0" });
                res.end('{"id":7}');
            });
        });
        const replica = await serve(async (req, res) => {
            if (await forwardWrite(req, res, { primary: false, target: primary.url })) return;
            res.end("read served by the replica");
        });
        try {
            const write = await fetch(`${replica.url}/notes?draft=1`, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: '{"text":"hi"}',
            });
            assert.equal(write.status, 201);
            assert.equal(await write.text(), '{"id":7}');
            assert.equal(write.headers.get("x-served-by"), "pod-0");
            assert.deepEqual(write.headers.getSetCookie(), ["__txid=0000000000000007; Path=/", "session=abc; HttpOnly"]);
            assert.deepEqual(seen, [{ method: "POST", url: "/notes?draft=1", body: '{"text":"hi"}', contentType: "application/json" }]);

            const read = await fetch(`${replica.url}/notes`);
            assert.equal(await read.text(), "read served by the replica");
            assert.equal(seen.length, 1, "a GET is served locally");
        } finally {
            await replica.close();
            await primary.close();
        }
    });

    it("does nothing on pod-0 itself: it is the primary", async () => {
        const server = await serve(async (req, res) => {
            if (await forwardWrite(req, res, { primary: true, target: "http://127.0.0.1:1" })) return;
            res.end("written locally");
        });
        try {
            assert.equal(await (await fetch(server.url, { method: "DELETE" })).text(), "written locally");
        } finally {
            await server.close();
        }
    });
});
