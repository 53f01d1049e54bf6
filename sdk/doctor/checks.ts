/**
 * `doctor`'s inputs and how they meet: a project folder is searched for its Dockerfile and litefs.yml
 * files; litefs.yml files and args files tell the Dockerfile check whether fuse.allow-other is on, and
 * give the commands the project check compares with the build output.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadYaml } from "../validation/yaml-source";
import { LITEFS_SCHEMA } from "../litefs/schema";
import { isPlainObject } from "../validation/values";
import { ARGS_FILE_EXTENSION } from "../render/args-file";
import { lintArgsFile } from "./args-file";
import { lintDockerfile } from "./dockerfile";
import { type Finding, sortFindings } from "./finding";
import { lintImage } from "./app-image";
import { type ExecCommand, lintLiteFsConfig } from "./litefs-config";
import { loadTypeScript, lintProject } from "./project";

export type InputKind = "project" | "dockerfile" | "litefs-config" | "args-file";

const LITEFS_CONFIG_NAME = /^litefs\.ya?ml$/;
const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)(\..+)?$|\.(Dockerfile|Containerfile)$/i;
/** How deep a project folder is searched for litefs.yml files, and what is never searched. */
const SEARCH_DEPTH = 3;
const SKIPPED_DIRS = new Set(["node_modules", "dist", "bin", "build", "out"]);

/** The top-level keys a YAML or JSON file seems to have, read line by line: for a file that does not parse. */
function topLevelKeys(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    return [...text.matchAll(/^(?:([A-Za-z_][\w-]*)|\{?\s*"([A-Za-z_][\w-]*)")\s*:/gm)].map((m) => m[1] ?? m[2]);
}

/** The parsed YAML or JSON document, or undefined when it is not a mapping (or not YAML at all). */
function readMapping(file: string): Record<string, unknown> | "unparsable" | undefined {
    try {
        const doc: unknown = loadYaml(fs.readFileSync(file, "utf8"));
        return isPlainObject(doc) ? doc : undefined;
    } catch {
        return "unparsable";
    }
}

/**
 * What an input is: a folder, a Dockerfile by name, a litefs.yml by name; any other YAML or JSON file by
 * its keys (`args:` for an args file, a LiteFS key such as `lease:` for a litefs.yml). Undefined if unknown.
 */
export function classify(input: string): InputKind | undefined {
    const stat = fs.statSync(input);
    if (stat.isDirectory()) return "project";
    const base = path.basename(input);
    if (DOCKERFILE_NAME.test(base)) return "dockerfile";
    if (LITEFS_CONFIG_NAME.test(base)) return "litefs-config";
    if (!ARGS_FILE_EXTENSION.test(base)) return undefined;
    const doc = readMapping(input);
    // Unreadable YAML or JSON: the YAML error is the finding, for the kind of file its top-level keys say it is.
    if (doc === "unparsable")
        return topLevelKeys(input).includes("args") ? "args-file" : /\.ya?ml$/i.test(base) ? "litefs-config" : undefined;
    if (doc === undefined) return undefined;
    if ("args" in doc) return "args-file";
    return Object.keys(doc).some((key) => Object.hasOwn(LITEFS_SCHEMA, key)) ? "litefs-config" : undefined;
}

/** JSON files every Node project has, never args files: not worth parsing. */
const NOT_ARGS_FILES = /^(package(-lock)?|tsconfig(\..+)?|jsconfig|\.?eslintrc|\.?prettierrc)\.json$/i;

/**
 * An args file found in a project folder: YAML or JSON with both `name:` and `args:` at the top, as render
 * takes it. Both keys are required here (a file given by path needs only `args:`), so that a project's
 * other YAML (CI workflows, Compose files, Pulumi stack files) is never mistaken for one.
 */
function isArgsFile(file: string): boolean {
    if (!ARGS_FILE_EXTENSION.test(file) || NOT_ARGS_FILES.test(path.basename(file))) return false;
    const doc = readMapping(file);
    // One that does not parse is still checked, when its lines show both keys: its YAML error is the finding.
    const keys = doc === "unparsable" ? topLevelKeys(file) : Object.keys(doc ?? {});
    return keys.includes("name") && keys.includes("args");
}

interface ProjectFiles {
    readonly configs: string[];
    readonly argsFiles: string[];
    /** Folders not searched: dependencies and build output. */
    readonly skipped: string[];
}

/** The build output folder tsconfig.json names (compilerOptions.outDir), when TypeScript can read it. */
function outDirOf(dir: string): string | undefined {
    const tsconfig = path.join(dir, "tsconfig.json");
    const ts = fs.existsSync(tsconfig) ? loadTypeScript(dir) : undefined;
    const outDir = ts?.readConfigFile(tsconfig, ts.sys.readFile).config?.compilerOptions?.outDir;
    return typeof outDir === "string" ? path.resolve(dir, outDir) : undefined;
}

function findProjectFiles(dir: string, depth = 0, outDir = outDirOf(dir)): ProjectFiles {
    const found: ProjectFiles = { configs: [], argsFiles: [], skipped: [] };
    if (depth > SEARCH_DEPTH) return found;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name.startsWith(".")) continue;
            if (SKIPPED_DIRS.has(entry.name) || path.resolve(full) === outDir) {
                found.skipped.push(full);
                continue;
            }
            const sub = findProjectFiles(full, depth + 1, outDir);
            found.configs.push(...sub.configs);
            found.argsFiles.push(...sub.argsFiles);
            found.skipped.push(...sub.skipped);
        } else if (LITEFS_CONFIG_NAME.test(entry.name)) found.configs.push(full);
        else if (entry.isFile() && isArgsFile(full)) found.argsFiles.push(full);
    }
    return found;
}

/** The folder of the nearest tsconfig.json at or above `file`'s folder: the TypeScript build its commands run. */
export function buildRoot(file: string): string | undefined {
    for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "tsconfig.json"))) return dir;
        if (path.dirname(dir) === dir) return undefined;
    }
}

export interface DoctorOptions {
    readonly paths: readonly string[];
    readonly images: readonly string[];
    /** Commands LiteFS will run, given on the command line (`--exec`). */
    readonly exec: readonly string[];
    /** `--sidecar`: check the app image for sidecar mode even without an args file saying so. */
    readonly sidecar?: boolean;
}

export interface DoctorReport {
    /** The inputs given, the files found in project folders, and `--image` when given. */
    readonly inputs: string[];
    /** Folders in project folders that were not searched: dependencies (node_modules) and build output. */
    readonly skipped: string[];
    readonly findings: Finding[];
}

/** An input `doctor` cannot take: it does not exist, or it is none of the kinds doctor checks. */
export class DoctorInputError extends Error {}

/** The inputs hold nothing doctor knows how to check: saying "no problems" would be a false all-clear. */
export class NothingToCheckError extends DoctorInputError {}

const CHECKED_KINDS = "a Dockerfile, a litefs.yml, or a LiteFsApp args file (YAML or JSON with name: and args:, as render takes)";

/** Runs every check on the inputs. Throws `DoctorInputError` for an input it cannot take. */
export function runDoctor(options: DoctorOptions): DoctorReport {
    const projects: string[] = [];
    const dockerfiles: string[] = [];
    const configs: string[] = [];
    const argsFiles: string[] = [];
    const skipped: string[] = [];
    for (const input of options.paths) {
        if (!fs.existsSync(input)) throw new DoctorInputError(`${input} does not exist.`);
        const kind = classify(input);
        if (kind === undefined) throw new DoctorInputError(`cannot tell what ${input} is: give a project folder, ${CHECKED_KINDS}.`);
        if (kind === "project") {
            projects.push(input);
            const dockerfile = path.join(input, "Dockerfile");
            if (fs.existsSync(dockerfile)) dockerfiles.push(dockerfile);
            const found = findProjectFiles(input);
            configs.push(...found.configs);
            argsFiles.push(...found.argsFiles);
            skipped.push(...found.skipped);
        } else ({ dockerfile: dockerfiles, "litefs-config": configs, "args-file": argsFiles })[kind].push(input);
    }
    if (dockerfiles.length + configs.length + argsFiles.length + options.images.length === 0)
        throw new NothingToCheckError(
            `nothing to check in ${options.paths.join(", ")}: doctor found no Dockerfile, no litefs.yml and no args file. ` +
                `Give ${CHECKED_KINDS}, or an image with --image.`,
        );

    const findings: Finding[] = [];
    const exec: ExecCommand[] = options.exec.map((command) => ({ command, file: "--exec", path: "--exec" }));
    /** Each file's commands, to check against the build of the project the file belongs to. */
    const commandsOf = new Map<string, ExecCommand[]>();
    const allowOther: (boolean | undefined)[] = [];
    let sidecar = options.sidecar === true;
    for (const file of configs) {
        const lint = lintLiteFsConfig(fs.readFileSync(file, "utf8"), file);
        findings.push(...lint.findings);
        commandsOf.set(file, lint.commands);
        allowOther.push(lint.allowOther);
    }
    for (const file of argsFiles) {
        const lint = lintArgsFile(file);
        findings.push(...lint.findings);
        commandsOf.set(file, lint.commands);
        allowOther.push(lint.allowOther);
        sidecar ||= lint.sidecar;
    }
    const context = {
        allowOther: allowOther.includes(true) ? true : allowOther.includes(false) ? false : undefined,
        sidecar,
        commands: [...exec, ...[...commandsOf.values()].flat()].map((c) => c.command),
    };
    let workdir: string | undefined;
    for (const file of dockerfiles) {
        const lint = lintDockerfile(fs.readFileSync(file, "utf8"), file, context);
        findings.push(...lint.findings);
        workdir ??= lint.workdir;
    }
    for (const image of options.images) findings.push(...lintImage(image, { file: "--image" }));
    const allCommands = [...exec, ...[...commandsOf.values()].flat()];
    for (const dir of projects) findings.push(...lintProject(dir, allCommands, workdir));
    // A file given by path (doctor app.yaml) is checked against the build of the nearest tsconfig.json above it,
    // unless a project folder given alongside already holds it.
    const inProject = (file: string) => projects.some((dir) => !path.relative(dir, file).startsWith(".."));
    const byBuild = new Map<string, ExecCommand[]>();
    for (const [file, commands] of commandsOf) {
        const root = inProject(file) ? undefined : buildRoot(file);
        if (root !== undefined) byBuild.set(root, [...(byBuild.get(root) ?? (projects.length === 0 ? exec : [])), ...commands]);
    }
    for (const [dir, commands] of byBuild) {
        const dockerfile = path.join(dir, "Dockerfile");
        const imageWorkdir =
            workdir ?? (fs.existsSync(dockerfile) ? lintDockerfile(fs.readFileSync(dockerfile, "utf8"), dockerfile).workdir : undefined);
        findings.push(...lintProject(dir, commands, imageWorkdir));
    }

    const inputs = [...new Set([...options.paths, ...dockerfiles, ...configs, ...argsFiles])];
    if (options.images.length > 0) inputs.push("--image");
    return { inputs, skipped, findings: sortFindings(findings) };
}
