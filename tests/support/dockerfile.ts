/** A small Dockerfile reader for the examples' tests: instructions grouped by build stage. */
export interface Instruction {
    /** Upper-cased, e.g. `COPY`. */
    readonly keyword: string;
    /** Everything after the keyword, continuation lines joined. */
    readonly args: string;
}

export interface Stage {
    /** The image (or earlier stage) after FROM. */
    readonly base: string;
    /** The `AS` name, if any. */
    readonly name?: string;
    readonly instructions: Instruction[];
}

/** Splits a Dockerfile into stages. Comment lines are dropped, also inside continued instructions. */
export function parseDockerfile(text: string): Stage[] {
    const stages: { base: string; name?: string; instructions: Instruction[] }[] = [];
    let pending = "";
    for (const raw of text.split("\n")) {
        const line = raw.trim();
        if (line.startsWith("#") || (line === "" && pending === "")) continue;
        pending += `${line.replace(/\\$/, "")} `;
        if (line.endsWith("\\")) continue;
        const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(pending.trim()) ?? [];
        pending = "";
        if (!keyword) continue;
        const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, " ") };
        if (instruction.keyword === "FROM") {
            const [base, as, name] = instruction.args.replace(/--platform=\S+\s*/, "").split(" ");
            stages.push({ base, name: as?.toUpperCase() === "AS" ? name : undefined, instructions: [] });
        } else if (stages.length === 0) throw new Error(`${instruction.keyword} before the first FROM`);
        else stages[stages.length - 1].instructions.push(instruction);
    }
    return stages;
}

/** The variable names an ENV instruction sets, in both `ENV A=1 B=2` and the legacy `ENV A 1` form. */
export function envNames(args: string): string[] {
    if (!/^[^\s=]+=/.test(args)) return [args.split(" ")[0]];
    return [...args.matchAll(/(?:^|\s)([^\s=]+)=/g)].map((m) => m[1]);
}
