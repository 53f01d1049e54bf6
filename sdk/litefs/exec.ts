/**
 * How LiteFS turns an `exec` command into a process: it splits the string with go-shellwords (quotes and
 * backslashes honoured, no shell), so shell operators and `$VAR` do not do what they do in a shell.
 * This module mirrors that splitting to refuse, before deploy, the commands that would silently misbehave.
 */
import type { Problem } from "../validation/problem";

export interface SplitResult {
    /** The argv LiteFS would run. */
    words: string[];
    /** The unquoted `;`, `&`, `|`, `<` or `>` where go-shellwords stops reading (the rest is silently dropped). */
    operator?: string;
    /** Why go-shellwords would refuse the string outright (LiteFS then fails at start-up). */
    error?: string;
}

/** Splits like go-shellwords' default parser (ParseEnv and ParseBacktick off), as LiteFS 0.5 calls it. */
export function splitCommand(line: string): SplitResult {
    const words: string[] = [];
    let word = "";
    let inWord = false;
    let single = false;
    let double = false;
    let escaped = false;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (escaped) {
            escaped = false;
            word += c === "t" ? "\t" : c === "n" ? "\n" : c;
            inWord = true;
            continue;
        }
        if (c === "\\" && !single) {
            escaped = true;
            continue;
        }
        if (" \t\r\n".includes(c) && !single && !double) {
            if (inWord) words.push(word);
            word = "";
            inWord = false;
            continue;
        }
        if (c === '"' && !single) {
            double = !double;
            inWord = true;
            continue;
        }
        if (c === "'" && !double) {
            single = !single;
            inWord = true;
            continue;
        }
        if (!single && !double) {
            if (";&|<>".includes(c)) {
                // Like go-shellwords, a digits-only word before ">" is a file descriptor, not a word.
                if (inWord && !(c === ">" && /^\d+$/.test(word))) words.push(word);
                const twin = line[i + 1] === c && "&|>".includes(c) ? c : "";
                return { words, operator: c + twin };
            }
            if (c === "(" || c === ")") {
                return { words, error: `an unquoted "${c}" (go-shellwords refuses it: "invalid command line string")` };
            }
        }
        word += c;
        inWord = true;
    }
    if (escaped || single || double) return { words, error: "an unterminated quote or a trailing backslash (go-shellwords refuses it)" };
    if (inWord) words.push(word);
    return { words };
}

const SHELLS = new Set(["sh", "bash", "dash", "ash", "zsh", "busybox"]);

/** True when `program` (a path or a name) is a shell, which expands `$VAR` and understands operators itself. */
export function isShell(program: string): boolean {
    return SHELLS.has(program.split("/").pop() ?? "");
}

/** A ready-to-paste `sh -c` form of a command that needs a shell. */
export function asShellCommand(command: string): string {
    if (!command.includes("'")) return `sh -c '${command}'`;
    if (!/["$`\\]/.test(command)) return `sh -c "${command}"`;
    return `sh -c '…' (quote the command for go-shellwords)`;
}

/**
 * What is wrong with how LiteFS would split a command into words (shell operators, bad quoting, no
 * words), or an empty list. True of every litefs.yml, hand-written or ours.
 */
export function checkExecSplit(command: unknown, path: string): Problem[] {
    if (typeof command !== "string" || command.trim() === "")
        return [{ rule: "exec-required", path, message: "must be a non-empty command string.", fix: 'e.g. "node server.js".' }];
    const split = splitCommand(command);
    if (split.operator)
        return [
            {
                rule: "exec-operator",
                path,
                message:
                    `contains the shell operator "${split.operator}". LiteFS splits exec commands without a shell: ` +
                    `everything from "${split.operator}" on is silently dropped, so only "${split.words.join(" ")}" would run.`,
                fix: `run it through a shell: ${asShellCommand(command)}`,
            },
        ];
    if (split.error)
        return [
            {
                rule: "exec-quoting",
                path,
                message: `contains ${split.error}; LiteFS could not start it.`,
                fix: `check the quoting, or use ${asShellCommand(command)}`,
            },
        ];
    if (split.words.length === 0)
        return [{ rule: "exec-required", path, message: "has no words after quote removal.", fix: 'e.g. "node server.js".' }];
    return [];
}

/**
 * What is wrong with a command LiteFsApp would start via `exec`, or an empty list. `path` names the
 * argument (e.g. `args.command`) in the messages.
 */
export function checkExecCommand(command: unknown, path: string): Problem[] {
    const problems = checkExecSplit(command, path);
    if (problems.length > 0 || typeof command !== "string") return problems;
    const split = splitCommand(command);
    if (!isShell(split.words[0])) {
        const expanding = split.words.find((w) => w.includes("$") || w.includes("`"));
        if (expanding)
            return [
                {
                    rule: "exec-variable",
                    path,
                    message:
                        `passes "${expanding}" to ${split.words[0]} literally: LiteFS runs exec commands without a shell ` +
                        "and pulumi-litefs starts it with -no-expand-env, so nothing expands $VAR or backticks.",
                    fix: `let a shell expand it: ${asShellCommand(command)}`,
                },
            ];
    }
    return [];
}
