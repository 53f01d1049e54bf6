/**
 * Printed commands (`debugCommands`, `recoveryCommands`, `pulumi-litefs recover`) reach every pod through a
 * loop over ordinals, so their size does not grow with `replicas`: the output is stored in the stack's state
 * and printed to a terminal. `seq` and `$(…)` work in sh, bash and zsh (zsh splits command substitutions too).
 * Printed commands and generated scripts quote their words with `shellWord`.
 */

/** A word for sh: kept as is when it is plainly safe, else single-quoted. */
export function shellWord(word: string): string {
    return /^[-A-Za-z0-9_./:=@%+,]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The loop variable: pass it where an ordinal goes, e.g. `names.pod(ORDINAL)`. */
export const ORDINAL = "$i";

/** `for i in $(seq first last); do`, the opening of a loop over the ordinals first…last. */
export function forOrdinals(first: number, last: number): string {
    return `for i in $(seq ${first} ${last}); do`;
}

/** A one-line loop running `commands` for each ordinal first…last. */
export function eachOrdinal(first: number, last: number, ...commands: string[]): string {
    return `${forOrdinals(first, last)} ${commands.map((c) => `${c};`).join(" ")} done`;
}
