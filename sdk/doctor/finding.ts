/** What `doctor` reports: one finding per trap, with where it is, what is wrong, why it matters, and the fix. */
import { describeProblem, type Problem } from "../validation/problem";

export type Severity = "error" | "warning";

export interface Finding {
    /** error: LiteFS or the deploy breaks, or data is at risk. warning: works today, bites later. */
    readonly severity: Severity;
    /** A stable id for CI filters, e.g. `dockerfile/env-hostname`. */
    readonly rule: string;
    /** The input as given on the command line (or `--image`). */
    readonly file: string;
    /** 1-based; absent when the finding is about the input as a whole. */
    readonly line?: number;
    /** What is wrong. */
    readonly message: string;
    /** Why it matters. */
    readonly why: string;
    /** What to do instead. */
    readonly fix: string;
}

/** A finding from a `Problem` found by a shared checker (its message says what and why; `why` adds context). */
export function fromProblem(
    problem: Problem,
    where: { file: string; line?: number },
    rule: { id: string; why: string; fix: string; severity?: Severity },
): Finding {
    return {
        severity: rule.severity ?? "error",
        rule: rule.id,
        file: where.file,
        line: where.line,
        message: describeProblem(problem),
        why: rule.why,
        fix: problem.fix ?? rule.fix,
    };
}

export function location(f: Pick<Finding, "file" | "line">): string {
    return f.line ? `${f.file}:${f.line}` : f.file;
}

/** Errors first, then by file and line, so the report reads top to bottom. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
    const rank = (f: Finding) => (f.severity === "error" ? 0 : 1);
    return [...findings].sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

export function formatText(findings: readonly Finding[], inputs: readonly string[], skipped: readonly string[] = []): string {
    const errors = findings.filter((f) => f.severity === "error").length;
    const warnings = findings.length - errors;
    const read = `in ${inputs.join(", ")}${skipped.length > 0 ? ` (not searched: ${skipped.join(", ")})` : ""}`;
    if (findings.length === 0) return `pulumi-litefs doctor: no problems found ${read}.\n`;
    const blocks = findings.map((f) => `${location(f)}: ${f.severity} [${f.rule}] ${f.message}\n  why: ${f.why}\n  fix: ${f.fix}`);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    return `${blocks.join("\n\n")}\n\npulumi-litefs doctor: ${plural(errors, "error")}, ${plural(warnings, "warning")} ${read}.\n`;
}

export function formatJson(findings: readonly Finding[], inputs: readonly string[], skipped: readonly string[] = []): string {
    const errors = findings.filter((f) => f.severity === "error").length;
    return `${JSON.stringify({ inputs, skipped, errors, warnings: findings.length - errors, findings }, null, 2)}\n`;
}
