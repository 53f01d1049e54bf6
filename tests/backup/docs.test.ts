/** docs/backups.md states the layout, the freshness bound and the drill as the code has them. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PRE_RESTORE_DIR, SNAPSHOT_LAYOUT, SNAPSHOT_NAME_ERE, snapshotDir, snapshotTxid } from "../../sdk/backup/layout";
import { DEFAULTS } from "../../sdk/plan/defaults";
import { BACKUP_MAX_AGE_MARGIN_HOURS, MIN_QUIET_SCHEDULE_MINUTES } from "../../sdk/plan/backup";

const PAGE = fs.readFileSync(path.resolve(__dirname, "../../../docs/backups.md"), "utf8");

describe("docs/backups.md and the backup layout", () => {
    it("states the one layout, the pre-restore folder, and an example the layout produces", () => {
        assert.ok(PAGE.includes(SNAPSHOT_LAYOUT), SNAPSHOT_LAYOUT);
        assert.ok(PAGE.includes(`<destination>/<namespace>/<name>/<database>/${PRE_RESTORE_DIR}/`));
        const dir = snapshotDir({ destination: "s3:my-bucket/abaci", namespace: "abaci", name: "abaci-app", database: "sqlite.db" });
        const example = `${dir}/2026-12-01T22-00-00Z-txid4711.db.gz`;
        assert.ok(PAGE.includes(example), example);
        assert.match("2026-12-01T22-00-00Z-txid4711.db.gz", new RegExp(SNAPSHOT_NAME_ERE));
        assert.equal(snapshotTxid("2026-12-01T22-00-00Z-txid4711.db.gz"), 4711);
        assert.equal(snapshotTxid("2026-12-01T22-00-00Z.db.gz"), undefined, "a name from before the transaction id");
    });

    it("joins the folder as rclone expects, whatever the destination ends with", () => {
        const owner = { namespace: "ns", name: "app", database: "sqlite.db" };
        assert.equal(snapshotDir({ ...owner, destination: "s3:bucket" }), "s3:bucket/ns/app/sqlite.db");
        assert.equal(snapshotDir({ ...owner, destination: "s3:bucket/" }), "s3:bucket/ns/app/sqlite.db");
        assert.equal(snapshotDir({ ...owner, destination: "local:" }), "local:ns/app/sqlite.db");
    });

    it("states the freshness bound, keepLast, the alert threshold's margin and the quiet schedule as defaults.ts has them", () => {
        assert.ok(PAGE.includes(`**\`backup.maxSourceLagSeconds\` (default ${DEFAULTS["backup.maxSourceLagSeconds"]})**`));
        assert.ok(PAGE.includes(`\`backup.keepLast\` (default ${DEFAULTS["backup.keepLast"]})`));
        assert.ok(PAGE.includes(`\`backup.retention\` (default \`${DEFAULTS["backup.retention"]}\`)`));
        assert.ok(PAGE.includes(`plus ${BACKUP_MAX_AGE_MARGIN_HOURS} hours`));
        assert.ok(PAGE.includes(`more often than every ${MIN_QUIET_SCHEDULE_MINUTES} minutes`));
    });

    it("documents the drill, run monthly, with the command that prints it", () => {
        assert.match(PAGE, /## The restore drill: run it monthly/);
        assert.ok(PAGE.includes("npx pulumi-litefs restore app.yaml --verify"));
        assert.ok(PAGE.includes("`<name>-restore-drill`"));
    });
});
