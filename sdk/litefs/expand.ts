/**
 * How LiteFS 0.5 expands environment variables in litefs.yml (cmd/litefs/config.go `ExpandEnv`): Go's
 * `os.Expand` over the raw file text, unless `litefs mount -no-expand-env`. This module finds, in a value,
 * every `$` that expansion would replace, so hand-written files can be checked for the traps.
 */

export interface Expansion {
    /** The text expansion replaces, e.g. `${LITEFS_CANDIDATE}`, `$word`, `$$`. */
    readonly text: string;
    /**
     * `variable`: `$NAME` or `${NAME}`. `expression`: `${A == "lit"}`, `${A != B}`, which LiteFS evaluates to
     * "true"/"false". `special`: `$$`, `$1`, `$@`… (a one-character name, always empty). `invalid`: `${`
     * without `}`, or `${}`: os.Expand drops it.
     */
    readonly kind: "variable" | "expression" | "special" | "invalid";
    /** The variable looked up (trimmed), for `variable`, and for `expression` the left-hand side. */
    readonly name: string;
}

const SPECIAL = "*#$@!?-0123456789";
const NAME_CHAR = /[A-Za-z0-9_]/;
/** The two expression forms LiteFS evaluates; anything else in braces is looked up as a variable name. */
const EXPRESSION = /^(\w+)\s*(==|!=)\s*(?:"[^"]*"|'[^']*'|\w+)$/;

export function expansions(value: string): Expansion[] {
    const found: Expansion[] = [];
    for (let i = 0; i < value.length - 1; i++) {
        if (value[i] !== "$") continue;
        const next = value[i + 1];
        if (next === "{") {
            const close = value.indexOf("}", i + 2);
            if (close < 0 || close === i + 2) {
                found.push({ text: value.slice(i, close < 0 ? i + 2 : close + 1), kind: "invalid", name: "" });
                i = close < 0 ? i + 1 : close;
                continue;
            }
            const inner = value.slice(i + 2, close).trim();
            const expression = EXPRESSION.exec(inner);
            found.push({
                text: value.slice(i, close + 1),
                kind: expression ? "expression" : "variable",
                name: expression ? expression[1] : inner,
            });
            i = close;
        } else if (SPECIAL.includes(next)) {
            found.push({ text: `$${next}`, kind: "special", name: next });
            i++;
        } else if (NAME_CHAR.test(next)) {
            let end = i + 1;
            while (end < value.length && NAME_CHAR.test(value[end])) end++;
            found.push({ text: value.slice(i, end), kind: "variable", name: value.slice(i + 1, end) });
            i = end - 1;
        }
        // Any other character after "$" (a space, "(", "/"): os.Expand leaves the "$" alone.
    }
    return found;
}

/** True for names written like environment variables (`PORT`, `DATABASE_URL`), i.e. clearly meant to expand. */
export function looksLikeEnvName(name: string): boolean {
    return /^[A-Z_][A-Z0-9_]*$/.test(name);
}
