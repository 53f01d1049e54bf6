/**
 * A YAML (or JSON) document with the line of every key and value, so a problem found on the loaded value
 * (`lease.candidate`, `args.env.HOSTNAME`, `exec[1].cmd`) can be reported as `file:line`.
 * Paths use the same form as `Problem.path`: keys joined with ".", sequence items as `[i]`.
 */
import { EVENT_ID, type Event, getScalarValue, load, parseEvents, SCALAR_STYLE, YAMLException } from "js-yaml";

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

export type YamlParseResult = { ok: true; source: YamlSource } | { ok: false; line: number; message: string };

interface Frame {
    readonly kind: "map" | "seq";
    readonly path: string;
    /** Mapping: the key whose value comes next, or undefined while a key is expected. */
    key?: string;
    index: number;
}

function childPath(frame: Frame): string {
    if (frame.kind === "seq") return `${frame.path}[${frame.index}]`;
    return frame.path ? `${frame.path}.${frame.key}` : (frame.key as string);
}

/** Parses one YAML document (JSON is YAML too); js-yaml refuses a stream of several documents. */
export function parseYamlSource(text: string, filename?: string): YamlParseResult {
    let value: unknown;
    let events: Event[];
    try {
        value = load(text, { filename });
        events = parseEvents(text, { filename });
    } catch (error) {
        if (error instanceof YAMLException)
            return { ok: false, line: (error.mark?.line ?? 0) + 1, message: `is not valid YAML: ${error.reason}.` };
        throw error;
    }
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
    const lineAt = (offset: number): number => {
        let lo = 0;
        let hi = lineStarts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (lineStarts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        return lo + 1;
    };

    const nodes = new Map<string, { line: number; quoted: boolean }>();
    const stack: Frame[] = [];
    /** Records where the value at the top frame's current slot starts, then moves the frame on. */
    const placeValue = (offset: number, quoted: boolean) => {
        const top = stack[stack.length - 1];
        if (!top) return;
        const path = childPath(top);
        const known = nodes.get(path);
        nodes.set(path, { line: known?.line ?? lineAt(offset), quoted });
    };
    const advance = () => {
        const top = stack[stack.length - 1];
        if (!top) return;
        if (top.kind === "seq") top.index++;
        else top.key = undefined;
    };
    for (const event of events) {
        switch (event.type) {
            case EVENT_ID.SCALAR: {
                const top = stack[stack.length - 1];
                if (top?.kind === "map" && top.key === undefined) {
                    top.key = getScalarValue(text, event);
                    nodes.set(childPath(top), { line: lineAt(event.valueStart), quoted: false });
                    break;
                }
                const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
                placeValue(event.valueStart, quoted);
                advance();
                break;
            }
            case EVENT_ID.ALIAS: {
                const top = stack[stack.length - 1];
                if (top?.kind === "map" && top.key === undefined) top.key = "*alias";
                else {
                    placeValue(event.anchorStart, false);
                    advance();
                }
                break;
            }
            case EVENT_ID.MAPPING:
            case EVENT_ID.SEQUENCE: {
                const top = stack[stack.length - 1];
                // A collection used as a mapping key has no path of its own; its entries are recorded under "?".
                if (top?.kind === "map" && top.key === undefined) top.key = "?";
                else placeValue(event.start, false);
                const path = top ? childPath(top) : "";
                stack.push({ kind: event.type === EVENT_ID.MAPPING ? "map" : "seq", path, index: 0 });
                break;
            }
            case EVENT_ID.POP:
                if (stack.length > 0) {
                    stack.pop();
                    advance();
                }
                break;
        }
    }
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

/** `a.b[2].c` → `a.b[2]` → `a.b` → `a` → "". */
export function parentPath(path: string): string {
    const cut = Math.max(path.lastIndexOf("."), path.endsWith("]") ? path.lastIndexOf("[") : -1);
    return cut <= 0 ? "" : path.slice(0, cut);
}
