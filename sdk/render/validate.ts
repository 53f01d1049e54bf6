/**
 * The gate every rendered object and litefs.yml passes before `render` writes anything. Problem paths
 * name the object (`StatefulSet/abaci-app.spec.replicas`) or the pod's config (`litefs.yml of abaci-app-0:
 * lease.candidate`), so one message points at one field.
 */
import { loadYaml } from "../validation/yaml-source";
import type { KubeObject } from "../k8s/manifests";
import { checkLiteFsConfig } from "../litefs/schema";
import type { Problem } from "../validation/problem";
import { checkKubernetesRules } from "./k8s-rules";
import { checkKubernetesSchema } from "./k8s-schema";

export function objectLabel(manifest: KubeObject): string {
    return `${manifest.kind ?? "(no kind)"}/${manifest.metadata?.name ?? "(no name)"}`;
}

export interface ObjectsCheck {
    readonly problems: Problem[];
    /** Objects of a kind kubernetes-models has no schema for (e.g. custom resources): only our own rules ran. */
    readonly unchecked: string[];
}

export function validateObjects(objects: readonly KubeObject[]): ObjectsCheck {
    const problems: Problem[] = [];
    const unchecked: string[] = [];
    for (const manifest of objects) {
        const label = objectLabel(manifest);
        const schema = checkKubernetesSchema(manifest);
        if (!schema.checked) unchecked.push(`${manifest.apiVersion} ${label}`);
        const found = [...(schema.checked ? schema.problems : []), ...checkKubernetesRules(manifest)];
        problems.push(...found.map((p) => ({ ...p, path: `${label}.${p.path}` })));
    }
    return { problems, unchecked };
}

/** Checks the text of a litefs.yml as LiteFS 0.5 would decode it. `where` names the file in paths. */
export function validateLiteFsYaml(text: string, where: string): Problem[] {
    let config: unknown;
    try {
        config = loadYaml(text);
    } catch (error) {
        return [
            { rule: "file-syntax", path: where, message: `is not valid YAML: ${(error as Error).message}`, fix: "fix the YAML syntax." },
        ];
    }
    return checkLiteFsConfig(config).map((p) => ({ ...p, path: `${where}: ${p.path}` }));
}
