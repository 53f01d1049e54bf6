/**
 * Offline Kubernetes schema validation of plain manifests with kubernetes-models (the Kubernetes OpenAPI
 * schemas compiled to ajv validators, v4: CommonJS, Node 20). Its schemas allow unknown fields, so while
 * it validates, every property the validator reads is recorded: a field it never reads is not in the
 * schema, i.e. unknown or misspelt. That keeps the real Kubernetes schema the single source of field names.
 */
import { closest, type Problem } from "../validation/problem";

interface Model {
    toJSON(): unknown;
}
interface ModelClass {
    new (data: object): Model;
    readonly prototype: { validate(): void };
}
interface AjvError {
    readonly instancePath: string;
    readonly message?: string;
}

/**
 * The package the schemas come from: an optional peer dependency, so a user of LiteFsApp alone does not install
 * its 23 MB. `render` asks for it by this name when it is missing.
 */
export const SCHEMA_PACKAGE = "kubernetes-models";

/** Whether kubernetes-models can be loaded from where pulumi-litefs is installed. */
export function schemaPackageInstalled(): boolean {
    try {
        require.resolve(`${SCHEMA_PACKAGE}/v1/Namespace`);
        return true;
    } catch (error) {
        if ((error as { code?: string }).code === "MODULE_NOT_FOUND") return false;
        throw error;
    }
}

/** The kubernetes-models class for an apiVersion and kind, or undefined when it has none (e.g. a CRD). */
function modelFor(apiVersion: unknown, kind: unknown): ModelClass | undefined {
    if (typeof apiVersion !== "string" || typeof kind !== "string") return undefined;
    if (!/^([a-z0-9.-]+\/)?v\d+[a-z0-9]*$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the model module for a kind known only at run time
        return require(`${SCHEMA_PACKAGE}/${apiVersion}/${kind}`)[kind];
    } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === "MODULE_NOT_FOUND" || code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return undefined;
        throw error;
    }
}

/** `/spec/template/spec/containers/0/name` → `spec.template.spec.containers[0].name`. */
export function pointerToPath(pointer: string): string {
    return pointer
        .split("/")
        .slice(1)
        .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");
}

/** Wraps `value` so that every property read, at any depth, is added to `reads` as `<pointer>/<key>`. */
function recordReads(value: unknown, pointer: string, reads: Map<string, Set<string>>): unknown {
    if (typeof value !== "object" || value === null) return value;
    return new Proxy(value, {
        get(target, key, receiver) {
            const child = Reflect.get(target, key, receiver);
            if (typeof key !== "string") return child;
            const keys = reads.get(pointer) ?? new Set<string>();
            reads.set(pointer, keys);
            keys.add(key);
            return recordReads(child, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, reads);
        },
    });
}

function unknownFields(value: unknown, pointer: string, reads: Map<string, Set<string>>, kind: string, problems: Problem[]): void {
    if (typeof value !== "object" || value === null) return;
    const known = reads.get(pointer);
    // A subtree the validator never entered (its parent already failed) says nothing about its fields.
    if (!known) return;
    for (const [key, child] of Object.entries(value)) {
        const at = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        if (Array.isArray(value) || known.has(key)) {
            unknownFields(child, at, reads, kind, problems);
            continue;
        }
        const guess = closest(
            key,
            [...known].filter((k) => k !== key && k !== "length"),
        );
        problems.push({
            rule: "k8s-schema",
            path: pointerToPath(at),
            message: `is not a field of ${kind} in the Kubernetes API: kubectl's strict field validation refuses it, and otherwise the API server silently drops it.`,
            fix: guess ? `did you mean "${guess}"?` : "remove it.",
        });
    }
}

export type SchemaCheck = { checked: true; problems: Problem[] } | { checked: false };

/**
 * Validates one manifest against the Kubernetes schema for its apiVersion and kind: types, required
 * fields, formats and enums, plus fields the schema does not have. Paths are relative to the object.
 */
export function checkKubernetesSchema(manifest: Record<string, unknown>): SchemaCheck {
    const Model = modelFor(manifest.apiVersion, manifest.kind);
    if (!Model) return { checked: false };
    // The model drops undefined values, as serializing to YAML or JSON does.
    const data = new Model(manifest).toJSON();
    const reads = new Map<string, Set<string>>();
    const problems: Problem[] = [];
    try {
        Model.prototype.validate.call(recordReads(data, "", reads));
    } catch (error) {
        const errors = (error as { errors?: AjvError[] }).errors;
        if (!Array.isArray(errors)) throw error;
        const byPath = new Map<string, string[]>();
        for (const e of errors) {
            const messages = byPath.get(e.instancePath) ?? [];
            if (e.message && !messages.includes(e.message)) messages.push(e.message);
            byPath.set(e.instancePath, messages);
        }
        for (const [pointer, messages] of byPath)
            problems.push({
                rule: "k8s-schema",
                path: pointerToPath(pointer) || "(object)",
                message: `${messages.join("; ")} (Kubernetes schema).`,
                fix: "correct the argument that sets this field; if none does, report it as a pulumi-litefs bug.",
            });
    }
    unknownFields(data, "", reads, String(manifest.kind), problems);
    return { checked: true, problems };
}
