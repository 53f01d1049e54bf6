/** defaults.ts is the only place a default lives: the args types' TSDoc must agree with it (the docs' tables are generated from both). */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { readArguments } from "../../scripts/docs/arguments";
import { written } from "../../scripts/docs/generate";
import { DEFAULTS, type DefaultPath } from "../../sdk/plan/defaults";
import { parseImageReference } from "../../sdk/validation/image-reference";

const root = path.resolve(__dirname, "../../..");

const entries = Object.entries(DEFAULTS) as [DefaultPath, unknown][];
const TIMING = /^probes\.(readiness|liveness|startup)\.(\w+)$/;

/** The TSDoc of every argument path in sdk/args/, read by the docs generator (which follows the types). */
function argumentDocs(): Map<string, string> {
    return new Map(
        readArguments(root).map((row) => [
            row.key,
            row.statedDefault === undefined ? row.description : `${row.description} Default: ${row.statedDefault}`,
        ]),
    );
}

function timingOf(kind: string) {
    const at = (field: string) => DEFAULTS[`probes.${kind}.${field}` as DefaultPath];
    return {
        period: at("periodSeconds"),
        timeout: at("timeoutSeconds"),
        failures: at("failureThreshold"),
        delay: at("initialDelaySeconds"),
    };
}

describe("defaults (sdk/plan/defaults.ts)", () => {
    const docs = argumentDocs();

    it("names only argument paths that exist in LiteFsAppArgs", () => {
        assert.deepEqual(
            entries.map(([key]) => key).filter((key) => !docs.has(key)),
            [],
        );
    });

    it("matches every `Default:` statement in sdk/args/", () => {
        const wrong: string[] = [];
        for (const [key, value] of entries) {
            const timing = TIMING.exec(key);
            if (timing) {
                const t = timingOf(timing[1]);
                const doc = docs.get(`probes.${timing[1]}`) ?? "";
                const expected = [
                    `period ${t.period}s`,
                    `timeout ${t.timeout}s`,
                    `${t.failures} failures`,
                    t.delay === 0 ? "no initial delay" : `initial delay ${t.delay}s`,
                ];
                if (!expected.every((part) => doc.includes(part)))
                    wrong.push(`probes.${timing[1]}: "${doc}" should say ${expected.join(", ")}`);
            } else if (!(docs.get(key) ?? "").includes(`Default: ${written(value)}`))
                wrong.push(`${key}: "${docs.get(key)}" should say Default: ${written(value)}`);
        }
        assert.deepEqual(wrong, []);
    });

    it("names every image pulumi-litefs runs by its registry: CRI-O refuses short names like nginxinc/nginx-unprivileged", () => {
        const images = entries.filter(([key]) => /(^|\.)(image|\w+Image)$/.test(key));
        assert.ok(images.some(([key]) => key === "metrics.image") && images.some(([key]) => key === "backup.image"));
        const short = images.filter(([, value]) => {
            const parsed = parseImageReference(String(value));
            return !parsed.ok || parsed.ref.domain === undefined;
        });
        assert.deepEqual(short, []);
    });
});
