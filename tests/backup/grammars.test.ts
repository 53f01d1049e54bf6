/** The cron grammar of a CronJob schedule and rclone's remote paths and durations, as `backup` checks them. */
import * as assert from "node:assert/strict";
import { cronError } from "../../sdk/validation/cron";
import { rcloneDurationSeconds, remotePathError } from "../../sdk/validation/rclone";

describe("cron schedules (robfig/cron's standard parser, as Kubernetes uses it)", () => {
    for (const schedule of [
        "0 * * * *",
        "*/15 * * * *",
        "0 3 * * *",
        "30 2 * * 1-5",
        "0 0 1,15 * *",
        "0 */6 * * *",
        "5-55/10 * * * *",
        "0 4 * JAN,jul MON-FRI",
        "0 0 ? * SUN",
        "0 12 * * 0",
        "  0 1 * * *  ",
        "@hourly",
        "@daily",
        "@midnight",
        "@weekly",
        "@monthly",
        "@yearly",
        "@annually",
    ])
        it(`accepts ${JSON.stringify(schedule)}`, () => assert.equal(cronError(schedule), undefined));

    for (const [schedule, why] of [
        ["", /empty/],
        ["hourly", /1 field/],
        ["0 * * *", /4 fields/],
        ["0 * * * * *", /6 fields/],
        ["60 * * * *", /minute field "60": 60 is outside 0-59/],
        ["0 24 * * *", /hour field/],
        ["0 0 0 * *", /day of month field "0": 0 is outside 1-31/],
        ["0 0 * 13 *", /month field/],
        ["0 0 * * 7", /day of week field "7": 7 is outside 0-6/],
        ["*/0 * * * *", /step .* above 0/],
        ["5-1 * * * *", /runs backwards/],
        ["1,,2 * * * *", /empty list item/],
        ["0 0 * * MONDAY", /not a number or a name/],
        ["0 0 * FOO *", /not a number or a name/],
        ["a * * * *", /not a number/],
        ["@reboot", /not one of/],
        ["@every 1h", /not one of/],
        ["TZ=Europe/Paris 0 * * * *", /time zone/],
        ["CRON_TZ=UTC 0 * * * *", /time zone/],
        [3, /not a string/],
    ] as const)
        it(`refuses ${JSON.stringify(schedule)}`, () => assert.match(cronError(schedule) ?? "accepted", why));
});

describe("rclone durations", () => {
    it("reads rclone's suffixes, combined", () => {
        assert.equal(rcloneDurationSeconds("30d"), 30 * 86400);
        assert.equal(rcloneDurationSeconds("1w2d"), 9 * 86400);
        assert.equal(rcloneDurationSeconds("1.5h"), 5400);
        assert.equal(rcloneDurationSeconds("6M"), 180 * 86400);
        assert.equal(rcloneDurationSeconds("1y"), 365 * 86400);
        assert.equal(rcloneDurationSeconds("90m"), 5400);
    });

    it("refuses what is not a duration", () => {
        for (const value of ["", "30", "30 d", "30days", "d", "-1d", "1D", 30, undefined])
            assert.equal(rcloneDurationSeconds(value), undefined, JSON.stringify(value));
    });
});

describe("rclone remote paths", () => {
    it("accepts remote:path with an environment-variable remote name", () => {
        for (const value of ["s3:my-bucket/abaci", "r2:bucket", "gcs:bucket/a/b/", "my_sftp:", "B2:bucket/with space"])
            assert.equal(remotePathError(value), undefined, value);
    });

    it("refuses a local path, a remote name env variables cannot configure, '..' and control characters", () => {
        for (const [value, why] of [
            ["", /empty/],
            ["/backups", /remote name and a colon/],
            ["my-bucket/abaci", /remote name and a colon/],
            ["my-remote:bucket", /the remote name "my-remote" has "-"/],
            [":s3:bucket", /remote name and a colon/],
            ["s3:bucket/../other", /".." part/],
            ["s3:bucket\n", /control characters/],
            [" s3:bucket", /surrounding spaces/],
        ] as const)
            assert.match(remotePathError(value) ?? "accepted", why, JSON.stringify(value));
    });
});
