/** Reusable Kubernetes rules: names, ports, quantities, env names. Each returns the problems it finds. */
import type { Problem } from "./problem";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Kubernetes resource quantity (apimachinery's resource.Quantity grammar, non-negative). */
const QUANTITY = /^(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][-+]?\d+)?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const LABEL_VALUE = /^(([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?)$/;

export function dnsLabel(value: unknown, path: string, maxLength = 63, startWithLetter = false): Problem[] {
    const pattern = startWithLetter ? DNS1035_LABEL : DNS1123_LABEL;
    if (typeof value !== "string" || !pattern.test(value))
        return [
            {
                path,
                message: `must be a DNS label (lowercase letters, digits and "-", ${startWithLetter ? "starting with a letter" : "starting with a letter or digit"}, ending with a letter or digit), got ${JSON.stringify(value)}.`,
                fix: typeof value === "string" ? `e.g. "${suggestLabel(value)}".` : undefined,
            },
        ];
    if (value.length > maxLength)
        return [{ path, message: `is ${value.length} characters; it may have at most ${maxLength} here.` }];
    return [];
}

function suggestLabel(value: string): string {
    const label = value
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/^[^a-z]+|-+$/g, "");
    return label || "my-app";
}

export function dnsSubdomain(value: unknown, path: string): Problem[] {
    if (typeof value !== "string" || value.length > 253 || !DNS1123_SUBDOMAIN.test(value))
        return [{ path, message: `must be a DNS subdomain (lowercase, dot-separated labels, at most 253 characters), got ${JSON.stringify(value)}.` }];
    return [];
}

export function port(value: unknown, path: string): Problem[] {
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 65535)
        return [{ path, message: `must be a whole port number from 1 to 65535, got ${JSON.stringify(value)}.` }];
    return [];
}

export function quantity(value: unknown, path: string, example: string): Problem[] {
    if (typeof value !== "string" || !QUANTITY.test(value))
        return [
            {
                path,
                message: `must be a Kubernetes quantity such as "${example}", got ${JSON.stringify(value)}.`,
                fix: typeof value === "number" ? `quote it with a unit, e.g. "${value}${example.replace(/^[\d.]+/, "")}".` : undefined,
            },
        ];
    return [];
}

export function envName(value: string, path: string): Problem[] {
    return ENV_NAME.test(value)
        ? []
        : [{ path, message: 'is not a valid environment variable name (letters, digits, "_", "-", "."; not starting with a digit).' }];
}

export function labels(value: unknown, path: string): Problem[] {
    if (value === undefined) return [];
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return [{ path, message: "must be a map of label names to values." }];
    const problems: Problem[] = [];
    for (const [key, v] of Object.entries(value)) {
        if (!isLabelName(key)) problems.push({ path: `${path}.${key}`, message: "is not a valid Kubernetes label name." });
        if (!isLabelValue(v))
            problems.push({ path: `${path}.${key}`, message: `has an invalid label value ${JSON.stringify(v)} (at most 63 letters, digits, "-", "_", ".").` });
    }
    return problems;
}

/** A label (or taint) key: an optional DNS-subdomain prefix and "/", then a name of at most 63 characters. */
export function isLabelName(key: unknown): boolean {
    if (typeof key !== "string") return false;
    const [prefix, name] = key.includes("/") ? key.split("/", 2) : [undefined, key];
    return (prefix === undefined || dnsSubdomain(prefix, "").length === 0) && name.length <= 63 && LABEL_NAME.test(name);
}

export function isLabelValue(value: unknown): boolean {
    return typeof value === "string" && value.length <= 63 && LABEL_VALUE.test(value);
}

/** A whole number from `min` up to `max` (inclusive), e.g. seconds or a count. */
export function wholeNumber(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): Problem[] {
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
        const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
        return [{ path, message: `must be a whole number ${range}, got ${JSON.stringify(value)}.` }];
    }
    return [];
}

/** One of a fixed set of strings. */
export function oneOf(value: unknown, path: string, allowed: readonly string[]): Problem[] {
    if (typeof value === "string" && allowed.includes(value)) return [];
    const choices = allowed.map((a) => JSON.stringify(a));
    return [{ path, message: `must be ${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}, got ${JSON.stringify(value)}.` }];
}

/** An array argument: a problem if it is something else. */
export function list(value: unknown, path: string): Problem[] {
    return Array.isArray(value) ? [] : [{ path, message: `must be a list, got ${JSON.stringify(value)}.` }];
}

export function stringMap(value: unknown, path: string): Problem[] {
    if (value === undefined) return [];
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return [{ path, message: "must be a map of strings." }];
    return Object.entries(value)
        .filter(([, v]) => typeof v !== "string")
        .map(([k, v]) => ({ path: `${path}.${k}`, message: `must be a string, got ${JSON.stringify(v)}.` }));
}

export function absolutePath(value: unknown, path: string): Problem[] {
    if (typeof value !== "string" || !value.startsWith("/") || value === "/" || /\s|\/\.\.?(\/|$)/.test(value))
        return [{ path, message: `must be an absolute directory path other than "/", without "." or ".." parts, got ${JSON.stringify(value)}.` }];
    return [];
}

/** True when `inner` is `outer` or lies below it. */
export function isWithin(inner: string, outer: string): boolean {
    const a = inner.replace(/\/+$/, "");
    const b = outer.replace(/\/+$/, "");
    return a === b || a.startsWith(`${b}/`);
}
