/** Reusable Kubernetes rules: names, ports, quantities, env names. Each returns the problems it finds. */
import { followsLatest, parseImageReference } from "./image-reference";
import type { Problem } from "./problem";
import type { RuleId } from "./rule-ids";
import { isPlainObject, shown, trimDir } from "./values";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Kubernetes resource quantity (apimachinery's resource.Quantity grammar, non-negative). */
const QUANTITY = /^(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][-+]?\d+)?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** A key of a Secret or ConfigMap (apimachinery's IsConfigMapKey). */
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const LABEL_VALUE = /^(([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?)$/;

export function dnsLabel(
    value: unknown,
    path: string,
    rule: RuleId,
    maxLength = 63,
    startWithLetter = false,
    lengthRule = rule,
): Problem[] {
    const pattern = startWithLetter ? DNS1035_LABEL : DNS1123_LABEL;
    if (typeof value !== "string" || !pattern.test(value))
        return [
            {
                rule,
                path,
                message: `must be a DNS label (lowercase letters, digits and "-", ${startWithLetter ? "starting with a letter" : "starting with a letter or digit"}, ending with a letter or digit), got ${shown(value)}.`,
                fix: `e.g. "${suggestLabel(value, maxLength)}".`,
                suggestion: { path, value: suggestLabel(value, maxLength) },
            },
        ];
    if (value.length > maxLength)
        return [
            {
                rule: lengthRule,
                path,
                message: `is ${value.length} characters; it may have at most ${maxLength} here.`,
                fix: "choose a shorter name.",
            },
        ];
    return [];
}

/** A DNS label made from what the caller wrote: lowercase, "-" for anything else, starting with a letter. */
function suggestLabel(value: unknown, maxLength = 63): string {
    const label = (typeof value === "string" ? value : "")
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/^[^a-z]+/, "")
        .slice(0, maxLength)
        .replace(/-+$/, "");
    return label || "my-app";
}

/** A DNS subdomain made from what the caller wrote ("cluster.local." → "cluster.local"), or `fallback`. */
function suggestSubdomain(value: unknown, fallback: string): string {
    const subdomain = (typeof value === "string" ? value : "")
        .toLowerCase()
        .split(".")
        .map((label) => label.replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, ""))
        .filter(Boolean)
        .join(".");
    return subdomain.length <= 253 && DNS1123_SUBDOMAIN.test(subdomain) && subdomain !== value ? subdomain : fallback;
}

/** A DNS-1123 subdomain as Kubernetes names objects with it. DNS itself also limits each label to 63 characters. */
export function dnsSubdomain(value: unknown, path: string, rule: RuleId, dnsLabels = false, fallback = "my-name"): Problem[] {
    if (typeof value !== "string" || value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
        const suggested = suggestSubdomain(value, fallback);
        return [
            {
                rule,
                path,
                message: `must be a DNS subdomain (lowercase letters, digits, "-" and ".", at most 253 characters), got ${shown(value)}.`,
                fix: `e.g. "${suggested}".`,
                suggestion: { path, value: suggested },
            },
        ];
    }
    const long = dnsLabels ? value.split(".").find((label) => label.length > 63) : undefined;
    if (long)
        return [
            {
                rule,
                path,
                message: `has the ${long.length}-character label "${long}"; DNS labels may have at most 63.`,
                fix: "shorten that label.",
            },
        ];
    return [];
}

/** `example` is a port the caller knows to be free among the app's other ports. */
export function port(value: unknown, path: string, rule: RuleId, example = 3000): Problem[] {
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 65535) {
        const unquoted = typeof value === "string" && /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535;
        return [
            {
                rule,
                path,
                message: `must be a whole port number from 1 to 65535, got ${shown(value)}.`,
                fix: unquoted ? `write the number unquoted: ${value}.` : `e.g. ${example}.`,
                suggestion: { path, value: unquoted ? Number(value) : example },
            },
        ];
    }
    return [];
}

/** `preferred` if no other port takes it, else the next port up that none takes: a port a fix can suggest. */
export function freePort(preferred: number, taken: readonly unknown[]): number {
    let candidate = preferred;
    while (taken.includes(candidate)) candidate++;
    return candidate;
}

/** What a quantity counts: CPUs (`"0.5"`, `"500m"`) or bytes (`"512Mi"`). */
export type QuantityUnit = "cpu" | "bytes";

const UNIT_HINT: Record<QuantityUnit, string> = {
    cpu: 'a number of CPUs ("0.5", "2") or millicores with the suffix m ("500m"), no space',
    bytes: "a number with a binary suffix (Ki, Mi, Gi, Ti) or a decimal one (k, M, G, T), no space",
};

/** The fix for a quantity written as a YAML or JS number: quote it, keeping its meaning. */
function numberFix(value: number, unit: QuantityUnit, example: string): { fix: string; value: string } {
    if (unit === "cpu") {
        const millicores = `${Math.round(value * 1000)}m`;
        return { fix: `write it as a string: "${millicores}" (${value} CPU in millicores) or "${value}".`, value: millicores };
    }
    const quoted = `${value}${example.replace(/^[\d.]+/, "")}`;
    return { fix: `quote it with a unit, e.g. "${quoted}" (a number without a unit counts bytes).`, value: quoted };
}

export function quantity(value: unknown, path: string, rule: RuleId, example: string, unit: QuantityUnit = "bytes"): Problem[] {
    if (typeof value !== "string" || !QUANTITY.test(value)) {
        const quoted = typeof value === "number" && value > 0 && Number.isFinite(value) ? numberFix(value, unit, example) : undefined;
        return [
            {
                rule,
                path,
                message: `must be a Kubernetes quantity, ${UNIT_HINT[unit]}, such as "${example}"; got ${shown(value)}.`,
                fix: quoted?.fix ?? `e.g. "${example}".`,
                suggestion: { path, value: quoted?.value ?? example },
            },
        ];
    }
    return [];
}

/** What each quantity suffix multiplies by (apimachinery's resource.Quantity). */
const SUFFIX_FACTOR: Record<string, number> = {
    "": 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
};

/** The bytes a valid byte quantity stands for. */
function quantityBytes(value: string): number {
    const [, number, suffix = ""] = /^([\d.]+)(.*)$/.exec(value) ?? ["", "0"];
    return /^[eE]/.test(suffix) ? Number(`${number}${suffix}`) : Number(number) * SUFFIX_FACTOR[suffix];
}

/** The smallest volume that is not a mistake: a bare number counts bytes, so `"5"` asks for five of them. */
export const MIN_VOLUME_BYTES = 2 ** 20;

/** A volume size: a byte quantity of at least 1Mi (`tooSmallRule` for a size that parses but is zero or tiny). */
export function volumeSize(value: unknown, path: string, rule: RuleId, example: string, tooSmallRule = rule): Problem[] {
    const problems = quantity(value, path, rule, example);
    if (problems.length > 0 || typeof value !== "string" || quantityBytes(value) >= MIN_VOLUME_BYTES) return problems;
    const bare = /^\d+(\.\d+)?$/.test(value);
    return [
        {
            rule: tooSmallRule,
            path,
            message: bare
                ? `is ${JSON.stringify(value)}: a number without a unit counts bytes, so this asks for a ${value}-byte volume; the least that holds a database is 1Mi.`
                : `is ${JSON.stringify(value)}: ${quantityBytes(value) === 0 ? "it must be greater than zero" : "less than 1Mi, too small to hold a database"}.`,
            fix: bare && Number(value) > 0 ? `give the unit: "${value}Gi" (or "${value}Mi").` : `e.g. "${example}".`,
            suggestion: { path, value: bare && Number(value) > 0 ? `${value}Gi` : example },
        },
    ];
}

export function envName(value: string, path: string, rule: RuleId): Problem[] {
    return ENV_NAME.test(value)
        ? []
        : [
              {
                  rule,
                  path,
                  message: 'is not a valid environment variable name (letters, digits, "_", "-", "."; not starting with a digit).',
                  fix: `e.g. "${value.replace(/[^-._a-zA-Z0-9]+/g, "_").replace(/^(\d)/, "_$1") || "MY_VAR"}".`,
              },
          ];
}

/** A key inside a Secret or ConfigMap. */
export function configKey(value: unknown, path: string, rule: RuleId): Problem[] {
    if (typeof value !== "string" || value.length > 253 || !CONFIG_KEY.test(value))
        return [
            {
                rule,
                path,
                message: `must be a Secret key (letters, digits, "-", "_" and ".", at most 253 characters), got ${shown(value)}.`,
                fix: "use the key exactly as `kubectl get secret <name> -o jsonpath='{.data}'` lists it.",
            },
        ];
    return [];
}

/** A qualified name `[prefix/]name` as label keys and extended resources use (see `isLabelName`). */
export function qualifiedName(value: unknown, path: string, rule: RuleId, what: string, example: string, requirePrefix = false): Problem[] {
    const valid = isLabelName(value) && (!requirePrefix || (value as string).includes("/"));
    return valid ? [] : [{ rule, path, message: `is not a valid ${what}, got ${shown(value)}.`, fix: `e.g. "${example}".` }];
}

export function labels(value: unknown, path: string, rule: RuleId): Problem[] {
    if (value === undefined) return [];
    if (!isPlainObject(value)) return [{ rule, path, message: "must be a map of label names to values.", fix: '{ team: "web" }.' }];
    const problems: Problem[] = [];
    for (const [key, v] of Object.entries(value)) {
        problems.push(...qualifiedName(key, `${path}.${key}`, rule, "Kubernetes label name", "example.com/team"));
        if (!isLabelValue(v))
            problems.push({
                rule,
                path: `${path}.${key}`,
                message: `has an invalid label value ${JSON.stringify(v)} (a string of at most 63 letters, digits, "-", "_", ".", starting and ending with a letter or digit).`,
                fix: "put longer or free-form text in an annotation instead (podAnnotations).",
            });
    }
    return problems;
}

/** A label (or taint) key: an optional DNS-subdomain prefix and "/", then a name of at most 63 characters. */
export function isLabelName(key: unknown): boolean {
    if (typeof key !== "string" || key.split("/").length > 2) return false;
    const [prefix, name] = key.includes("/") ? key.split("/", 2) : [undefined, key];
    return (prefix === undefined || dnsSubdomain(prefix, "", "labels").length === 0) && name.length <= 63 && LABEL_NAME.test(name);
}

export function isLabelValue(value: unknown): boolean {
    return typeof value === "string" && value.length <= 63 && LABEL_VALUE.test(value);
}

/** A whole number from `min` up to `max` (inclusive), e.g. seconds or a count; `example` is the value a fix suggests. */
export function wholeNumber(
    value: unknown,
    path: string,
    rule: RuleId,
    min: number,
    max = Number.MAX_SAFE_INTEGER,
    example = min,
): Problem[] {
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
        const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
        const unquoted = typeof value === "string" && /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max;
        return [
            {
                rule,
                path,
                message: `must be a whole number ${range}, got ${shown(value)}.`,
                fix: unquoted ? `write the number unquoted: ${value}.` : `e.g. ${example}.`,
                suggestion: { path, value: unquoted ? Number(value) : example },
            },
        ];
    }
    return [];
}

/** An array argument: a problem if it is something else. */
export function list(value: unknown, path: string, rule: RuleId): Problem[] {
    return Array.isArray(value) ? [] : [{ rule, path, message: `must be a list, got ${shown(value)}.`, fix: "put the entries in [ … ]." }];
}

export function stringMap(value: unknown, path: string, rule: RuleId): Problem[] {
    if (value === undefined) return [];
    if (!isPlainObject(value)) return [{ rule, path, message: "must be a map of strings.", fix: '{ "example.com/owner": "web" }.' }];
    return Object.entries(value)
        .filter(([, v]) => typeof v !== "string")
        .map(([k, v]) => ({
            rule,
            path: `${path}.${k}`,
            message: `must be a string, got ${shown(v)}.`,
            fix: `quote it: "${String(v)}".`,
        }));
}

export function boolean(value: unknown, path: string, rule: RuleId): Problem[] {
    if (value === undefined || typeof value === "boolean") return [];
    return [{ rule, path, message: `must be true or false, got ${shown(value)}.`, fix: "write true or false, unquoted." }];
}

/** One of a fixed set of strings (the multi-language schema has no union types, so they are checked here). */
export function oneOf(value: unknown, path: string, rule: RuleId, allowed: readonly string[]): Problem[] {
    if (typeof value === "string" && allowed.includes(value)) return [];
    const choices = allowed.map((a) => JSON.stringify(a));
    const either = `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`;
    return [{ rule, path, message: `must be ${either}, got ${shown(value)}.`, fix: `use ${either} (exact case).` }];
}

/** `example` is a directory the caller knows fits with the other directories. */
export function absolutePath(value: unknown, path: string, rule: RuleId, example = "/var/lib/litefs"): Problem[] {
    if (typeof value !== "string" || !value.startsWith("/") || value === "/" || /\s|\/\.\.?(\/|$)/.test(value))
        return [
            {
                rule,
                path,
                message: `must be an absolute directory path other than "/", without "." or ".." parts, got ${shown(value)}.`,
                fix: `e.g. "${example}".`,
                suggestion: { path, value: example },
            },
        ];
    return [];
}

/** True when `inner` is `outer` or lies below it. */
export function isWithin(inner: string, outer: string): boolean {
    const a = trimDir(inner);
    const b = trimDir(outer);
    return a === b || b === "/" || a.startsWith(`${b}/`);
}

/**
 * An image pulumi-litefs itself runs (a sidecar, a backup step): a valid reference pinned by a version tag or a
 * digest, never `latest`, explicit or implied, which would change under the pods without a change Pulumi can see.
 */
export function pinnedImage(image: unknown, path: string, rule: RuleId, fix: string): Problem[] {
    if (typeof image !== "string") return [{ rule, path, message: `must be an image reference, got ${shown(image)}.`, fix }];
    const parsed = parseImageReference(image);
    if (!parsed.ok) return [{ rule, path, message: `is not an image reference: ${parsed.reason}, got ${shown(image)}.`, fix }];
    if (followsLatest(parsed.ref))
        return [
            {
                rule,
                path,
                message: `${JSON.stringify(image)} follows "latest": the image would change under the pods without a change Pulumi can see.`,
                fix,
            },
        ];
    return [];
}
