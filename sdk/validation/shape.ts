/**
 * Key tables for refusing unknown keys from JavaScript and YAML callers, who have no compiler to do it.
 * `Shape<T>` makes the compiler check that a table lists exactly the keys of the interface it mirrors.
 */
import { closest, type Problem } from "./problem";
import type { RuleId } from "./rule-ids";

type ShapeOf<V> = [V] extends [readonly unknown[]] ? true : [V] extends [object] ? (string extends keyof V ? true : Shape<V>) : true;
/** Every key of T: `true` for a leaf (scalar, list, map), a nested table for a nested interface. */
export type Shape<T> = { readonly [K in keyof T]-?: ShapeOf<Exclude<T[K], undefined>> };
export type AnyShape = { readonly [key: string]: true | AnyShape };

export type UnknownKeyReporter = (key: string, path: string, known: readonly string[], rule: RuleId) => Problem;

const reportUnknown: UnknownKeyReporter = (key, path, known, rule) => {
    const guess = closest(key, known);
    return {
        rule,
        path,
        message: "is not a known argument, so it would be ignored.",
        fix: guess ? `did you mean "${guess}"?` : `known here: ${known.join(", ")}.`,
    };
};

/** Problems for every key of `value` that `shape` does not list, recursing into nested tables; `rule` is their id. */
export function unknownKeys(
    value: unknown,
    shape: AnyShape,
    path: string,
    report = reportUnknown,
    rule: RuleId = "args-unknown",
): Problem[] {
    if (value === undefined || value === null) return [];
    if (typeof value !== "object" || Array.isArray(value))
        return [{ rule, path, message: "must be an object of named settings.", fix: `known here: ${Object.keys(shape).join(", ")}.` }];
    const problems: Problem[] = [];
    const known = Object.keys(shape);
    for (const [key, child] of Object.entries(value)) {
        const at = `${path}.${key}`;
        if (!Object.hasOwn(shape, key)) problems.push(report(key, at, known, rule));
        else if (shape[key] !== true) problems.push(...unknownKeys(child, shape[key] as AnyShape, at, report, rule));
    }
    return problems;
}
