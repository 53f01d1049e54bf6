/**
 * A YAML (or JSON) document with the line of every key and value, so a problem found on the loaded value
 * (`lease.candidate`, `args.env.HOSTNAME`, `exec[1].cmd`) can be reported as `file:line`.
 * Paths use the same form as `Problem.path`: keys joined with ".", sequence items as `[i]`.
 *
 * js-yaml 4 has no event API, but its loader calls `listener("open" | "close", state)` around every node it
 * composes. Those calls nest like the document; this module records them as a tree (where each node starts and
 * ends in the text, its kind and its value) and reads keys, items, lines and quoting from that tree and the text.
 */
import { CORE_SCHEMA, load, type State, YAMLException } from "js-yaml";

export interface YamlNodeInfo {
    /** 1-based line of the key (for a mapping entry) or of the item (for a sequence entry). */
    readonly line: number;
    /** True when the value is a single- or double-quoted scalar. */
    readonly quoted: boolean;
}

export interface YamlSource {
    readonly value: unknown;
    /** Node info at `path`, or undefined when the document has no such node. */
    at(path: string): YamlNodeInfo | undefined;
    /** The line of `path`, or of its nearest ancestor present in the document (1 for the root). */
    lineOf(path: string): number;
}

export type YamlParseResult =
    | { ok: true; source: YamlSource }
    /** `severalDocuments`: valid YAML, but a stream of documents where one is expected; `line` is the second's. */
    | { ok: false; line: number; message: string; severalDocuments?: boolean };

/** One call of the loader's node composer: where it started and ended in the loader's input, and what it read. */
interface Call {
    readonly open: number;
    close: number;
    kind: string | null;
    result: unknown;
    readonly children: Call[];
}

/**
 * Loads YAML the way the package reads every file: YAML 1.2 core schema (no timestamps, no `<<` merge keys),
 * one document.
 */
export function loadYaml(text: string, options: { filename?: string; listener?: (event: string, state: State) => void } = {}): unknown {
    return load(text, { schema: CORE_SCHEMA, ...options });
}

/** The line where a stream's second document starts: the first `---` after some content. */
function secondDocumentLine(text: string): number {
    let content = false;
    for (const [i, line] of text.split(/\r?\n/).entries()) {
        const marker = /^---(\s|$)/.test(line);
        if (marker && content) return i + 1;
        const rest = marker ? line.slice(3) : line;
        if (rest.trim() !== "" && !rest.trimStart().startsWith("#")) content = true;
    }
    return 1;
}

/** Parses one YAML document (JSON is YAML too); js-yaml refuses a stream of several documents. */
export function parseYamlSource(text: string, filename?: string): YamlParseResult {
    const root: Call = { open: 0, close: 0, kind: null, result: null, children: [] };
    const stack: Call[] = [root];
    // The loader's own copy of the text (it drops a BOM and adds a final newline): positions refer to it.
    let input = text;
    let value: unknown;
    try {
        value = loadYaml(text, {
            filename,
            listener(event, state) {
                input = state.input;
                if (event === "open") {
                    const call: Call = { open: state.position, close: state.position, kind: null, result: null, children: [] };
                    stack[stack.length - 1].children.push(call);
                    stack.push(call);
                } else {
                    const call = stack.pop() as Call;
                    call.close = state.position;
                    call.kind = state.kind;
                    call.result = state.result;
                }
            },
        });
    } catch (error) {
        if (error instanceof YAMLException && /single document/.test(error.reason)) {
            const line = secondDocumentLine(text);
            return {
                ok: false,
                line,
                message: `holds more than one YAML document (the second starts at line ${line}).`,
                severalDocuments: true,
            };
        }
        if (error instanceof YAMLException)
            return { ok: false, line: (error.mark?.line ?? 0) + 1, message: `is not valid YAML: ${error.reason}.` };
        throw error;
    }
    const document = root.children[0];
    // A stream of only comments loads as null, but it is no document: say so, as for an empty file.
    if (!document || (document.kind === null && value == null))
        return { ok: false, line: 1, message: "is not valid YAML: expected a document, but the input is empty." };
    const nodes = new Map<string, YamlNodeInfo>();
    const complexKey = new DocumentReader(input, nodes).read(document, "");
    // js-yaml 4 turns a mapping or sequence used as a key into a string; such a file is a mistake, not a key.
    if (complexKey !== undefined)
        return { ok: false, line: complexKey, message: "is not valid YAML: a mapping or sequence cannot be a key." };
    const at = (path: string) => nodes.get(path);
    return {
        ok: true,
        source: {
            value,
            at,
            lineOf(path) {
                for (let p = path; p; p = parentPath(p)) {
                    const node = nodes.get(p);
                    if (node) return node.line;
                }
                return 1;
            },
        },
    };
}

const isBlank = (ch: string) => ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\ufeff";

/** Reads keys and items out of the call tree, with the loader's input for positions. */
class DocumentReader {
    private readonly lineStarts = [0];

    constructor(
        private readonly input: string,
        private readonly nodes: Map<string, YamlNodeInfo>,
    ) {
        for (let i = 0; i < input.length; i++) if (input[i] === "\n") this.lineStarts.push(i + 1);
    }

    /** The line of the first complex key (a mapping or sequence used as a key), if any. */
    private complexKey: number | undefined;

    read(call: Call, path: string): number | undefined {
        const node = this.effective(call);
        if (node.kind === "mapping") this.readMapping(node.children, path);
        else if (node.kind === "sequence") this.readSequence(node, path);
        return this.complexKey;
    }

    /** A collection read as a would-be mapping key is handed up unchanged: the outer call is the inner one. */
    private effective(call: Call): Call {
        let node = call;
        while (node.children.length === 1 && node.children[0].result === node.result && node.kind !== "scalar") node = node.children[0];
        return node;
    }

    /** Mapping entries from the composer calls of a mapping: each key, then its value when ":" follows the key. */
    private readMapping(calls: readonly Call[], path: string): void {
        for (let i = 0; i < calls.length; i++) {
            const key = calls[i];
            const hasValue = this.input[this.skipSpace(key.close)] === ":";
            // A composer call that read nothing and is not followed by ":" ended the mapping: it is no key.
            if (!hasValue && key.close === key.open && key.kind === null) continue;
            const line = this.lineAt(this.contentStart(key.open));
            const keyNode = this.effective(key);
            if (keyNode.kind === "mapping" || keyNode.kind === "sequence") this.complexKey ??= line;
            // The key as the loaded object holds it: js-yaml turns every scalar key into a string.
            const entry = joinKey(path, String(keyNode.result));
            const val = hasValue ? calls[i + 1] : undefined;
            this.nodes.set(entry, { line, quoted: val ? this.isQuoted(val) : false });
            if (val) {
                this.read(val, entry);
                i++;
            }
        }
    }

    private readSequence(seq: Call, path: string): void {
        const calls = seq.children;
        const items: unknown[] = Array.isArray(seq.result) ? seq.result : [];
        if (this.input[this.contentStart(seq.open)] === "[") {
            // Flow sequence: one call per item, or two for a `key: value` pair item.
            let index = 0;
            for (let i = 0; i < calls.length; i++, index++) {
                const item = calls[i];
                const entry = `${path}[${index}]`;
                const pair = this.input[this.skipSpace(item.close)] === ":";
                const line = this.lineAt(this.contentStart(item.open));
                this.nodes.set(entry, { line, quoted: pair ? false : this.isQuoted(item) });
                if (pair) {
                    // `[k: v]` holds the one-entry mapping {k: v}.
                    this.readMapping(calls.slice(i, i + 2), entry);
                    i++;
                } else this.read(item, entry);
            }
            return;
        }
        // Block sequence: an item with nothing after its "-" is read without a composer call, so items are
        // matched to calls by counting the "-" indicators between calls.
        let index = 0;
        let from = seq.open;
        for (const item of calls) {
            const dashes = this.dashesBetween(from, item.open);
            for (const dash of dashes.slice(0, -1)) this.nodes.set(`${path}[${index++}]`, { line: this.lineAt(dash), quoted: false });
            const entry = `${path}[${index++}]`;
            this.nodes.set(entry, { line: this.lineAt(this.contentStart(item.open)), quoted: this.isQuoted(item) });
            this.read(item, entry);
            from = item.close;
        }
        for (const dash of this.dashesBetween(from, seq.close))
            if (index < items.length) this.nodes.set(`${path}[${index++}]`, { line: this.lineAt(dash), quoted: false });
    }

    private isQuoted(call: Call): boolean {
        if (this.effective(call).kind !== "scalar") return false;
        const ch = this.input[this.skipProperties(this.contentStart(call.open))];
        return ch === '"' || ch === "'";
    }

    /** Positions of the "-" item indicators in a stretch of white space, comments and node properties. */
    private dashesBetween(from: number, to: number): number[] {
        const dashes: number[] = [];
        for (let i = from; i < to;) {
            const ch = this.input[i];
            if (ch === "#") while (i < to && this.input[i] !== "\n") i++;
            else if (ch === "!" || ch === "&") while (i < to && !isBlank(this.input[i])) i++;
            else {
                if (ch === "-") dashes.push(i);
                i++;
            }
        }
        return dashes;
    }

    /** Skips spaces, line breaks and comments. */
    private skipSpace(from: number): number {
        let i = from;
        for (;;) {
            if (isBlank(this.input[i] ?? "")) i++;
            else if (this.input[i] === "#") while (i < this.input.length && this.input[i] !== "\n") i++;
            else return i;
        }
    }

    /** Where a node's text starts: after separating space (a composer call may open before it). */
    private contentStart(from: number): number {
        return this.skipSpace(from);
    }

    /** Skips a node's tag and anchor (`!!str &a "x"`). */
    private skipProperties(from: number): number {
        let i = from;
        while (this.input[i] === "!" || this.input[i] === "&") {
            while (i < this.input.length && !isBlank(this.input[i])) i++;
            i = this.skipSpace(i);
        }
        return i;
    }

    private lineAt(offset: number): number {
        let lo = 0;
        let hi = this.lineStarts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.lineStarts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        return lo + 1;
    }
}

function joinKey(path: string, key: string): string {
    return path ? `${path}.${key}` : key;
}

/** `a.b[2].c` → `a.b[2]` → `a.b` → `a` → "". */
export function parentPath(path: string): string {
    const cut = Math.max(path.lastIndexOf("."), path.endsWith("]") ? path.lastIndexOf("[") : -1);
    return cut <= 0 ? "" : path.slice(0, cut);
}
