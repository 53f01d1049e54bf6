/** One thing wrong with an input: which rule, where it is, what is wrong, and how to fix it. */
import type { RuleId } from "./rule-ids";

export interface Problem {
    /** The rule's id, as in the input-rules table (docs/input-rules.md). */
    readonly rule: RuleId;
    /** Path of the offending field, e.g. `args.env.HOSTNAME` or `lease.candidate`. */
    readonly path: string;
    /** What is wrong, and why it matters. */
    readonly message: string;
    /** What to do instead: every refusal says how to get past it. */
    readonly fix: string;
    /**
     * The value the fix suggests, when it suggests one, machine-readable: set `path` (an argument path such as
     * `args.metrics.port`, or `name` for the instance name) to `value`. It passes every rule with the rest of the args.
     */
    readonly suggestion?: Suggestion;
}

export interface Suggestion {
    readonly path: string;
    readonly value: unknown;
}

/** The one way a problem is printed: by the component's error, `render`, `doctor` and `recover`. */
export function formatProblem(p: Problem): string {
    return `${describeProblem(p)} Fix: ${p.fix}`;
}

/** The problem without its fix, for reports that print the fix on a line of its own (`doctor`). */
export function describeProblem(p: Problem): string {
    return `${p.path} [${p.rule}]: ${p.message}`;
}

/** Closest candidate within a small edit distance, to suggest for a misspelt key. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
    for (const candidate of candidates) {
        const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

/** A problem found in a file: `file:line` says where. */
export interface FileProblem extends Problem {
    readonly file: string;
    /** 1-based; absent when the problem is about the file as a whole. */
    readonly line?: number;
}

export function formatFileProblem(p: FileProblem): string {
    return `${p.file}${p.line ? `:${p.line}` : ""}: ${formatProblem(p)}`;
}
