/** rclone's own grammars for the values `backup` passes it: remote paths and durations. */

/** rclone's duration suffixes (fs.ParseDuration: Go's, plus d, w, M and y), with their length in seconds. */
const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 7 * 86400, M: 30 * 86400, y: 365 * 86400 };
const DURATION = /^(\d+(\.\d+)?(ms|s|m|h|d|w|M|y))+$/;

/** The length of an rclone duration such as "30d" or "1w2d" in seconds, or undefined when it is not one. */
export function rcloneDurationSeconds(value: unknown): number | undefined {
    if (typeof value !== "string" || !DURATION.test(value)) return undefined;
    let seconds = 0;
    for (const [, amount, , unit] of value.matchAll(/(\d+(\.\d+)?)(ms|s|m|h|d|w|M|y)/g)) seconds += Number(amount) * UNITS[unit];
    return seconds;
}

/**
 * A remote path `<remote>:<path>`. The remote is configured from `RCLONE_CONFIG_<REMOTE>_<KEY>` variables, so its
 * name must fit an environment variable: letters, digits and "_".
 */
export const REMOTE_PATH = /^([A-Za-z0-9_]+):(.*)$/;

/** Why `value` is not a remote path rclone can use from environment variables alone, or undefined. */
export function remotePathError(value: unknown): string | undefined {
    if (typeof value !== "string" || value === "") return "it is empty";
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (/[\x00-\x1f\x7f]/.test(value) || value.trim() !== value) return "it has control characters or surrounding spaces";
    const match = REMOTE_PATH.exec(value);
    const name = /^([^:/]+):/.exec(value)?.[1];
    if (!match && name !== undefined)
        return `the remote name "${name}" has ${JSON.stringify(name.replace(/[A-Za-z0-9_]/g, "")[0])}: rclone reads the remote from RCLONE_CONFIG_<REMOTE>_* variables, so its name may have only letters, digits and "_"`;
    if (!match) return "it does not start with a remote name and a colon (remote:path)";
    if (match[2].split("/").some((part) => part === "..")) return 'it has a ".." part';
    return undefined;
}

/** The destination with its remote name made a valid one ("s3-prod:bucket" → "s3_prod:bucket"), when that is its only flaw. */
export function remoteNameFix(value: unknown): string | undefined {
    if (typeof value !== "string") return undefined;
    const fixed = value.replace(/^[^:/]+(?=:)/, (name) => name.replace(/[^A-Za-z0-9_]/g, "_"));
    return fixed !== value && remotePathError(fixed) === undefined ? fixed : undefined;
}
