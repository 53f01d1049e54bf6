/**
 * A LiteFsApp args file (the `render` input): every argument problem the component would refuse, with
 * its line, plus the image reference; its command and migrate feed the project check.
 */
import { planApp } from "../plan";
import { readArgsFile } from "../render/args-file";
import { type Finding, fromProblem } from "./finding";
import { lintImage } from "./app-image";
import type { ExecCommand } from "./litefs-config";

const INVALID = {
    id: "args/invalid",
    why: "LiteFsApp checks its arguments before it creates anything: `pulumi up` and `pulumi-litefs render` stop with this problem.",
    fix: "correct the argument.",
};

export interface ArgsFileLint {
    readonly findings: Finding[];
    readonly commands: ExecCommand[];
    readonly allowOther?: boolean;
    /** Whether the args file runs LiteFS as a sidecar (`liteFsSidecar`). */
    readonly sidecar: boolean;
}

export function lintArgsFile(file: string): ArgsFileLint {
    const read = readArgsFile(file);
    if (!read.ok) return { findings: read.problems.map((p) => fromProblem(p, p, INVALID)), commands: [], sidecar: false };
    const { name, args, source, problems } = read.argsFile;
    const at = (path: string) => ({ file, line: source.lineOf(path) });
    const result = planApp(name, args);
    const findings = [...problems, ...(result.ok ? [] : result.problems)].map((p) => fromProblem(p, at(p.path), INVALID));
    if (typeof args.image === "string") findings.push(...lintImage(args.image, at("args.image")));
    const commands = (["migrate", "command"] as const).flatMap((key) => {
        const command = args[key];
        return typeof command === "string" ? [{ command, path: `args.${key}`, ...at(`args.${key}`) }] : [];
    });
    return { findings, commands, allowOther: args.litefs?.fuse?.allowOther, sidecar: args.liteFsSidecar !== undefined };
}
