/** doctor's fix for a script the build does not write: every rootDir it suggests compiles (no TS6059). */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { lintProject } from "../../sdk/doctor/project";

/** What tsc says about the options (TS6059 is among them) and the scripts it would write, for a tsconfig.json. */
function tscWith(dir: string): { errors: string[]; outputs: string[] } {
    const file = path.join(dir, "tsconfig.json");
    const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(file, ts.sys.readFile).config, ts.sys, dir, undefined, file);
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const errors = program.getOptionsDiagnostics().map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
    const outputs = parsed.fileNames.flatMap((f) => ts.getOutputFileNames(parsed, f, false)).map((o) => path.relative(dir, o));
    return { errors, outputs };
}

describe("doctor: the rootDir it suggests", () => {
    let root: string;
    before(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-rootdir-"))));
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    const project = (name: string, include: string[], files: string[]) => {
        const dir = path.join(root, name);
        for (const file of files) {
            fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
            fs.writeFileSync(path.join(dir, file), "export {};\n");
        }
        const compilerOptions = { outDir: "dist", module: "commonjs", target: "ES2022", strict: true };
        fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include }));
        return dir;
    };
    const fixFor = (dir: string, command: string) => {
        const findings = lintProject(dir, [{ command, file: "litefs.yml", path: "exec[0].cmd", line: 1 }]);
        assert.equal(findings.length, 1);
        return findings[0].fix;
    };
    /** Applies a suggested rootDir to tsconfig.json and asks tsc: it must compile and write the script. */
    const applyRootDir = (dir: string, fix: string, script: string) => {
        const rootDir = /set "rootDir": "([^"]+)"/.exec(fix)?.[1];
        assert.ok(rootDir, fix);
        const file = path.join(dir, "tsconfig.json");
        const config = JSON.parse(fs.readFileSync(file, "utf8"));
        fs.writeFileSync(file, JSON.stringify({ ...config, compilerOptions: { ...config.compilerOptions, rootDir } }));
        const { errors, outputs } = tscWith(dir);
        assert.deepEqual(errors, []);
        assert.ok(outputs.includes(script), `${script} not among ${outputs.join(", ")}`);
    };

    it('suggests "rootDir": "." when only db/ is compiled, and that compiles and writes the script', () => {
        const dir = project("seed", ["db"], ["db/migrate.ts"]);
        const fix = fixFor(dir, "node dist/db/migrate.js");
        assert.match(fix, /^run "node dist\/migrate\.js", or set "rootDir": "\." in tsconfig\.json/);
        applyRootDir(dir, fix, "dist/db/migrate.js");
    });

    it('never suggests "rootDir": "db" when other sources lie outside db (tsc would fail with TS6059)', () => {
        const dir = project("mixed", ["db", "src"], ["db/migrate.ts", "src/server.ts"]);
        const fix = fixFor(dir, "node dist/migrate.js");
        assert.doesNotMatch(fix, /set "rootDir"/);
        assert.match(
            fix,
            /^run "node dist\/db\/migrate\.js"\. \("rootDir": "db" would not compile: src\/server\.ts, which tsconfig\.json includes, lies outside it\.\)$/,
        );
        // The check is tsc's own: that rootDir really fails.
        const file = path.join(dir, "tsconfig.json");
        const config = JSON.parse(fs.readFileSync(file, "utf8"));
        fs.writeFileSync(file, JSON.stringify({ ...config, compilerOptions: { ...config.compilerOptions, rootDir: "db" } }));
        assert.match(tscWith(dir).errors.join("\n"), /TS6059/);
    });
});
