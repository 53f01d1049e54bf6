/**
 * What `render` writes: one kubectl-ready YAML stream for stdout, or one file per object for `-o DIR`.
 * Objects come in apply order (`applyOrder`), whether they came from a program or an args file, and files
 * are numbered in that order, listed in that order in DIR's kustomization.yaml (`kubectl apply -k DIR`).
 * Each pod's litefs.yml goes under `litefs/<pod>/` and withheld objects under `secrets/`: neither is listed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { dump } from "js-yaml";
import { GITOPS_KEEP_ANNOTATIONS } from "../data-protection";
import type { KubeObject } from "../k8s/manifests";
import type { Problem } from "../validation/problem";
import { KUSTOMIZATION_FILE, kustomizationText, readKustomization, userResources } from "./kustomization";
import type { PodConfig } from "./pods";
import { withheldNote } from "./withheld";

export const HEADER = "# Offline render by pulumi-litefs: what `pulumi up` would create, computed without a cluster.";

/** Whether an object carries every annotation that keeps Argo CD and Flux from pruning or deleting it. */
function keptByGitOps(object: KubeObject): boolean {
    const annotations: Record<string, unknown> = object.metadata?.annotations ?? {};
    return Object.entries(GITOPS_KEEP_ANNOTATIONS).every(([key, value]) => annotations[key] === value);
}

/**
 * The render's header: what it is, then what protects the data (read from the objects themselves, so a program's
 * render says it as truly as an args file's): the Namespace's deletion deletes every PVC in it.
 */
export function renderHeader(objects: readonly KubeObject[]): string {
    const guarded = applyOrder(objects).filter((o) => o.kind === "Namespace" || o.kind === "StatefulSet");
    const kept = guarded.filter(keptByGitOps);
    const names = (list: readonly KubeObject[]) => list.map((o) => `${o.kind} ${o.metadata.name}`).join(" and ");
    const annotations = Object.entries(GITOPS_KEEP_ANNOTATIONS)
        .map(([key, value]) => `${key}: ${value}`)
        .join(" and ");
    const lines =
        kept.length > 0
            ? [
                  `# Data protection (dataProtection: protect or retain): ${names(kept)} carry ${annotations}:`,
                  "# Argo CD and Flux never prune or delete them, so the PVCs (the database) stay. `kubectl delete -k` of this",
                  "# folder ignores annotations and still deletes the Namespace with every PVC in it.",
              ]
            : guarded.length > 0
              ? [
                    `# Data protection: none. A GitOps prune, or \`kubectl delete -k\` of this folder, deletes ${names(guarded)}, and with the`,
                    "# Namespace every PVC in it (the database). Set dataProtection: retain (the default) to keep them.",
                ]
              : [];
    return [HEADER, ...lines].join("\n");
}

const LITEFS_DIR = "litefs";
/** Where the examples of objects render withholds (Secrets with placeholder values) go. */
const WITHHELD_DIR = "secrets";
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

/** A withheld object as a commented example: why it is not written, how to provide it, then the object. */
function withheldExample(object: KubeObject): string {
    return `${commented(withheldNote(object).join("\n"))}\n#\n${commented(toYaml(object))}`;
}

/**
 * The whole render as one multi-document YAML stream; litefs.yml files and withheld objects as comments,
 * so kubectl skips them.
 */
export function yamlStream(objects: readonly KubeObject[], withheld: readonly KubeObject[], configs: readonly PodConfig[]): string {
    const out = [renderHeader(objects), ...applyOrder(objects).map((o) => `---\n${toYaml(o)}`.trimEnd())];
    for (const object of applyOrder(withheld)) out.push(`---\n${withheldExample(object)}`);
    for (const { pod, role, litefsYaml } of configs)
        out.push(`---\n# litefs.yml that ${pod} (${role}) writes at start-up:\n${commented(litefsYaml)}`);
    return `${out.join("\n")}\n`;
}

export interface OutputFile {
    /** Relative to the output directory. */
    readonly path: string;
    readonly content: string;
}

/** Where a withheld object's example goes: an extension no kubectl, Kustomize, Argo CD or Flux reads as YAML. */
function withheldPath(object: KubeObject): string {
    return path.join(WITHHELD_DIR, `${String(object.kind).toLowerCase()}-${object.metadata.name}.yaml.example`);
}

/**
 * The files of `-o DIR`: one per object, numbered in apply order; the examples of withheld objects under
 * `secrets/`; each pod's litefs.yml under `litefs/`; and kustomization.yaml, listing the objects after the
 * resources the user added to an existing one.
 */
export function outputFiles(
    objects: readonly KubeObject[],
    withheld: readonly KubeObject[],
    configs: readonly PodConfig[],
    existing?: Record<string, unknown>,
): OutputFile[] {
    const width = Math.max(2, String(objects.length - 1).length);
    const header = renderHeader(objects);
    const files = applyOrder(objects).map((o, i) => ({
        path: `${String(i).padStart(width, "0")}-${String(o.kind).toLowerCase()}-${o.metadata.name}.yaml`,
        content: `${header}\n${toYaml(o)}`,
    }));
    const rendered = files.map((f) => f.path);
    for (const object of applyOrder(withheld)) files.push({ path: withheldPath(object), content: `${withheldExample(object)}\n` });
    for (const { pod, role, litefsYaml } of configs)
        files.push({
            path: path.join(LITEFS_DIR, pod, "litefs.yml"),
            content: `# litefs.yml that ${pod} (${role}) writes at start-up.\n${litefsYaml}`,
        });
    const user = userResources(existing, (entry) => RENDERED_FILE.test(entry));
    files.push({ path: KUSTOMIZATION_FILE, content: kustomizationText(existing, user, rendered) });
    return files;
}

/** True when `dir` is a folder whose every entry passes `ok` (a folder render writes and owns). */
function isRenderedDir(dir: string, ok: (entry: fs.Dirent) => boolean): boolean {
    return fs.statSync(dir).isDirectory() && fs.readdirSync(dir, { withFileTypes: true }).every(ok);
}

/** Whether `entry` of the output directory is something render wrote, and may replace. */
function isRenderedEntry(dir: string, entry: string): boolean {
    if (RENDERED_FILE.test(entry)) return true;
    const full = path.join(dir, entry);
    if (entry === LITEFS_DIR)
        return isRenderedDir(
            full,
            (pod) => pod.isDirectory() && fs.readdirSync(path.join(full, pod.name)).every((f) => f === "litefs.yml"),
        );
    if (entry === WITHHELD_DIR) return isRenderedDir(full, (f) => f.isFile() && f.name.endsWith(".yaml.example"));
    return false;
}

/** What `dir` holds that render did not write: the kustomization.yaml and what it lists are the user's to keep. */
function userEntries(existing: Record<string, unknown> | undefined): Set<string> {
    const listed = userResources(existing, () => false).map((entry) => path.normalize(entry).split(path.sep)[0]);
    return new Set([KUSTOMIZATION_FILE, ...listed]);
}

export type OutputDirCheck = { ok: true; kustomization?: Record<string, unknown> } | { ok: false; problems: Problem[] };

/**
 * Whether `dir` can take a render. It may be missing, empty, or hold what an earlier render wrote, a
 * kustomization.yaml, and the files that kustomization lists; anything else might be the user's and is
 * never overwritten or deleted.
 */
export function checkOutputDir(dir: string): OutputDirCheck {
    if (!fs.existsSync(dir)) return { ok: true };
    if (!fs.statSync(dir).isDirectory())
        return {
            ok: false,
            problems: [
                {
                    rule: "cli-usage",
                    path: "-o",
                    message: `${dir} exists and is not a directory.`,
                    fix: "choose a new or empty directory.",
                },
            ],
        };
    const kustomization = readKustomization(dir);
    if (!kustomization.ok) return { ok: false, problems: [kustomization.problem] };
    const kept = userEntries(kustomization.doc);
    const foreign = fs.readdirSync(dir).filter((entry) => !isRenderedEntry(dir, entry) && !kept.has(entry));
    if (foreign.length === 0) return { ok: true, kustomization: kustomization.doc };
    return {
        ok: false,
        problems: [
            {
                rule: "cli-usage",
                path: "-o",
                message: `${dir} holds files render did not write (${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ", …" : ""}); they would be mixed with the render.`,
                fix: `choose a new or empty directory, or list your own files in ${path.join(dir, KUSTOMIZATION_FILE)}'s resources: so that render keeps them.`,
            },
        ],
    };
}

/** Replaces an earlier render in `dir` (checked by `checkOutputDir`) with `files`, keeping the user's entries. */
export function writeOutputDir(dir: string, files: readonly OutputFile[]): void {
    if (fs.existsSync(dir))
        for (const entry of fs.readdirSync(dir))
            if (isRenderedEntry(dir, entry)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    for (const file of files) {
        const target = path.join(dir, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.content);
    }
}
