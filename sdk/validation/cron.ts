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

/** The expansion of each macro (robfig/cron v3 parser.go: parseDescriptor). */
const MACRO_FIELDS: Record<(typeof CRON_MACROS)[number], string> = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
};

interface FieldValues {
    readonly values: ReadonlySet<number>;
    /** `*` or `?` without a step: robfig's starBit, which decides how day of month and day of week combine. */
    readonly star: boolean;
}

/** The values a valid field matches, as robfig/cron v3's getRange computes them ("N/step" means "N-max/step"). */
function fieldValues(text: string, field: Field): FieldValues {
    const values = new Set<number>();
    let star = false;
    for (const part of text.split(",")) {
        const [range, stepText] = part.split("/");
        const step = stepText === undefined ? 1 : Number(stepText);
        let start = field.min;
        let end = field.max;
        if (range === "*" || range === "?") star ||= step === 1;
        else {
            const [from, to] = range.split("-").map((v) => value(v, field) as number);
            start = from;
            end = to ?? (stepText === undefined ? from : field.max);
        }
        for (let v = start; v <= end; v += step) values.add(v);
    }
    return { values, star };
}

export interface CronGaps {
    /** The longest time between two runs, in minutes. */
    readonly longestMinutes: number;
    /** The shortest time between two runs, in minutes. */
    readonly shortestMinutes: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
/** The Gregorian calendar repeats every 400 years, weekdays included (146097 days = 20871 weeks). */
const CYCLE_DAYS = 146097;
const gapsCache = new Map<string, CronGaps | undefined>();

/**
 * The longest and shortest time between two runs of a valid schedule (see `cronError`), over a whole 400-year
 * calendar cycle, in UTC; undefined when it never runs (e.g. "0 0 30 2 *": 30 February, which the API server
 * accepts and the CronJob controller then never schedules). Day of month and day of week combine as in robfig/cron
 * v3's dayMatches: both must match when either is `*`, otherwise either may.
 */
export function cronGaps(schedule: string): CronGaps | undefined {
    const text = schedule.trim();
    if (gapsCache.has(text)) return gapsCache.get(text);
    const spec = text.startsWith("@") ? MACRO_FIELDS[text as (typeof CRON_MACROS)[number]] : text;
    const [minute, hour, dom, month, dow] = spec.split(/\s+/).map((f, i) => fieldValues(f, FIELDS[i]));
    const times = [...hour.values].flatMap((h) => [...minute.values].map((m) => h * 60 + m)).sort((a, b) => a - b);
    let shortest = Infinity;
    let longest = 0;
    for (let i = 1; i < times.length; i++) {
        shortest = Math.min(shortest, times[i] - times[i - 1]);
        longest = Math.max(longest, times[i] - times[i - 1]);
    }
    const first = times[0];
    const last = times[times.length - 1];
    let firstDay: number | undefined;
    let previousDay: number | undefined;
    // 2000-01-01 was a Saturday.
    for (let day = 0, year = 2000, m = 0, d = 1, weekday = 6; day < CYCLE_DAYS; day++) {
        const domMatch = dom.values.has(d);
        const dowMatch = dow.values.has(weekday);
        const dayMatches = dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch;
        if (dayMatches && month.values.has(m + 1)) {
            if (previousDay !== undefined) {
                const gap = (day - previousDay) * 1440 + first - last;
                shortest = Math.min(shortest, gap);
                longest = Math.max(longest, gap);
            }
            firstDay ??= day;
            previousDay = day;
        }
        weekday = (weekday + 1) % 7;
        if (++d > (m === 1 && isLeap(year) ? 29 : DAYS_IN_MONTH[m])) {
            d = 1;
            if (++m === 12) [m, year] = [0, year + 1];
        }
    }
    let gaps: CronGaps | undefined;
    if (firstDay !== undefined && previousDay !== undefined) {
        const wrap = (firstDay + CYCLE_DAYS - previousDay) * 1440 + first - last;
        gaps = { longestMinutes: Math.max(longest, wrap), shortestMinutes: Math.min(shortest, wrap) };
    }
    gapsCache.set(text, gaps);
    return gaps;
}
