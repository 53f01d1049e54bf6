// Forwarding writes from the app: a request that reaches a replica (pod-1, pod-2, …) and would write is sent
// on to pod-0 through the write Service, whose URL LiteFsApp puts in $LITEFS_PRIMARY_URL. Only needed when
// writes can reach a replica: without httpRoute, or behind an Ingress that cannot route by method.
// Node 20+, no dependencies: call it first in your request handler, and stop when it returns true.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

/** pod-0 is LiteFS's static primary; POD_NAME (set by LiteFsApp) is `<name>-<ordinal>`. */
const onPrimary = /-0$/.test(process.env.POD_NAME ?? "");
/** Headers that belong to one connection, and those fetch rewrites (it decompresses and re-frames the body). */
const SKIPPED = new Set(["connection", "keep-alive", "host", "transfer-encoding", "upgrade", "te", "trailer", "proxy-connection"]);
const SKIPPED_BACK = new Set([...SKIPPED, "content-encoding", "content-length", "set-cookie"]);

export async function forwardWrite(
    req: IncomingMessage,
    res: ServerResponse,
    { primary = onPrimary, target = process.env.LITEFS_PRIMARY_URL } = {},
): Promise<boolean> {
    if (primary || req.method === "GET" || req.method === "HEAD" || !target) return false;
    const headers = Object.entries(req.headers).flatMap(([name, value]): [string, string][] =>
        SKIPPED.has(name) || value === undefined ? [] : [[name, String(value)]],
    );
    const upstream = await fetch(new URL(req.url ?? "/", target), {
        method: req.method,
        headers: [...headers, ["x-forwarded-for", req.socket.remoteAddress ?? ""]],
        body: Readable.toWeb(req) as ReadableStream,
        duplex: "half", // a streamed request body
        redirect: "manual",
    } as RequestInit);
    for (const [name, value] of upstream.headers) if (!SKIPPED_BACK.has(name)) res.setHeader(name, value);
    const cookies = upstream.headers.getSetCookie();
    if (cookies.length > 0) res.setHeader("set-cookie", cookies);
    res.writeHead(upstream.status);
    if (upstream.body) Readable.fromWeb(upstream.body as import("node:stream/web").ReadableStream).pipe(res);
    else res.end();
    return true;
}

// Usage:
//   http.createServer(async (req, res) => {
//       if (await forwardWrite(req, res)) return;
//       … your handler: on a replica it only ever sees reads …
//   }).listen(3000);
