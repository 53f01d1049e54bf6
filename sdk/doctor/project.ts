/**
 * The project folder: do the scripts LiteFS will run (`node dist/db/migrate.js`) exist in the build
 * output? The TypeScript compiler itself says what `tsc` emits for the folder's tsconfig.json, so an
 * inferred rootDir (the folder common to all sources) is taken into account exactly as tsc does.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as TS from "typescript";
import { isShell, splitCommand } from "../litefs/exec";
import { closest } from "../validation/problem";
import type { Finding } from "./finding";
import type { ExecCommand } from "./litefs-config";

/** The project's own TypeScript if it has one, else ours; undefined when neither is installed. */
export function loadTypeScript(dir: string): typeof TS | undefined {
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the project's own TypeScript, found at run time
        return require(require.resolve("typescript", { paths: [dir, __dirname] }));
    } catch {
        return undefined;
    }
}

/** Script files (.js/.mjs/.cjs) a command runs, including those inside `sh -c '…'`. */
export function scriptPaths(command: string): string[] {
    const { words } = splitCommand(command);
    const c = words.indexOf("-c");
    if (words.length > 0 && isShell(words[0]) && c > 0 && c + 1 < words.length)
        return words[c + 1].split(/&&|\|\||[;|&]/).flatMap((part) => scriptPaths(part));
    return words.filter((w) => /\.[cm]?js$/.test(w) && !w.startsWith("-"));
}

interface Build {
    readonly outDir: string;
    /** tsc's rootDir, and whether tsconfig.json sets it (otherwise tsc infers it from the sources). */
    readonly rootDir: string;
    readonly rootDirSet: boolean;
    /** Every emitted script → its source file (absolute paths). */
    readonly outputs: Map<string, string>;
    /** The sources tsconfig.json compiles (its include/files), absolute: a rootDir must hold them all (else TS6059). */
    readonly sources: readonly string[];
}

function commonDir(files: readonly string[]): string {
    let common = path.dirname(files[0]);
    for (const file of files) while (!`${path.dirname(file)}/`.startsWith(`${common}/`)) common = path.dirname(common);
    return common;
}

type BuildResult = { build: Build } | { finding: Omit<Finding, "file"> } | undefined;

function tscBuild(dir: string, tsconfig: string): BuildResult {
    const ts = loadTypeScript(dir);
    if (!ts)
        return {
            finding: {
                severity: "warning",
                rule: "project/no-typescript",
                message: "tsconfig.json is there, but TypeScript is not installed, so the build output cannot be worked out.",
                why: "without it, doctor cannot check that the scripts LiteFS runs exist in the build output.",
                fix: "run npm install in the project first.",
            },
        };
    const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
    if (read.error)
        return {
            finding: {
                severity: "error",
                rule: "project/tsconfig",
                message: `tsconfig.json cannot be read: ${ts.flattenDiagnosticMessageText(read.error.messageText, " ")}`,
                why: "tsc cannot build the project with it.",
                fix: "fix tsconfig.json.",
            },
        };
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.resolve(dir), undefined, path.resolve(tsconfig));
    const sources = parsed.fileNames.filter((f) => !/\.d\.[cm]?ts$/.test(f));
    if (!parsed.options.outDir || parsed.options.noEmit || sources.length === 0) return undefined;
    const outputs = new Map<string, string>();
    for (const source of sources)
        for (const output of ts.getOutputFileNames(parsed, source, !ts.sys.useCaseSensitiveFileNames))
            if (/\.[cm]?js$/.test(output)) outputs.set(path.resolve(output), path.resolve(source));
    const rootDirSet = parsed.options.rootDir !== undefined;
    return {
        build: {
            outDir: path.resolve(parsed.options.outDir),
            rootDir: path.resolve(parsed.options.rootDir ?? commonDir(sources)),
            rootDirSet,
            outputs,
            sources: sources.map((source) => path.resolve(source)),
        },
    };
}

const withoutExtension = (file: string) => file.replace(/\.[cm]?[jt]sx?$/, "");

/** `script` is how the command names the file; `asWritten` turns a project path back into that form. */
function missingScript(
    dir: string,
    build: Build,
    command: ExecCommand,
    script: string,
    target: string,
    asWritten: (p: string) => string,
): Finding {
    const rel = (file: string) => path.relative(dir, file) || ".";
    const sameName = [...build.outputs.keys()].filter((o) => path.basename(o) === path.basename(target));
    const match = closest(rel(target), sameName.map(rel)) ?? (sameName.length > 0 ? rel(sameName[0]) : undefined);
    const rootDir = build.rootDirSet
        ? `rootDir is ${rel(build.rootDir)}`
        : `rootDir is not set, so tsc uses the folder common to all sources, ${rel(build.rootDir)}`;
    const where = { file: command.file, line: command.line };
    if (!match)
        return {
            severity: "error",
            rule: "project/exec-not-built",
            ...where,
            message: `${command.path}: "${command.command}" runs ${script}, which the build does not produce.`,
            why: `tsconfig.json compiles no source to ${rel(target)} (outDir ${rel(build.outDir)}, ${rootDir}). The command fails with "Cannot find module", and LiteFS stops at start-up.`,
            fix: "point the command at a file the build writes, or add its source to the project.",
        };
    const source = build.outputs.get(path.resolve(dir, match)) as string;
    // The rootDir that would put the source where the command expects it.
    const wanted = withoutExtension(path.relative(build.outDir, target));
    const sourcePath = withoutExtension(rel(source));
    const suggestedRoot = sourcePath.endsWith(wanted) ? sourcePath.slice(0, -wanted.length).replace(/\/$/, "") || "." : undefined;
    // tsc refuses a rootDir that leaves out one of its sources (TS6059): suggest only one that holds them all.
    const outside =
        suggestedRoot === undefined
            ? undefined
            : build.sources.find((file) => path.relative(path.resolve(dir, suggestedRoot), file).startsWith(".."));
    return {
        severity: "error",
        rule: "project/exec-not-built",
        ...where,
        message: `${command.path}: "${command.command}" runs ${script}, which the build does not produce.`,
        why: `tsconfig.json compiles ${rel(source)} to ${match} (outDir ${rel(build.outDir)}, ${rootDir}). The command fails with "Cannot find module", and LiteFS stops at start-up.`,
        fix:
            `run "${command.command.replace(script, asWritten(match))}"` +
            (suggestedRoot === undefined || build.rootDirSet
                ? "."
                : outside === undefined
                  ? `, or set "rootDir": "${suggestedRoot}" in tsconfig.json so that the build writes ${rel(target)}.`
                  : `. ("rootDir": "${suggestedRoot}" would not compile: ${rel(outside)}, which tsconfig.json includes, lies outside it.)`),
    };
}

/**
 * Checks every command's scripts that lie in the build's outDir against what tsc emits. `workdir` (the
 * image's WORKDIR) maps absolute paths in commands onto the project folder.
 */
export function lintProject(dir: string, commands: readonly ExecCommand[], workdir?: string): Finding[] {
    const tsconfig = path.join(dir, "tsconfig.json");
    if (commands.length === 0 || !fs.existsSync(tsconfig)) return [];
    const result = tscBuild(dir, tsconfig);
    if (!result) return [];
    if ("finding" in result) return [{ ...result.finding, file: tsconfig }];
    const { build } = result;
    const findings: Finding[] = [];
    for (const command of commands)
        for (const script of scriptPaths(command.command)) {
            const root = workdir?.replace(/\/$/, "");
            const underWorkdir = root !== undefined && script.startsWith(`${root}/`);
            const inProject = underWorkdir ? script.slice(root.length + 1) : script;
            if (path.isAbsolute(inProject)) continue;
            const target = path.resolve(dir, inProject);
            if (!target.startsWith(`${build.outDir}${path.sep}`) || build.outputs.has(target)) continue;
            findings.push(missingScript(dir, build, command, script, target, (p) => (underWorkdir ? `${root}/${p}` : p)));
        }
    return findings;
}
