// Sidecar mode: LiteFS runs in its own container from the official image; the app's image (here distroless,
// non-root) needs neither litefs, fuse3 nor a shell, and its container runs with every capability dropped.
// Set the image GitHub Actions pushed: pulumi config set image ghcr.io/org/notes@sha256:<digest>
import * as pulumi from "@pulumi/pulumi";
import { LiteFsApp } from "pulumi-litefs";

const config = new pulumi.Config();

const app = new LiteFsApp("notes", {
    image: config.require("image"),
    replicas: 3,
    port: 3000,
    // Run directly, without a shell: a distroless image has none. The app opens $LITEFS_DATABASE_PATH
    // (/litefs/db/notes.db) and reopens its connection after an I/O error (LiteFS restarted).
    command: "/nodejs/bin/node dist/server.js",
    // On pod-0 only, before the app, from an init container of the app's image.
    migrate: "/nodejs/bin/node dist/migrate.js",
    database: "notes.db",
    storage: { size: "5Gi" },
    liteFsSidecar: {
        image: "docker.io/flyio/litefs:0.5.14",
        resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } },
    },
});

export const namespace = app.namespace;
export const statefulSet = app.statefulSetName;
export const debugCommands = app.debugCommands;
export const recoveryCommands = app.recoveryCommands;
