/**
 * Traps in a hand-written litefs.yml, as LiteFS 0.5 reads it: environment expansion over the raw text
 * first (unless `-no-expand-env`), then strict YAML decoding. Schema problems come from the same strict
 * checker pulumi-litefs applies to its own files; the rules here add the traps a schema cannot see.
 */
import { checkExecSplit } from "../litefs/exec";
import { type Expansion, expansions, looksLikeEnvName } from "../litefs/expand";
import { checkLiteFsConfig } from "../litefs/schema";
import { isPlainObject } from "../validation/values";
import { parseYamlSource, type YamlSource } from "../validation/yaml-source";
import { type Finding, fromProblem } from "./finding";

/** A command LiteFS would run, with where it is written: the project check compares its paths with the build. */
export interface ExecCommand {
    readonly command: string;
    readonly file: string;
    readonly line?: number;
    /** Where in the input: `exec[0].cmd`, `args.migrate`, `--exec`. */
    readonly path: string;
}

export interface LiteFsConfigLint {
    readonly findings: Finding[];
    readonly commands: ExecCommand[];
    /** `fuse.allow-other` as written, for the Dockerfile's USER check. */
    readonly allowOther?: boolean;
}

const EXPANSION_WHY =
    "unless litefs mount runs with -no-expand-env, LiteFS replaces $NAME and ${NAME} in the whole file text before it reads the YAML, " +
    "and an unset variable becomes empty. There is no escape for a literal $.";
const PER_POD = new Set(["HOSTNAME", "POD_NAME"]);

/** Every string value in the document with its path. */
function strings(value: unknown, path: string, out: [string, string][] = []): [string, string][] {
    if (typeof value === "string") out.push([path, value]);
    else if (Array.isArray(value)) for (const [i, v] of value.entries()) strings(v, `${path}[${i}]`, out);
    else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out);
    return out;
}

function candidateFindings(raw: unknown, quoted: boolean, staticLease: boolean, at: { file: string; line: number }): Finding[] {
    const shown = typeof raw === "string" ? raw : JSON.stringify(raw);
    if (quoted)
        return [
            {
                severity: "error",
                rule: "litefs/candidate-quoted",
                ...at,
                message: `lease.candidate is quoted ("${shown}").`,
                why: 'LiteFS decodes candidate as a boolean and refuses a string: a quoted true, false or ${VAR} stops it with "cannot unmarshal !!str into bool" (exit code 2).',
                fix: "write it unquoted: candidate: true on the primary, candidate: false elsewhere.",
            },
        ];
    if (typeof raw !== "string") return [];
    const found = expansions(raw);
    if (found.length === 0) return [];
    const broken = found.find((e) => e.kind === "variable" && /[=!]=/.test(e.name));
    if (broken)
        return [
            {
                severity: "error",
                rule: "litefs/candidate-expression",
                ...at,
                message: `lease.candidate is "${raw}", an expression LiteFS cannot evaluate.`,
                why:
                    'LiteFS evaluates ${A == "literal"} (the literal quoted) and ${A == B} (two variable names) only. Anything else is looked up as a ' +
                    "variable with that whole name, which is unset, so the line becomes candidate: and LiteFS keeps its default, true: every pod is a primary.",
                fix: `quote the literal: candidate: ${broken.text.replace(/(==|!=)\s*([^}]*?)\s*\}$/, '$1 "$2"}')}`,
            },
        ];
    if (found.every((e) => e.kind === "expression")) return [];
    const variable = found.find((e) => e.kind !== "expression") as Expansion;
    return [
        {
            severity: staticLease ? "error" : "warning",
            rule: "litefs/candidate-env",
            ...at,
            message: `lease.candidate is "${raw}", left to environment expansion.`,
            why:
                `if ${variable.name || variable.text} is unset when LiteFS starts, the line becomes candidate:, which LiteFS reads as its default, true` +
                (staticLease ? ": under a static lease every such pod becomes a primary, and the databases split." : ".") +
                " With -no-expand-env the text stays as it is, and LiteFS refuses it as a non-boolean.",
            fix: 'write a literal true on pod-0 and false elsewhere, worked out when the pod starts (pulumi-litefs does this), or let LiteFS decide from the pod name: candidate: ${HOSTNAME == "<statefulset>-0"}.',
        },
    ];
}

function perPodFindings(lease: Record<string, unknown>, source: YamlSource, file: string): Finding[] {
    const findings: Finding[] = [];
    for (const key of ["advertise-url", "hostname"] as const) {
        const value = lease[key];
        if (typeof value !== "string") continue;
        const perPod = expansions(value).find((e) => e.kind === "variable" && PER_POD.has(e.name));
        if (!perPod) continue;
        const url = key === "advertise-url";
        findings.push({
            severity: url ? "error" : "warning",
            rule: `litefs/per-pod-${key}`,
            file,
            line: source.lineOf(`lease.${key}`),
            message: `lease.${key} uses ${perPod.text}, which differs on every pod.`,
            why: url
                ? 'under a static lease advertise-url is the primary\'s address on every node: a replica streams from it. With its own name the replica connects to itself ("cannot connect to self") and never becomes ready.'
                : "under a static lease hostname names the primary on every node: replicas report it in .primary, /info and events. With their own name they report themselves as the primary, and an app routing writes by .primary sends them to a replica.",
            fix: url
                ? "use pod-0's address on every pod: advertise-url: http://<statefulset>-0.<headless service>.<namespace>.svc.cluster.local:20202."
                : "name pod-0 on every pod: hostname: <statefulset>-0.",
        });
    }
    return findings;
}

/** `$` that expansion would replace by surprise: not an env-style name (`$1`, `$$`, `pa$word`, `${`). */
function dollarFindings(source: YamlSource, file: string, skip: Set<string>): Finding[] {
    const findings: Finding[] = [];
    for (const [path, value] of strings(source.value, "")) {
        if (skip.has(path)) continue;
        for (const e of expansions(value)) {
            if (e.kind === "expression" || (e.kind === "variable" && looksLikeEnvName(e.name))) continue;
            const certain = e.kind !== "variable";
            findings.push({
                severity: certain ? "error" : "warning",
                rule: "litefs/dollar",
                file,
                line: source.lineOf(path),
                message: certain
                    ? `${path}: "${e.text}" in "${value}" becomes an empty string when LiteFS loads the file.`
                    : `${path}: "${e.text}" in "${value}" is replaced by the environment variable "${e.name}" (usually unset: empty) when LiteFS loads the file.`,
                why: EXPANSION_WHY,
                fix: "keep literal $ out of litefs.yml: move the command into a script in the image, or write the final file yourself and start LiteFS with litefs mount -no-expand-env (pulumi-litefs does both).",
            });
        }
    }
    return findings;
}

function execCommands(config: Record<string, unknown>, source: YamlSource, file: string): ExecCommand[] {
    const exec = config.exec;
    if (typeof exec === "string") return [{ command: exec, file, line: source.lineOf("exec"), path: "exec" }];
    if (!Array.isArray(exec)) return [];
    return exec.flatMap((entry, i) =>
        isPlainObject(entry) && typeof entry.cmd === "string"
            ? [{ command: entry.cmd, file, line: source.lineOf(`exec[${i}].cmd`), path: `exec[${i}].cmd` }]
            : [],
    );
}

export function lintLiteFsConfig(text: string, file: string): LiteFsConfigLint {
    const parsed = parseYamlSource(text, file);
    if (!parsed.ok)
        return {
            findings: [
                {
                    severity: "error",
                    rule: "litefs/yaml",
                    file,
                    line: parsed.line,
                    message: `the file ${parsed.message}`,
                    why: "LiteFS stops at start-up when it cannot read its config (exit code 2).",
                    fix: "fix the YAML syntax at this line.",
                },
            ],
            commands: [],
        };
    const { source } = parsed;
    const config = isPlainObject(source.value) ? source.value : {};
    const lease = isPlainObject(config.lease) ? config.lease : {};
    const staticLease = lease.type !== "consul";
    const findings: Finding[] = [];
    // Paths a specific rule reported, or whose value expansion rewrites: the schema cannot judge those.
    const covered = new Set<string>();

    if ("candidate" in lease) {
        const node = source.at("lease.candidate");
        const found = candidateFindings(lease.candidate, node?.quoted ?? false, staticLease, {
            file,
            line: source.lineOf("lease.candidate"),
        });
        findings.push(...found);
        if (found.length > 0) covered.add("lease.candidate");
    }
    if (staticLease) findings.push(...perPodFindings(lease, source, file));

    const commands = execCommands(config, source, file);
    for (const c of commands)
        findings.push(
            ...checkExecSplit(c.command, c.path).map((p) =>
                fromProblem(p, c, {
                    id: "litefs/exec-split",
                    why: "LiteFS starts exec commands itself, splitting them into words without a shell (go-shellwords).",
                    fix: "run it through a shell: sh -c '…'.",
                }),
            ),
        );

    findings.push(...dollarFindings(source, file, covered));
    for (const [path, value] of strings(config, "")) if (expansions(value).length > 0) covered.add(path);
    for (const problem of checkLiteFsConfig(source.value)) {
        if (covered.has(problem.path)) continue;
        findings.push(
            fromProblem(
                problem,
                { file, line: source.lineOf(problem.path) },
                {
                    id: "litefs/schema",
                    why: "LiteFS 0.5 decodes litefs.yml strictly and checks it at start-up: an unknown key, a quoted boolean, a number for a duration or a missing required value stops it (exit code 2).",
                    fix: "correct or remove the key.",
                },
            ),
        );
    }
    const fuse = isPlainObject(config.fuse) ? config.fuse : {};
    return { findings, commands, allowOther: typeof fuse["allow-other"] === "boolean" ? fuse["allow-other"] : undefined };
}
