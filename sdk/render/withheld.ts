/**
 * Objects `render` never writes as applicable objects: those holding a placeholder for a Pulumi secret.
 * Applied as they are (`kubectl apply`, Argo CD, Flux), they would overwrite the real Secret in the cluster
 * with the placeholder text; so they are shown as a commented example with how to provide them instead.
 */
import type { KubeObject } from "../k8s/manifests";

/** What a secret value is shown as: never the value, and plainly not one. */
export const SECRET_PLACEHOLDER = "<secret: set at deploy time>";

function holdsPlaceholder(value: unknown): boolean {
    if (value === SECRET_PLACEHOLDER) return true;
    if (Array.isArray(value)) return value.some(holdsPlaceholder);
    return typeof value === "object" && value !== null && Object.values(value).some(holdsPlaceholder);
}

export interface Partitioned {
    /** Objects safe to apply as rendered. */
    readonly applicable: KubeObject[];
    /** Objects with placeholder values: shown as examples only. */
    readonly withheld: KubeObject[];
}

export function partitionWithheld(objects: readonly KubeObject[]): Partitioned {
    return {
        applicable: objects.filter((o) => !holdsPlaceholder(o)),
        withheld: objects.filter((o) => holdsPlaceholder(o)),
    };
}

/** The keys of a withheld Secret, for the message that says what to provide. */
function secretKeys(object: KubeObject): string[] {
    return Object.keys({ ...(object.data ?? {}), ...(object.stringData ?? {}) });
}

/** Why the object is not written, and the three ways to provide it. One line per entry, no comment marks. */
export function withheldNote(object: KubeObject): string[] {
    const name = object.metadata?.name;
    const namespace = object.metadata?.namespace ?? "default";
    const keys = secretKeys(object);
    return [
        `${object.kind} ${name} (namespace ${namespace}${keys.length > 0 ? `, keys ${keys.join(", ")}` : ""}) is not written as an object:`,
        "its values are Pulumi secrets, shown as placeholders, and applying it would overwrite the real one.",
        "Provide it in the cluster instead, under this name and with these keys:",
        `  - an existing Secret: create it out of band (kubectl create secret generic ${name} -n ${namespace} --from-literal=KEY=…),`,
        "    or better, move each entry from env to secretEnv: { KEY: { secretName, key } } so that LiteFsApp reads a Secret you own;",
        `  - Sealed Secrets: kubeseal the Secret into a SealedSecret named ${name} and commit that;`,
        `  - External Secrets: an ExternalSecret whose target.name is ${name}, filled from your secret store.`,
    ];
}
