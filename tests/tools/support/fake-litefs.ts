/**
 * A stand-in for a LiteFS cluster's node API, one HTTP server per pod on 127.0.0.1, implementing what LiteFS
 * v0.5.14 serves on its API port, as measured (operations-facts.md §1) and as its source says:
 * - `GET /export?name=<db>` streams the node's own copy, 404 `database not found` for an unknown database
 *   (http/server.go: handleGetExport);
 * - `POST /import?name=<db>` replaces the database on the primary, as one new transaction, and is refused by a
 *   replica with 503 `lease expired` before the upload is read (handlePostImport);
 * - `GET /metrics`: `litefs_db_txid{db="<name>"}` per database the node has, printed as Go's Prometheus client
 *   prints a gauge (strconv 'g': "1.234567e+06" from a million up), `litefs_is_primary`, and `litefs_lag_seconds`,
 *   which reads 0 on a replica that does not follow (db.go: dbTXIDMetricVec; store.go);
 * - `GET /info`: indented JSON with `clusterID`, `isPrimary`, `candidate`, `path` and `primary.hostname`
 *   (handleGetInfo).
 * A following replica has pod-0's database and transaction id at every instant (replication is instant here). A
 * replica can be made to stop following (`strand`), as one restarted with another cluster id does: it keeps its
 * own copy and position, reports its own cluster id and lag 0, and still answers `/export`. Each pod can be
 * told to misbehave on `/export`, and every request is recorded with the pod it reached.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** How a pod answers `/export` (and, when "down", every request). */
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

/** A node's own copy of the database and its position, when it does not follow pod-0. */
interface Stranded {
    database: Buffer | undefined;
    txid: number;
    clusterId: string;
}

const CLUSTER_ID = "LFSC0123456789ABCDEF";

/** A float64 as Go's strconv.FormatFloat(f, 'g', -1, 64) prints it, which is how Prometheus's Go client writes gauges. */
export function goFloat(value: number): string {
    if (value === 0) return "0";
    const exponent = Math.floor(Math.log10(Math.abs(value)));
    // Shortest 'g' switches to an exponent below 1e-4 and from 1e+06 (Go's strconv/ftoa.go: eprec = 6 when shortest).
    if (exponent < -4 || exponent >= 6) return value.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
    return String(value);
}

export class FakeLiteFs {
    /** pod-0's database, which every following pod serves; undefined until one exists. */
    database: Buffer | undefined;
    /** pod-0's transaction id for the database, which every following pod reports. */
    txid: number;
    readonly hits: Hit[] = [];
    readonly imports: Import[] = [];
    readonly behaviour = new Map<number, ExportBehaviour>();
    private readonly stranded = new Map<number, Stranded>();
    private readonly servers: http.Server[] = [];
    private port = 0;

    private constructor(
        readonly databaseName: string,
        database: Buffer | undefined,
        txid: number,
    ) {
        this.database = database;
        this.txid = database === undefined ? 0 : txid;
    }

    /** Starts `replicas` pods (pod-0 the primary) serving `database` under `databaseName`, at transaction `txid`. */
    static async start(replicas: number, databaseName: string, database: Buffer | undefined, txid = 42): Promise<FakeLiteFs> {
        const cluster = new FakeLiteFs(databaseName, database, txid);
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

    /** A write on the primary: the database becomes `database`, one transaction later; following replicas have it at once. */
    commit(database: Buffer, transactions = 1): void {
        this.database = database;
        this.txid += transactions;
    }

    /**
     * Replica `ordinal` stops following pod-0, as after a restart with another cluster id (`clusterId`) or a stalled
     * stream (the primary's cluster id): from now on it keeps `database` (its current copy unless given) and `txid`.
     */
    strand(ordinal: number, options: { database?: Buffer; txid?: number; clusterId?: string } = {}): void {
        this.stranded.set(ordinal, {
            database: options.database ?? this.database,
            txid: options.txid ?? this.txid,
            clusterId: options.clusterId ?? CLUSTER_ID,
        });
    }

    /** What pod `ordinal` holds: its database, position and cluster id. */
    node(ordinal: number): Stranded {
        return this.stranded.get(ordinal) ?? { database: this.database, txid: this.txid, clusterId: CLUSTER_ID };
    }

    async stop(): Promise<void> {
        await Promise.all(
            this.servers.map((server) => new Promise((resolve) => (server.listening ? server.close(resolve) : resolve(undefined)))),
        );
    }

    private handle(ordinal: number, req: http.IncomingMessage, res: http.ServerResponse): void {
        const url = new URL(req.url ?? "/", "http://pod");
        this.hits.push({ ordinal, method: req.method ?? "", path: url.pathname });
        if (this.behaviour.get(ordinal) === "down") return void res.socket?.destroy();
        const name = url.searchParams.get("name");
        if (req.method === "GET" && url.pathname === "/export") return this.export(ordinal, name, res);
        if (req.method === "POST" && url.pathname === "/import") return this.import(ordinal, name, req, res);
        if (req.method === "GET" && url.pathname === "/metrics") return this.metrics(ordinal, res);
        if (req.method === "GET" && url.pathname === "/info") return this.info(ordinal, res);
        res.writeHead(404).end("404 page not found\n");
    }

    private metrics(ordinal: number, res: http.ServerResponse): void {
        const node = this.node(ordinal);
        const lines = [
            "# HELP litefs_db_txid Current transaction ID.",
            "# TYPE litefs_db_txid gauge",
            ...(node.database === undefined ? [] : [`litefs_db_txid{db="${this.databaseName}"} ${goFloat(node.txid)}`]),
            "# HELP litefs_is_primary Primary status of the node.",
            "# TYPE litefs_is_primary gauge",
            `litefs_is_primary ${ordinal === 0 ? 1 : 0}`,
            "# HELP litefs_lag_seconds Lag behind the primary node, in seconds",
            "# TYPE litefs_lag_seconds gauge",
            // 0 on the primary, and on a replica that does not follow too: lag is no freshness signal.
            "litefs_lag_seconds 0",
        ];
        res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" }).end(`${lines.join("\n")}\n`);
    }

    private info(ordinal: number, res: http.ServerResponse): void {
        const info = {
            clusterID: this.node(ordinal).clusterId,
            isPrimary: ordinal === 0,
            candidate: ordinal === 0,
            path: "/litefs",
            primary: { hostname: "app-0" },
        };
        res.writeHead(200).end(`${JSON.stringify(info, null, 2)}\n`);
    }

    private export(ordinal: number, name: string | null, res: http.ServerResponse): void {
        const behaviour = this.behaviour.get(ordinal) ?? "ok";
        const database = this.node(ordinal).database;
        if (name !== this.databaseName || database === undefined) {
            res.writeHead(404, { "Content-Type": "text/plain" }).end("database not found");
            return;
        }
        if (behaviour === "empty") return void res.writeHead(200, { "Content-Length": "0" }).end();
        if (behaviour === "truncated") {
            // Announce the whole file, send half, then drop the connection: a stream cut short.
            res.writeHead(200, { "Content-Length": String(database.length) });
            res.write(database.subarray(0, Math.floor(database.length / 2)), () => res.socket?.destroy());
            return;
        }
        res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(database.length) });
        res.end(behaviour === "corrupt" ? corrupt(database) : database);
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
            // The import lands as one new transaction (operations-facts.md §1).
            if (name === this.databaseName) this.commit(body);
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
