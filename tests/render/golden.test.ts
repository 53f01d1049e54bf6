import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cli } from "../support/cli";

/**
 * The golden render: every object (and each pod's litefs.yml) that examples/basic/app.yaml renders, checked
 * in, so that a change to any object shows as a diff in review. Regenerate with `npm run golden:update`.
 */
const GOLDEN = path.resolve(__dirname, "../../../tests/golden/basic.yaml");

describe("golden render of examples/basic/app.yaml", () => {
    it("is byte for byte tests/golden/basic.yaml (after an intended change: npm run golden:update, and review the diff)", async () => {
        const out = await cli("render", "examples/basic/app.yaml", "--litefs");
        assert.equal(out.status, 0, out.stderr);
        assert.equal(
            out.stdout,
            fs.readFileSync(GOLDEN, "utf8"),
            "the render differs from tests/golden/basic.yaml: run npm run golden:update if the change is intended",
        );
    });
});
