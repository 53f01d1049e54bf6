// `npm run test:isolated`: every file of the mocha suite run alone, in its own process, so a test that passes only
// when other files are loaded first (shared state, a check that reads mocha's tree of loaded tests) fails here.
// Too slow for `npm test` (a process per file); CI runs it. Plain JavaScript, run after the build.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";

const root = path.join(import.meta.dirname, "..");
const mocha = path.join(root, "node_modules", "mocha", "bin", "mocha.js");
const ignored = ["e2e", "package", "tools"].map((dir) => path.join(root, "bin", "tests", dir) + path.sep);

function testFiles(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return ignored.includes(full + path.sep) ? [] : testFiles(full);
        return entry.name.endsWith(".test.js") ? [full] : [];
    });
}

function runAlone(file) {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [mocha, "--config", ".mocharc.json", "--reporter", "dot", file], { cwd: root });
        let output = "";
        for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (output += chunk));
        child.on("close", (code) => resolve({ file: path.relative(root, file), code, output }));
    });
}

const files = testFiles(path.join(root, "bin", "tests"));
const failed = [];
let next = 0;
async function worker() {
    while (next < files.length) {
        const result = await runAlone(files[next++]);
        if (result.code !== 0) failed.push(result);
    }
}
await Promise.all(Array.from({ length: Math.max(1, os.availableParallelism()) }, worker));
for (const { file, output } of failed) process.stdout.write(`\n${file}, run alone, failed:\n${output}`);
process.stdout.write(`${files.length - failed.length} of ${files.length} test files pass when run alone.\n`);
process.exit(failed.length > 0 ? 1 : 0);
