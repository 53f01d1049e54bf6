/**
 * One source of truth: for the same arguments, `render` on an args file produces exactly the objects the
 * component registers. Generic over every object: a new object in `appManifests` is rendered by
 * `manifestList` and must then be registered by the component, or these tests fail.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dump } from "js-yaml";
import type { LiteFsAppArgs } from "../../sdk";
import { appObjects, readArgsFile } from "../../sdk/render/args-file";
import { objectLabel } from "../../sdk/render/validate";
import { construct, DIGEST_IMAGE, exampleArgs } from "../support/app";

const CASES: Record<string, [string, LiteFsAppArgs]> = {
    "the example stack": ["abaci-app", exampleArgs()],
    "the fewest arguments": ["tiny", { image: DIGEST_IMAGE, port: 8080, command: "node app.js" }],
    "every optional argument": [
        "shop",
        {
            image: DIGEST_IMAGE,
            namespace: "shop-ns",
            createNamespace: false,
            replicas: 1,
            port: 3000,
            command: "node server.js",
            migrate: "sh -c 'node dist/db/migrate.js && node dist/db/seed.js'",
            database: "shop.db",
            storage: { size: "10Gi", storageClassName: "local-path" },
            env: { NODE_ENV: "production", LOG_LEVEL: "debug" },
            proxy: { port: 8081, maxLag: "5s", passthrough: ["*.png"] },
            litefs: { data: { retention: "30m" }, fuse: { allowOther: true }, log: { format: "json" } },
            apiPort: 20303,
            clusterDomain: "k8s.example.com",
            labels: { team: "shop" },
            podAnnotations: { "keel.sh/policy": "force" },
            resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
            imagePullPolicy: "IfNotPresent",
            imagePullSecrets: ["ghcr"],
            backup: {
                schedule: "30 2 * * MON-FRI",
                destination: "r2:shop/backups",
                rcloneConfigSecret: "shop-rclone",
                retention: "12w",
                from: "primary",
                image: "registry.example.com/rclone:1.69.1",
                sqliteImage: "registry.example.com/sqlite3:3.47.2",
                curlImage: "registry.example.com/curl:8.11.1",
                suspend: true,
            },
        },
    ],
    "sidecar mode, with migrate, the proxy, metrics and backups": [
        "notes",
        exampleArgs({
            namespace: "notes",
            liteFsSidecar: { resources: { requests: { cpu: "50m" } } },
            proxy: {},
            metrics: {},
            podSecurityContext: { runAsUser: 1000, runAsGroup: 1000 },
            backup: { schedule: "@daily", destination: "s3:notes/backups", rcloneConfigSecret: "notes-rclone" },
        }),
    ],
    "metrics with every monitoring object": [
        "watched",
        exampleArgs({
            namespace: "watched",
            metrics: {
                port: 9464,
                allowFrom: [{ namespaceSelector: { "kubernetes.io/metadata.name": "monitoring" } }],
                podMonitor: true,
                prometheusRule: true,
                dashboard: true,
                thresholds: { replicaLagSeconds: 60 },
            },
        }),
    ],
    "a backup from a replica": [
        "abaci-app",
        exampleArgs({ backup: { schedule: "@hourly", destination: "s3:my-bucket/abaci", rcloneConfigSecret: "abaci-backup-rclone" } }),
    ],
};

/** Objects keyed by kind/name, so the comparison does not depend on registration order. */
function byLabel(objects: readonly Record<string, any>[]): Map<string, Record<string, any>> {
    return new Map(objects.map((o) => [objectLabel(o), o]));
}

describe("render equals the component", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-equal-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const [title, [name, args]] of Object.entries(CASES))
        it(`renders exactly the objects the component registers, for ${title}`, async () => {
            // Through the file, as the CLI reads it: YAML in, objects out.
            const file = path.join(dir, `${name}.yaml`);
            fs.writeFileSync(file, dump({ name, args }));
            const read = readArgsFile(file);
            assert.ok(read.ok, JSON.stringify(read));
            const rendered = appObjects(read.argsFile);
            assert.ok(rendered.ok, JSON.stringify(rendered));

            const component = await construct(name, args);
            const registered = component.resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.inputs);

            const fromRender = byLabel(rendered.objects);
            const fromComponent = byLabel(registered);
            assert.deepEqual([...fromRender.keys()].sort(), [...fromComponent.keys()].sort());
            for (const [label, object] of fromRender) assert.deepEqual(object, fromComponent.get(label), label);
        });
});
