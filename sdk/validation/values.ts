/** Shape checks on untyped values (JavaScript and YAML callers), each written once. */

/** A mapping: an object that is neither null nor an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A directory without trailing slashes ("/" stays "/"); anything but a string is returned as is, for a rule to refuse. */
export function trimDir<T>(dir: T): T | string {
    return typeof dir === "string" ? dir.replace(/\/+$/, "") || "/" : dir;
}

/**
 * A value as a message shows it ("got …"): its JSON, except for an Output, whose JSON is a warning text of Pulumi's
 * rather than its value (`__pulumiOutput` is how @pulumi/pulumi's `Output.isInstance` tells one).
 */
export function shown(value: unknown): string {
    return isPlainObject(value) && value.__pulumiOutput === true
        ? "an Output, whose value is known only during the deployment (this argument takes a plain value)"
        : JSON.stringify(value);
}
