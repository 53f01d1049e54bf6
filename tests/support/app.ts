import type * as pulumi from "@pulumi/pulumi";
import { type BackupArgs, LiteFsApp, type LiteFsAppArgs } from "../../sdk";
import { appManifests } from "../../sdk/k8s/manifests";
import { planApp } from "../../sdk/plan";
import { type Registered, registered, registeredCount, settle } from "./mocks";

export const DIGEST_IMAGE = `ghcr.io/org/app@sha256:${"a".repeat(64)}`;

/** The backup of the README's example app ("Backups and restore"). */
export const EXAMPLE_BACKUP: BackupArgs = {
    schedule: "0 * * * *",
    destination: "s3:my-bucket/abaci",
    rcloneConfigSecret: "abaci-backup-rclone",
};

/** The arguments from the example stack. */
export function exampleArgs(overrides: Partial<LiteFsAppArgs> = {}): LiteFsAppArgs {
    return {
        image: DIGEST_IMAGE,
        namespace: "abaci",
        replicas: 3,
        port: 3000,
        command: "node server.js",
        migrate: "node dist/db/migrate.js",
        database: "sqlite.db",
        storage: { size: "5Gi" },
        env: { NODE_ENV: "production" },
        ...overrides,
    };
}

export interface Constructed {
    readonly app: LiteFsApp;
    readonly resources: Registered[];
    /** Each child's resource options by `<type>::<name>`, as the component passed them (captured before inheritance). */
    readonly childOptions: ReadonlyMap<string, pulumi.ResourceOptions>;
    /** The single registered resource of a type, e.g. `kubernetes:apps/v1:StatefulSet`. */
    one(type: string): Registered;
    /** The registered Kubernetes object of a type with this `metadata.name`. */
    named(type: string, name: string): Registered;
}

/** Constructs a LiteFsApp and waits until it and every object `appManifests` lists have registered. */
export async function construct(name: string, args: LiteFsAppArgs, opts?: pulumi.ComponentResourceOptions): Promise<Constructed> {
    const start = registered.length;
    const childOptions = new Map<string, pulumi.ResourceOptions>();
    // Legacy transformations run in the SDK, so they see each child's options even under mocks.
    const capture: pulumi.ResourceTransformation = (t) => {
        if (t.type !== "pulumi-litefs:index:LiteFsApp") childOptions.set(`${t.type}::${t.name}`, { ...t.opts });
        return undefined;
    };
    const app = new LiteFsApp(name, args, { ...opts, transformations: [capture, ...(opts?.transformations ?? [])] });
    const result = planApp(name, args);
    if (!result.ok) throw new Error("LiteFsApp accepted arguments that planApp refuses");
    const children = Object.values(appManifests(result.plan)).filter((manifest) => manifest !== undefined).length;
    await registeredCount(start + 1 + children);
    await settle(app.statefulSetName);
    const resources = registered.slice(start);
    return {
        app,
        resources,
        childOptions,
        one(type) {
            const found = resources.filter((r) => r.type === type);
            if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
            return found[0];
        },
        named(type, name) {
            const found = resources.filter((r) => r.type === type && r.inputs.metadata?.name === name);
            if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
            return found[0];
        },
    };
}

export const STATEFULSET = "kubernetes:apps/v1:StatefulSet";
export const SERVICE = "kubernetes:core/v1:Service";
export const NAMESPACE = "kubernetes:core/v1:Namespace";
export const SECRET = "kubernetes:core/v1:Secret";
export const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
export const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
export const HTTPROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";

/** The start-up script from the StatefulSet the mocks captured: what the container runs. */
export function startupScriptOf(c: Constructed): string {
    const command: string[] = c.one(STATEFULSET).inputs.spec.template.spec.containers[0].command;
    if (command.length !== 3 || command[0] !== "/bin/sh" || command[1] !== "-c") throw new Error(`unexpected command ${command}`);
    return command[2];
}
