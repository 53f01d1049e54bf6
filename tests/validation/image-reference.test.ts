/** The image reference grammar (distribution/reference) the component and doctor share. */
import * as assert from "node:assert/strict";
import { isPinned, parseImageReference } from "../../sdk/validation/image-reference";

const SHA = "0123456789abcdef".repeat(4);

describe("image references", () => {
    it("parses registry, port, repository, tag and digest", () => {
        assert.deepEqual(parseImageReference(`ghcr.io/org/app:v1@sha256:${SHA}`), {
            ok: true,
            ref: { domain: "ghcr.io", repository: "ghcr.io/org/app", tag: "v1", digest: `sha256:${SHA}` },
        });
        assert.deepEqual(parseImageReference("localhost:5000/app"), {
            ok: true,
            ref: { domain: "localhost:5000", repository: "localhost:5000/app", tag: undefined, digest: undefined },
        });
        assert.deepEqual(parseImageReference("flyio/litefs:0.5.14"), {
            ok: true,
            ref: { domain: undefined, repository: "flyio/litefs", tag: "0.5.14", digest: undefined },
        });
        for (const valid of ["node:20-bookworm-slim", "a__b/c-d.e", "registry.example.com:443/team/app_1:latest", "app"])
            assert.equal(parseImageReference(valid).ok, true, valid);
    });

    it("refuses what the kubelet would call InvalidImageName", () => {
        for (const invalid of [
            "ghcr.io/Acme/Notes@sha256:abc",
            "ghcr.io/acme/notes@sha256:abc",
            `ghcr.io/acme/notes@sha256:${SHA.toUpperCase()}`,
            "ghcr.io/acme/notes:-bad",
            `ghcr.io/acme/notes:${"t".repeat(129)}`,
            "acme//notes",
            "acme/notes-",
            "",
            `${"a".repeat(256)}`,
        ])
            assert.equal(parseImageReference(invalid).ok, false, invalid);
        const upper = parseImageReference("ghcr.io/Acme/Notes:v1");
        assert.ok(!upper.ok && /lowercase/.test(upper.reason));
    });

    it("is pinned only by a full sha256 digest", () => {
        const pinned = parseImageReference(`app@sha256:${SHA}`);
        const tagged = parseImageReference("app:v1");
        assert.ok(pinned.ok && isPinned(pinned.ref));
        assert.ok(tagged.ok && !isPinned(tagged.ref));
    });
});
