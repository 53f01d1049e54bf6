/** rclone's remote-path grammar (sdk/validation/rclone.ts): a refusal names the real flaw. */
import * as assert from "node:assert/strict";
import type { BackupArgs } from "../../sdk";
import { planApp } from "../../sdk/plan";
import { remoteNameFix, remotePathError } from "../../sdk/validation/rclone";
import { EXAMPLE_BACKUP, exampleArgs } from "../support/app";
import { problemAt, refused } from "../support/refused";

const withDestination = (destination: string) => exampleArgs({ backup: { ...EXAMPLE_BACKUP, destination } as BackupArgs });

describe("rclone remote paths", () => {
    it('blame the "-" in a remote name, not a missing remote', () => {
        const error = remotePathError("s3-prod:bucket");
        assert.match(error ?? "", /the remote name "s3-prod" has "-"/);
        assert.doesNotMatch(error ?? "", /does not start with a remote name/);
        assert.match(remotePathError("my.remote:bucket") ?? "", /the remote name "my\.remote" has "\."/);
        assert.match(remotePathError("/backups") ?? "", /does not start with a remote name and a colon/);
    });

    it("[backup-destination] s3-prod:bucket is refused for its remote name, with a renamed remote that passes", async () => {
        const error = await refused("abaci-app", withDestination("s3-prod:bucket/abaci"));
        problemAt(
            error,
            "args.backup.destination",
            /the remote name "s3-prod" has "-"/,
            /write "s3_prod:bucket\/abaci", .*RCLONE_CONFIG_S3_PROD_\*/,
        );
        assert.equal(remoteNameFix("s3-prod:bucket/abaci"), "s3_prod:bucket/abaci");
        assert.ok(planApp("abaci-app", withDestination("s3_prod:bucket/abaci")).ok);
        // Nothing to rename: no suggestion of that kind.
        assert.equal(remoteNameFix("s3:bucket"), undefined);
        assert.equal(remoteNameFix("/backups"), undefined);
    });
});
