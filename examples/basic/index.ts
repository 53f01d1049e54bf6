// The stack `pulumi up` runs from the repository root (see Pulumi.yaml): the abaci app from the guide.
// Set the image GitHub Actions pushed: pulumi config set image ghcr.io/org/app@sha256:<digest>
import * as pulumi from "@pulumi/pulumi";
import { LiteFsApp } from "pulumi-litefs";

const config = new pulumi.Config();

const app = new LiteFsApp("abaci-app", {
    image: config.require("image"),
    namespace: "abaci",
    replicas: 3,
    port: 3000,
    command: "node server.js",
    migrate: "node dist/db/migrate.js",
    database: "sqlite.db",
    storage: { size: "5Gi" },
    env: { NODE_ENV: "production" },
});

export const namespace = app.namespace;
export const statefulSet = app.statefulSetName;
export const primaryHostname = app.primaryHostname;
export const primaryAdvertiseUrl = app.primaryAdvertiseUrl;
export const debugCommands = app.debugCommands;
export const recoveryCommands = app.recoveryCommands;
