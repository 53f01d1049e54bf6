/**
 * What `render` writes: one kubectl-ready YAML stream for stdout, or one file per object for `-o DIR`.
 * Objects come in apply order (`applyOrder`), whether they came from a program or an args file, and files
 * are numbered in that order (`kubectl apply -f DIR` applies them in name order, so the namespace comes
 * first); each pod's litefs.yml goes under `litefs/<pod>/`, where a non-recursive `kubectl apply -f DIR`
 * does not look.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { dump } from "js-yaml";
import type { KubeObject } from "../k8s/manifests";
import type { Problem } from "../validation/problem";
import type { PodConfig } from "./pods";

export const HEADER = "# Offline render by pulumi-litefs: what `pulumi up` would create, computed without a cluster.";

const LITEFS_DIR = "litefs";
/** Names `render -o` writes, so a second render into the same directory may replace them. */
const RENDERED_FILE = /^\d{2,}-[a-z0-9]+-[a-z0-9.-]+\.yaml$/;

/** Keys in the order kubectl users read them; the rest alphabetically, whatever order the input had. */
const FIRST_KEYS = ["apiVersion", "kind", "metadata", "name", "namespace", "spec"];
function keyOrder(a: string, b: string): number {
    const rank = (key: string) => (FIRST_KEYS.includes(key) ? FIRST_KEYS.indexOf(key) : FIRST_KEYS.length);
    return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function toYaml(value: unknown): string {
    return dump(value, { lineWidth: -1, noRefs: true, sortKeys: keyOrder });
}

/** Kinds that others depend on come first; unlisted kinds (custom resources) last. */
const KIND_ORDER = ["Namespace", "NetworkPolicy", "ServiceAccount", "Secret", "ConfigMap", "Service", "StatefulSet", "PodDisruptionBudget"];

/**
 * A deterministic apply order: by kind, then namespace and name. A program's objects arrive in registration
 * order, which follows dependency resolution, so it cannot be used as it is.
 */
export function applyOrder(objects: readonly KubeObject[]): KubeObject[] {
    const rank = (o: KubeObject) => (KIND_ORDER.includes(o.kind) ? KIND_ORDER.indexOf(o.kind) : KIND_ORDER.length);
    const key = (o: KubeObject) => `${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;
    return [...objects].sort((a, b) => rank(a) - rank(b) || key(a).localeCompare(key(b)));
}

function commented(text: string): string {
    return text
        .trimEnd()
        .split("\n")
        .map((line) => `# ${line}`.trimEnd())
        .join("\n");
}

/** The whole render as one multi-document YAML stream; litefs.yml files as comments, so kubectl skips them. */
export function yamlStream(objects: readonly KubeObject[], configs: readonly PodConfig[]): string {
    const out = [HEADER, ...applyOrder(objects).map((o) => `---\n${toYaml(o)}`.trimEnd())];
    for (const { pod, role, litefsYaml } of configs)
        out.push(`---\n# litefs.yml that ${pod} (${role}) writes at start-up:\n${commented(litefsYaml)}`);
    return `${out.join("\n")}\n`;
}

export interface OutputFile {
    /** Relative to the output directory. */
    readonly path: string;
    readonly content: string;
}

export function outputFiles(objects: readonly KubeObject[], configs: readonly PodConfig[]): OutputFile[] {
    const width = Math.max(2, String(objects.length - 1).length);
    const files = applyOrder(objects).map((o, i) => ({
        rule: "cli-usage",
        path: `${String(i).padStart(width, "0")}-${String(o.kind).toLowerCase()}-${o.metadata.name}.yaml`,
        content: `${HEADER}\n${toYaml(o)}`,
    }));
    for (const { pod, role, litefsYaml } of configs)
        files.push({
            rule: "cli-usage",
            path: path.join(LITEFS_DIR, pod, "litefs.yml"),
            content: `# litefs.yml that ${pod} (${role}) writes at start-up.\n${litefsYaml}`,
        });
    return files;
}

/** True when `dir` holds only `<pod>/litefs.yml` files, as render writes them. */
function isRenderedLiteFsDir(dir: string): boolean {
    if (!fs.statSync(dir).isDirectory()) return false;
    return fs.readdirSync(dir, { withFileTypes: true }).every((pod) => {
        if (!pod.isDirectory()) return false;
        const files = fs.readdirSync(path.join(dir, pod.name));
        return files.every((f) => f === "litefs.yml");
    });
}

/**
 * Why `dir` cannot take a render, or an empty list. It may be missing, empty, or hold only what an earlier
 * render wrote: anything else might be the user's, and is never overwritten or deleted.
 */
export function outputDirProblems(dir: string): Problem[] {
    if (!fs.existsSync(dir)) return [];
    if (!fs.statSync(dir).isDirectory())
        return [
            { rule: "cli-usage", path: "-o", message: `${dir} exists and is not a directory.`, fix: "choose a new or empty directory." },
        ];
    const foreign = fs
        .readdirSync(dir)
        .filter((entry) => !RENDERED_FILE.test(entry) && !(entry === LITEFS_DIR && isRenderedLiteFsDir(path.join(dir, entry))));
    if (foreign.length === 0) return [];
    return [
        {
            rule: "cli-usage",
            path: "-o",
            message: `${dir} holds files render did not write (${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ", …" : ""}); they would be mixed with the render.`,
            fix: "choose a new or empty directory.",
        },
    ];
}

/** Replaces an earlier render in `dir` (checked by `outputDirProblems`) with `files`. */
export function writeOutputDir(dir: string, files: readonly OutputFile[]): void {
    if (fs.existsSync(dir)) for (const entry of fs.readdirSync(dir)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    for (const file of files) {
        const target = path.join(dir, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.content);
    }
}
