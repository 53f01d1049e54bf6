/** `restore --snapshot`: only a path the restore Job can fetch, relative to `<destination>/<database>/`, is taken. */
import * as assert from "node:assert/strict";
import { EXAMPLE_BACKUP } from "../support/app";
import { cli } from "../support/cli";

const app = ["abaci-app", "--destination", EXAMPLE_BACKUP.destination, "--rclone-config-secret", EXAMPLE_BACKUP.rcloneConfigSecret];
/** The example app's snapshot folder, <destination>/<namespace>/<name>/<database>. */
const DIR = "s3:my-bucket/abaci/abaci-app/abaci-app/sqlite.db";

describe("restore --snapshot", () => {
    const cases: [given: string, why: RegExp, fix: string][] = [
        ["/abs/path", /absolute path, but the Job looks for it below s3:my-bucket\/abaci\/abaci-app\/abaci-app\/sqlite\.db\//, "latest"],
        ["/tmp/2026-01-01T00-00-00Z.db.gz", /absolute path/, "latest"],
        [`/${DIR.slice(3)}/2026-01-01T00-00-00Z.db.gz`, /absolute path/, "2026-01-01T00-00-00Z.db.gz"],
        [`${DIR}/pre-restore/2026-01-01T00-00-00Z.db.gz`, /remote path/, "pre-restore/2026-01-01T00-00-00Z.db.gz"],
        ["../other/x.db.gz", /has a "\." or "\.\." part/, "latest"],
        ["", /empty/, "latest"],
    ];
    for (const [given, why, fix] of cases)
        it(`refuses ${JSON.stringify(given)} (exit 2, nothing printed), with a fix that is itself accepted`, async () => {
            const run = await cli("restore", ...app, "--snapshot", given);
            assert.equal(run.status, 2);
            assert.equal(run.stdout, "");
            assert.ok(run.stderr.includes(`--snapshot must be latest or a snapshot's path relative to ${DIR}/`), run.stderr);
            assert.match(run.stderr, why);
            const suggested = /Fix: --snapshot (\S+) /.exec(run.stderr)?.[1];
            assert.equal(suggested, fix);
            assert.equal((await cli("restore", ...app, "--snapshot", fix)).status, 0);
        });

    it("takes latest and a path as the listing prints it", async () => {
        for (const snapshot of ["latest", "2026-01-01T00-00-00Z.db.gz", "pre-restore/2026-01-01T00-00-00Z.db.gz"]) {
            const run = await cli("restore", ...app, "--snapshot", snapshot);
            assert.equal(run.status, 0, run.stderr);
        }
    });
});
