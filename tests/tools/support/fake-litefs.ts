/**
 * A stand-in for a LiteFS cluster's node API, one HTTP server per pod on 127.0.0.1, implementing the export and
 * import contract measured on LiteFS 0.5.14 (operations-facts.md §1): `GET /export?name=<db>` streams the
 * node's copy, 404 `database not found` for an unknown database; `POST /import?name=<db>` replaces the
 * database on pod-0 and is refused by a replica with 503 `lease expired`. Replicas serve pod-0's database as
 * soon as it changes (replication is instant here). Each pod can be told to misbehave, and every request is
 * recorded with the pod it reached.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** How a pod answers `/export`. */
export type ExportBehaviour = "ok" | "truncated" | "corrupt" | "empty" | "down";

export interface Hit {
    readonly ordinal: number;
    readonly method: string;
    readonly path: string;
}

export interface Import {
    readonly ordinal: number;
    readonly name: string;
    readonly body: Buffer;
}

export class FakeLiteFs {
    /** pod-0's database, which every pod serves; undefined until one exists. */
    database: Buffer | undefined;
    readonly hits: Hit[] = [];
    readonly imports: Import[] = [];
    readonly behaviour = new Map<number, ExportBehaviour>();
    private readonly servers: http.Server[] = [];
    private port = 0;

    private constructor(
        readonly databaseName: string,
        database: Buffer | undefined,
    ) {
        this.database = database;
    }

    /** Starts `replicas` pods (pod-0 the primary) serving `database` under `databaseName`. */
    static async start(replicas: number, databaseName: string, database: Buffer | undefined): Promise<FakeLiteFs> {
        const cluster = new FakeLiteFs(databaseName, database);
        // Pod i listens on 127.0.i.1 (all of 127.0.0.0/8 is loopback), every pod on one port, so one URL pattern
        // with the ordinal in it reaches each pod, as the headless Service's DNS names do in the cluster.
        for (let ordinal = 0; ordinal < replicas; ordinal++) {
            const server = http.createServer((req, res) => cluster.handle(ordinal, req, res));
            await new Promise<void>((resolve, reject) => {
                server.once("error", reject);
                server.listen(cluster.port, `127.0.${ordinal}.1`, resolve);
            });
            cluster.servers.push(server);
            cluster.port = (server.address() as AddressInfo).port;
        }
        return cluster;
    }

    /** The pods' LiteFS API URL pattern, `%d` for the ordinal, as the scripts get it. */
    get urlPattern(): string {
        return `http://127.0.%d.1:${this.port}`;
    }

    async stop(): Promise<void> {
        await Promise.all(
            this.servers.map((server) => new Promise((resolve) => (server.listening ? server.close(resolve) : resolve(undefined)))),
        );
    }

    private handle(ordinal: number, req: http.IncomingMessage, res: http.ServerResponse): void {
        const url = new URL(req.url ?? "/", "http://pod");
        this.hits.push({ ordinal, method: req.method ?? "", path: url.pathname });
        const name = url.searchParams.get("name");
        if (req.method === "GET" && url.pathname === "/export") return this.export(ordinal, name, res);
        if (req.method === "POST" && url.pathname === "/import") return this.import(ordinal, name, req, res);
        res.writeHead(404).end("not found");
    }

    private export(ordinal: number, name: string | null, res: http.ServerResponse): void {
        const behaviour = this.behaviour.get(ordinal) ?? "ok";
        if (behaviour === "down") {
            res.socket?.destroy();
            return;
        }
        if (name !== this.databaseName || this.database === undefined) {
            res.writeHead(404, { "Content-Type": "text/plain" }).end("database not found");
            return;
        }
        const body = this.database;
        if (behaviour === "empty") return void res.writeHead(200, { "Content-Length": "0" }).end();
        if (behaviour === "truncated") {
            // Announce the whole file, send half, then drop the connection: a stream cut short.
            res.writeHead(200, { "Content-Length": String(body.length) });
            res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
            return;
        }
        res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(body.length) });
        res.end(behaviour === "corrupt" ? corrupt(body) : body);
    }

    private import(ordinal: number, name: string | null, req: http.IncomingMessage, res: http.ServerResponse): void {
        if (ordinal !== 0) {
            // A replica refuses before reading the upload.
            res.writeHead(503, { "Content-Type": "text/plain", Connection: "close" }).end("lease expired");
            return;
        }
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const body = Buffer.concat(chunks);
            this.imports.push({ ordinal, name: name ?? "", body });
            if (name === this.databaseName) this.database = body;
            res.writeHead(200).end();
        });
    }
}

/** The database with every byte after the first page overwritten: the header is intact, the b-tree pages are not. */
function corrupt(database: Buffer): Buffer {
    const copy = Buffer.from(database);
    const pageSize = copy.readUInt16BE(16) === 1 ? 65536 : copy.readUInt16BE(16);
    copy.fill(0xa5, pageSize);
    return copy;
}
