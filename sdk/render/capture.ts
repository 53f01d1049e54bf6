/**
 * Runs a Pulumi program under the SDK's mocks, with no engine, CLI or cluster, and records every
 * Kubernetes object it would create: the same objects `pulumi up` would send to the cluster.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { KubeObject } from "../k8s/manifests";

/** Pulumi wraps a serialized secret as `{ [SECRET_SIG_KEY]: SECRET_SIG, value }`. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

export function isSecretValue(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && SECRET_SIG_KEY in value;
}

/**
 * Unwraps every serialized secret, passing each scalar inside it through `replace` (the identity by default).
 * A secret map such as a Secret's `stringData` keeps its keys, so a rendered object stays kubectl-ready.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- returns the input's own (arbitrary JSON) shape
export function unwrapSecrets(value: unknown, replace: (secret: unknown) => unknown = (v) => v): any {
    if (isSecretValue(value)) return replaceLeaves(unwrapSecrets(value.value, replace), replace);
    if (Array.isArray(value)) return value.map((v) => unwrapSecrets(v, replace));
    if (typeof value === "object" && value !== null)
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v, replace)]));
    return value;
}

function replaceLeaves(value: unknown, replace: (secret: unknown) => unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => replaceLeaves(v, replace));
    if (typeof value === "object" && value !== null)
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceLeaves(v, replace)]));
    return replace(value);
}

export interface CapturedResource {
    readonly type: string;
    readonly name: string;
    /** The inputs as the engine would receive them (secrets still wrapped). */
    readonly inputs: KubeObject;
}

/**
 * Loads a compiled Pulumi program (a .js file or a folder with one) with mocks installed, waits until
 * every resource is registered, and returns them. `config` holds stack config without the project prefix.
 */
export async function captureProgram(program: string, project: string, config: Record<string, string>): Promise<CapturedResource[]> {
    const captured: CapturedResource[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                captured.push({ type: args.type, name: args.name, inputs: args.inputs });
                return { id: args.custom ? `${args.name}-id` : undefined, state: args.inputs };
            },
            call(args) {
                throw new Error(`the program calls ${args.token}, which needs a cluster or a cloud; an offline render cannot answer it`);
            },
        },
        project,
        "render",
        false,
    );
    for (const [key, value] of Object.entries(config)) pulumi.runtime.setConfig(key.includes(":") ? key : `${project}:${key}`, value);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the user's program, a path known only at run time
    require(path.resolve(program));
    await pulumi.runtime.disconnect();
    return captured;
}

/** The Kubernetes objects among captured resources, as manifests (apiVersion, kind, metadata, spec…). */
export function kubernetesObjects(resources: readonly CapturedResource[], replaceSecret?: (secret: unknown) => unknown): KubeObject[] {
    return resources
        .filter((r) => r.type.startsWith("kubernetes:") && typeof r.inputs.kind === "string")
        .map((r) => unwrapSecrets(r.inputs, replaceSecret));
}
