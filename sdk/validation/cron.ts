/**
 * The cron grammar a Kubernetes CronJob accepts: robfig/cron v3's standard parser, which the API server and the
 * CronJob controller use. Five fields (minute, hour, day of month, month, day of week), each `*` or `?`, a
 * value, a range `a-b`, a step `/n` after either, or a comma list of those; months and weekdays also by their
 * three-letter English names; or one of the macros. `TZ=`/`CRON_TZ=` prefixes are refused by the API server
 * next to `timeZone`, which pulumi-litefs sets.
 */

interface Field {
    readonly name: string;
    readonly min: number;
    readonly max: number;
    readonly names?: readonly string[];
}

const FIELDS: readonly Field[] = [
    { name: "minute", min: 0, max: 59 },
    { name: "hour", min: 0, max: 23 },
    { name: "day of month", min: 1, max: 31 },
    { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] },
    { name: "day of week", min: 0, max: 6, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] },
];

/** The macros the CronJob controller knows (robfig's `@every <duration>` is left out: its runs drift from the clock). */
export const CRON_MACROS = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"] as const;

function value(text: string, field: Field): number | string {
    const index = field.names?.indexOf(text.toLowerCase()) ?? -1;
    if (index >= 0) return field.min + index;
    if (!/^\d+$/.test(text)) return `"${text}" is not a number${field.names ? " or a name" : ""}`;
    const n = Number(text);
    if (n < field.min || n > field.max) return `${n} is outside ${field.min}-${field.max}`;
    return n;
}

/** What is wrong with one comma-separated part of a field, or undefined. */
function partError(part: string, field: Field): string | undefined {
    const [range, step, extra] = part.split("/");
    if (extra !== undefined) return `"${part}" has more than one "/"`;
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `the step in "${part}" must be a whole number above 0`;
    if (range === "*" || range === "?") return undefined;
    const [from, to, more] = range.split("-");
    if (more !== undefined) return `"${range}" is not a range a-b`;
    const start = value(from, field);
    if (typeof start === "string") return start;
    if (to === undefined) return undefined;
    const end = value(to, field);
    if (typeof end === "string") return end;
    if (start > end) return `the range "${range}" runs backwards`;
    return undefined;
}

/** Why `schedule` is not a CronJob schedule, or undefined when it is one. */
export function cronError(schedule: unknown): string | undefined {
    if (typeof schedule !== "string" || schedule.trim() === "") return "it is empty or not a string";
    const text = schedule.trim();
    if (/^(CRON_)?TZ=/.test(text)) return "a time zone prefix is not allowed (the schedule is in UTC)";
    if (text.startsWith("@"))
        return (CRON_MACROS as readonly string[]).includes(text) ? undefined : `"${text}" is not one of ${CRON_MACROS.join(", ")}`;
    const fields = text.split(/\s+/);
    if (fields.length !== 5)
        return `it has ${fields.length} field${fields.length === 1 ? "" : "s"}; a schedule has 5 (minute hour day-of-month month day-of-week)`;
    for (const [i, field] of FIELDS.entries()) {
        for (const part of fields[i].split(",")) {
            const error = part === "" ? "an empty list item" : partError(part, field);
            if (error) return `the ${field.name} field "${fields[i]}": ${error}`;
        }
    }
    return undefined;
}
