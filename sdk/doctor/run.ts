/**
 * `doctor`'s inputs and how they meet: a project folder is searched for its Dockerfile and litefs.yml
 * files; litefs.yml files and args files tell the Dockerfile check whether fuse.allow-other is on, and
 * give the commands the project check compares with the build output.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";
import { LITEFS_SCHEMA } from "../litefs/schema";
import { isPlainObject } from "../validation/values";
import { ARGS_FILE_EXTENSION } from "../render/args-file";
import { lintArgsFile } from "./args-file";
import { lintDockerfile } from "./dockerfile";
import { type Finding, sortFindings } from "./finding";
import { lintImage } from "./image";
import { type ExecCommand, lintLiteFsConfig } from "./litefs-config";
import { lintProject } from "./project";

export type InputKind = "project" | "dockerfile" | "litefs-config" | "args-file";

const LITEFS_CONFIG_NAME = /^litefs\.ya?ml$/;
const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)(\..+)?$|\.(Dockerfile|Containerfile)$/i;
/** How deep a project folder is searched for litefs.yml files, and what is never searched. */
const SEARCH_DEPTH = 3;
const SKIPPED_DIRS = new Set(["node_modules", "dist", "bin", "build", "out"]);

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
    let doc: unknown;
    try {
        doc = load(fs.readFileSync(input, "utf8"));
    } catch {
        // Unreadable YAML: if it was meant as a litefs.yml, the YAML error is the finding.
        return /\.ya?ml$/i.test(base) ? "litefs-config" : undefined;
    }
    if (!isPlainObject(doc)) return undefined;
    if ("args" in doc) return "args-file";
    return Object.keys(doc).some((key) => Object.hasOwn(LITEFS_SCHEMA, key)) ? "litefs-config" : undefined;
}

function findLiteFsConfigs(dir: string, depth = 0): string[] {
    if (depth > SEARCH_DEPTH) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory())
            return entry.name.startsWith(".") || SKIPPED_DIRS.has(entry.name) ? [] : findLiteFsConfigs(full, depth + 1);
        return LITEFS_CONFIG_NAME.test(entry.name) ? [full] : [];
    });
}

export interface DoctorOptions {
    readonly paths: readonly string[];
    readonly images: readonly string[];
    /** Commands LiteFS will run, given on the command line (`--exec`). */
    readonly exec: readonly string[];
}

export interface DoctorReport {
    /** The inputs given, the files found in project folders, and `--image` when given. */
    readonly inputs: string[];
    readonly findings: Finding[];
}

/** An input `doctor` cannot take: it does not exist, or it is none of the kinds doctor checks. */
export class DoctorInputError extends Error {}

/** Runs every check on the inputs. Throws `DoctorInputError` for an input it cannot take. */
export function runDoctor(options: DoctorOptions): DoctorReport {
    const projects: string[] = [];
    const dockerfiles: string[] = [];
    const configs: string[] = [];
    const argsFiles: string[] = [];
    for (const input of options.paths) {
        if (!fs.existsSync(input)) throw new DoctorInputError(`${input} does not exist.`);
        const kind = classify(input);
        if (kind === undefined)
            throw new DoctorInputError(
                `cannot tell what ${input} is: give a project folder, a Dockerfile, a litefs.yml, or a LiteFsApp args file (.yaml/.json with args:).`,
            );
        if (kind === "project") {
            projects.push(input);
            const dockerfile = path.join(input, "Dockerfile");
            if (fs.existsSync(dockerfile)) dockerfiles.push(dockerfile);
            configs.push(...findLiteFsConfigs(input));
        } else ({ dockerfile: dockerfiles, "litefs-config": configs, "args-file": argsFiles })[kind].push(input);
    }

    const findings: Finding[] = [];
    const commands: ExecCommand[] = options.exec.map((command) => ({ command, file: "--exec", path: "--exec" }));
    const allowOther: (boolean | undefined)[] = [];
    for (const file of configs) {
        const lint = lintLiteFsConfig(fs.readFileSync(file, "utf8"), file);
        findings.push(...lint.findings);
        commands.push(...lint.commands);
        allowOther.push(lint.allowOther);
    }
    for (const file of argsFiles) {
        const lint = lintArgsFile(file);
        findings.push(...lint.findings);
        commands.push(...lint.commands);
        allowOther.push(lint.allowOther);
    }
    const context = { allowOther: allowOther.includes(true) ? true : allowOther.includes(false) ? false : undefined };
    let workdir: string | undefined;
    for (const file of dockerfiles) {
        const lint = lintDockerfile(fs.readFileSync(file, "utf8"), file, context);
        findings.push(...lint.findings);
        workdir ??= lint.workdir;
    }
    for (const image of options.images) findings.push(...lintImage(image, { file: "--image" }));
    for (const dir of projects) findings.push(...lintProject(dir, commands, workdir));

    const inputs = [...new Set([...options.paths, ...dockerfiles, ...configs])];
    if (options.images.length > 0) inputs.push("--image");
    return { inputs, findings: sortFindings(findings) };
}
