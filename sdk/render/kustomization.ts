/**
 * The kustomization.yaml `render -o DIR` writes beside the objects, for GitOps: Argo CD and Flux build a
 * folder with one as a Kustomize app, and `kubectl apply -k DIR` applies it. render owns the entries of
 * `resources:` that name files it wrote; every other key and entry (patches, a namespace, a SealedSecret the
 * user added) is the user's, kept as it is on every render.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { dump } from "js-yaml";
import { loadYaml } from "../validation/yaml-source";
import { isPlainObject } from "../validation/values";
import type { Problem } from "../validation/problem";

export const KUSTOMIZATION_FILE = "kustomization.yaml";

const HEADER =
    "# Written by pulumi-litefs render. Apply with `kubectl apply -k <this folder>` (Argo CD and Flux read it as a Kustomize app).\n" +
    "# render rewrites the resources it wrote on each run; keys and resources you add are kept.\n";

export type ExistingKustomization = { ok: true; doc: Record<string, unknown> | undefined } | { ok: false; problem: Problem };

/** The kustomization.yaml already in `dir` (undefined when there is none), or why render cannot update it. */
export function readKustomization(dir: string): ExistingKustomization {
    const file = path.join(dir, KUSTOMIZATION_FILE);
    if (!fs.existsSync(file)) return { ok: true, doc: undefined };
    const refuse = (message: string): ExistingKustomization => ({
        ok: false,
        problem: {
            rule: "cli-usage",
            path: "-o",
            message: `${file} ${message}`,
            fix: "fix it, or remove it and let render write a new one.",
        },
    });
    let doc: unknown;
    try {
        doc = loadYaml(fs.readFileSync(file, "utf8"));
    } catch (error) {
        return refuse(`is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    }
    if (doc === undefined || doc === null) return { ok: true, doc: {} };
    if (!isPlainObject(doc)) return refuse("is not a mapping, as a Kustomization is.");
    const { resources } = doc;
    if (resources !== undefined && resources !== null && !(Array.isArray(resources) && resources.every((r) => typeof r === "string")))
        return refuse("has resources: that is not a list of file names.");
    return { ok: true, doc };
}

/** The user's resources: every entry of an existing kustomization.yaml that is not a file render writes. */
export function userResources(doc: Record<string, unknown> | undefined, isRendered: (entry: string) => boolean): string[] {
    const resources = (doc?.resources ?? []) as string[];
    return resources.filter((entry) => !isRendered(entry));
}

/** The new kustomization.yaml: the existing one's keys, its user resources, then the files render wrote. */
export function kustomizationText(
    existing: Record<string, unknown> | undefined,
    user: readonly string[],
    rendered: readonly string[],
): string {
    const doc = {
        apiVersion: "kustomize.config.k8s.io/v1beta1",
        kind: "Kustomization",
        ...existing,
        resources: [...user, ...rendered],
    };
    return HEADER + dump(doc, { lineWidth: -1, noRefs: true });
}
