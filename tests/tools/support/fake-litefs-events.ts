/**
 * A stand-in for one pod's LiteFS node API serving `GET /events` as LiteFS v0.5.14 does (http/server.go
 * `Server.handleGetEvents`, store.go `Store.SubscribeEvents` and `notifyPrimaryChange`): 200 with
 * `Content-Type: application/json`, then one compact JSON object per line, flushed one by one: `init` first with
 * the node's current role, then `primaryChange` whenever the lease changes hands and `tx` for each transaction.
 * Go's encoder writes the struct fields in declaration order (`type`, `db` if set, `data`) and leaves out an
 * empty `hostname` (omitempty). It can stop (connections dropped, new ones refused, as when LiteFS exits) and
 * start again on the same port.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export class FakeLiteFsEvents {
    isPrimary = false;
    /** The primary's hostname as this node knows it (its `PrimaryInfo`), if any. */
    primaryHostname: string | undefined;
    /** How many times `/events` was opened. */
    connections = 0;
    private server: http.Server | undefined;
    private readonly streams = new Set<http.ServerResponse>();
    private port = 0;

    static async start(): Promise<FakeLiteFsEvents> {
        const fake = new FakeLiteFsEvents();
        await fake.up();
        return fake;
    }

    get url(): string {
        return `http://127.0.0.1:${this.port}`;
    }

    /** Starts serving (again), on the same port as before. */
    async up(): Promise<void> {
        const server = http.createServer((req, res) => this.handle(req, res));
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(this.port, "127.0.0.1", resolve);
        });
        this.port = (server.address() as AddressInfo).port;
        this.server = server;
    }

    /** LiteFS exits: every stream is cut and the port refuses connections. */
    async down(): Promise<void> {
        for (const res of this.streams) res.socket?.destroy();
        this.streams.clear();
        const server = this.server;
        this.server = undefined;
        if (server) await new Promise((resolve) => server.close(resolve));
    }

    /** The lease changes: `setLease` (or `setPrimaryInfo`) → a primaryChange event on every stream. */
    primaryChange(isPrimary: boolean, primaryHostname?: string): void {
        this.isPrimary = isPrimary;
        this.primaryHostname = primaryHostname;
        this.send({ type: "primaryChange", data: this.roleData() });
    }

    /** A committed transaction on `db`: LiteFS formats the TXID and checksum as 16 hex digits (ltx.TXID.MarshalJSON). */
    tx(db: string, txid: number): void {
        this.send({
            type: "tx",
            db,
            data: {
                txID: txid.toString(16).padStart(16, "0"),
                postApplyChecksum: "8a5f3e2b1c9d7e6f",
                pageSize: 4096,
                commit: 2,
                timestamp: "2026-12-05T08:00:00.123456789Z",
            },
        });
    }

    /** Closes every open stream (as LiteFS does to a subscriber whose buffer overflowed), staying up. */
    endStreams(): void {
        for (const res of this.streams) res.end();
        this.streams.clear();
    }

    private roleData(): Record<string, unknown> {
        return { isPrimary: this.isPrimary, ...(this.primaryHostname ? { hostname: this.primaryHostname } : {}) };
    }

    private send(event: Record<string, unknown>): void {
        const line = `${JSON.stringify(event)}\n`;
        for (const res of this.streams) res.write(line);
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        if (req.method !== "GET" || req.url !== "/events") {
            res.writeHead(404).end("404 page not found\n");
            return;
        }
        this.connections++;
        res.writeHead(200, { "Content-Type": "application/json" });
        res.write(`${JSON.stringify({ type: "init", data: this.roleData() })}\n`);
        this.streams.add(res);
        res.on("close", () => this.streams.delete(res));
    }
}
