/**
 * The args-file input of `render` and `doctor`: a YAML or JSON file holding one LiteFsApp's instance name
 * and arguments, exactly as a program would pass them to `new LiteFsApp(name, args)`:
 *
 *     name: abaci-app
 *     args:
 *       image: ghcr.io/org/app@sha256:…
 *       port: 3000
 *       command: node server.js
 *
 * The objects come from `planApp` and `appManifests`, the code the component runs, so the file renders
 * exactly what the component would create for the same arguments.
 */
import * as fs from "node:fs";
import type { LiteFsAppArgs } from "../args";
import type { KubeObject } from "../k8s/manifests";
import { appManifests, manifestList } from "../k8s/manifests";
import { type AppPlan, planApp } from "../plan";
import { closest, type FileProblem, type Problem } from "../validation/problem";
import { isPlainObject } from "../validation/values";
import { parseYamlSource, type YamlSource } from "../validation/yaml-source";

const TOP_LEVEL_KEYS = ["name", "args"] as const;

/** File names `render` and `doctor` read as args files (anything else is a program or another input). */
export const ARGS_FILE_EXTENSION = /\.(ya?ml|json)$/i;

export interface ArgsFile {
    readonly file: string;
    /** Problems with the file itself (e.g. unknown top-level keys), reported with the argument problems. */
    readonly problems: FileProblem[];
    readonly name: string;
    readonly args: LiteFsAppArgs;
    /** The parsed document, to find the line of any `name` or `args.…` path. */
    readonly source: YamlSource;
}

export type ArgsFileResult = { ok: true; argsFile: ArgsFile } | { ok: false; problems: FileProblem[] };

function shapeProblems(value: unknown): Problem[] {
    if (!isPlainObject(value))
        return [
            {
                rule: "args-file",
                path: "(file)",
                message: "must be a mapping with name: and args:.",
                fix: "see `pulumi-litefs render --help`.",
            },
        ];
    const doc = value;
    const problems: Problem[] = [];
    for (const key of Object.keys(doc))
        if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
            const guess = closest(key, TOP_LEVEL_KEYS);
            problems.push({
                rule: "args-file",
                path: key,
                message: "is not a key of an args file, which holds only name: and args:.",
                fix: guess ? `did you mean "${guess}"?` : "move LiteFsApp arguments under args:.",
            });
        }
    const missing = (key: string) => !Object.hasOwn(doc, key) || doc[key] === null || doc[key] === "";
    if (missing("name"))
        problems.push({
            rule: "args-file",
            path: "name",
            message: "is required: the LiteFsApp instance name, e.g. abaci-app.",
            fix: "add name: <instance name>.",
        });
    else if (typeof doc.name !== "string")
        problems.push({
            rule: "args-file",
            path: "name",
            message: `must be text, the LiteFsApp instance name, got ${kindOf(doc.name)}.`,
            fix: "write the instance name, a DNS label starting with a letter, e.g. name: abaci-app.",
        });
    if (missing("args"))
        problems.push({
            rule: "args-file",
            path: "args",
            message: "is required: a mapping of LiteFsApp arguments (image, port, command, …).",
            fix: "add args: with at least image, port and command.",
        });
    else if (!isPlainObject(doc.args))
        problems.push({
            rule: "args-file",
            path: "args",
            message: `must be a mapping of LiteFsApp arguments (image, port, command, …), got ${kindOf(doc.args)}.`,
            fix: Array.isArray(doc.args)
                ? 'write each argument as key: value under args:, without "- " in front.'
                : "write the arguments under args:, one key: value a line, indented.",
        });
    else if ("image" in doc.args && typeof doc.args.image !== "string")
        problems.push({
            rule: "args-file",
            path: "args.image",
            message: "must be a string in an args file.",
            fix: "write the image reference, e.g. ghcr.io/org/app@sha256:….",
        });
    return problems;
}

/** A YAML value in a user's words: "a list", "a mapping", "the number 123". */
function kindOf(value: unknown): string {
    if (Array.isArray(value)) return "a list";
    if (isPlainObject(value)) return "a mapping";
    return `the ${typeof value === "string" ? "text" : typeof value} ${JSON.stringify(value)}`;
}

/** Reads and checks an args file's shape: no unknown top-level keys, a name, an args mapping. */
export function readArgsFile(file: string): ArgsFileResult {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        return {
            ok: false,
            problems: [
                {
                    rule: "args-file",
                    file,
                    path: "(file)",
                    message: `cannot be read: ${(error as Error).message}`,
                    fix: "check the path and its permissions.",
                },
            ],
        };
    }
    const parsed = parseYamlSource(text, file);
    if (!parsed.ok)
        return {
            ok: false,
            problems: [
                {
                    rule: "file-syntax",
                    file,
                    line: parsed.line,
                    path: "(file)",
                    message: parsed.severalDocuments ? `${parsed.message} An args file holds one app.` : parsed.message,
                    fix: parsed.severalDocuments
                        ? "one app per file: move each document after a --- into a file of its own, and render each."
                        : "fix the YAML syntax at that line.",
                },
            ],
        };
    const { source } = parsed;
    const problems = shapeProblems(source.value).map((p) => locate(file, source, p));
    // Arguments can be checked as long as there are a name and arguments: all problems are reported at once.
    if (problems.some((p) => p.path === "(file)" || p.path === "name" || p.path.startsWith("args"))) return { ok: false, problems };
    const doc = source.value as { name: string; args: LiteFsAppArgs };
    return { ok: true, argsFile: { file, problems, name: doc.name, args: doc.args, source } };
}

/** A problem about a path of the file, with the line it is on. */
export function locate(file: string, source: YamlSource, problem: Problem): FileProblem {
    return { ...problem, file, line: problem.path === "(file)" ? undefined : source.lineOf(problem.path) };
}

export type ArgsFilePlan = { ok: true; plan: AppPlan; warnings: string[] } | { ok: false; problems: FileProblem[] };

/** The plan for the file's app, as the component would make it, or every problem located at its line. */
export function planArgsFile(argsFile: ArgsFile): ArgsFilePlan {
    const result = planApp(argsFile.name, argsFile.args);
    const problems = [...argsFile.problems, ...(result.ok ? [] : result.problems.map((p) => locate(argsFile.file, argsFile.source, p)))];
    if (!result.ok || problems.length > 0) return { ok: false, problems };
    return { ok: true, plan: result.plan, warnings: result.warnings };
}

export type AppObjectsResult = { ok: true; objects: KubeObject[]; warnings: string[] } | { ok: false; problems: FileProblem[] };

/** The Kubernetes objects the component would create for the file's arguments, or the argument problems. */
export function appObjects(argsFile: ArgsFile): AppObjectsResult {
    const result = planArgsFile(argsFile);
    if (!result.ok) return result;
    return { ok: true, objects: manifestList(appManifests(result.plan)), warnings: result.warnings };
}
