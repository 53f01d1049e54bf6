/** defaults.ts is the only place a default lives: the args types' TSDoc and the README's default column must agree with it. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { DEFAULTS, type DefaultPath } from "../../sdk/plan/defaults";
import { parseImageReference } from "../../sdk/validation/image-reference";

const root = path.resolve(__dirname, "../../..");
const README = fs.readFileSync(path.join(root, "README.md"), "utf8");
const ARGS_DIR = path.join(root, "sdk/args");

const entries = Object.entries(DEFAULTS) as [DefaultPath, unknown][];
const TIMING = /^probes\.(readiness|liveness|startup)\.(\w+)$/;

/**
 * The TSDoc of every argument path in sdk/args/, following the interfaces an interface extends and property
 * types into the interfaces they name.
 */
function argumentDocs(): Map<string, string> {
    const interfaces = new Map<string, { node: ts.InterfaceDeclaration; source: ts.SourceFile }>();
    for (const file of fs.readdirSync(ARGS_DIR).filter((f) => f.endsWith(".ts"))) {
        const full = path.join(ARGS_DIR, file);
        const source = ts.createSourceFile(full, fs.readFileSync(full, "utf8"), ts.ScriptTarget.ES2022, true);
        source.forEachChild((node) => {
            if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, { node, source });
        });
    }
    const docs = new Map<string, string>();
    const walk = (name: string, prefix: string) => {
        const found = interfaces.get(name);
        if (!found) return;
        const { node, source } = found;
        for (const base of node.heritageClauses?.flatMap((clause) => clause.types) ?? []) walk(base.expression.getText(source), prefix);
        for (const member of node.members) {
            if (!ts.isPropertySignature(member) || !member.type) continue;
            const key = `${prefix}${member.name.getText(source)}`;
            const doc = ts
                .getJSDocCommentsAndTags(member)
                .map((d) => ts.getTextOfJSDocComment(d.comment) ?? "")
                .join(" ");
            docs.set(key, doc.replace(/\s+/g, " "));
            const type = ts.isArrayTypeNode(member.type) ? member.type.elementType : member.type;
            if (ts.isTypeReferenceNode(type) && interfaces.has(type.typeName.getText(source)))
                walk(type.typeName.getText(source), `${key}.`);
        }
    };
    walk("LiteFsAppArgs", "");
    return docs;
}

/** How a default is written in prose: strings quoted, numbers and booleans bare, lists and objects as JSON. */
function written(value: unknown): string {
    return typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
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

/** The README's argument table: path → default cell. */
function readmeDefaults(): Map<string, string> {
    const rows = new Map<string, string>();
    const lines = README.split("\n");
    const start = lines.indexOf("| argument | type | default | meaning |");
    assert.notEqual(start, -1, "README has no argument table");
    for (const line of lines.slice(start + 2)) {
        if (!line.startsWith("|")) break;
        // Cells may hold escaped pipes (`"a" \| "b"`).
        const cells = /^\| `([^`]+)` \| (?:[^|\\]|\\.)+ \| ((?:[^|\\]|\\.)+) \|/.exec(line);
        if (cells) rows.set(cells[1], cells[2].trim());
    }
    return rows;
}

describe("defaults (sdk/plan/defaults.ts)", () => {
    const docs = argumentDocs();
    const rows = readmeDefaults();

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

    it("matches the README's default column (or its sentence `x` defaults to `v`)", () => {
        const wrong: string[] = [];
        for (const [key, value] of entries) {
            const timing = TIMING.exec(key);
            if (timing) {
                const t = timingOf(timing[1]);
                const cell = rows.get(`probes.${timing[1]}`);
                if (cell !== `period ${t.period}, timeout ${t.timeout}, ${t.failures} failures`) wrong.push(`probes.${timing[1]}: ${cell}`);
            } else if (rows.has(key)) {
                if (rows.get(key) !== `\`${written(value)}\``)
                    wrong.push(`${key}: the README says ${rows.get(key)}, defaults.ts ${written(value)}`);
            } else {
                const leaf = key.split(".").at(-1);
                const sentences = [`\`${key}\` defaults to \`${value}\``, `\`${leaf}\` defaults to \`${written(value)}\``];
                if (!sentences.some((s) => README.includes(s))) wrong.push(`${key}: the README states no default ${written(value)}`);
            }
        }
        assert.deepEqual(wrong, []);
    });

    it("would catch a drifted default", () => {
        assert.equal(rows.get("replicas"), `\`${DEFAULTS.replicas}\``);
        assert.notEqual(rows.get("replicas"), `\`${DEFAULTS.replicas + 1}\``);
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
