// `npm test`: build, then lint (ESLint and the Prettier check) beside the test suite. mocha needs the build, and
// linting needs nothing but the sources, so on two cores the lint runs in mocha's shadow. Plain JavaScript: it runs
// before anything is compiled.
import { spawn } from "node:child_process";
import path from "node:path";
import process from "node:process";

/** The mocha suite: every compiled test but e2e/, package/ and tools/ (.mocharc.json ignores those). */
const SUITE = "bin/tests/**/*.test.js";
const bin = (tool) => path.join(import.meta.dirname, "..", "node_modules", ".bin", tool);

/** Runs a command; its output goes to the terminal, or is kept to print later when `quiet`. */
function run(tool, args, quiet = false) {
    return new Promise((resolve) => {
        const child = spawn(bin(tool), args, { stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
        let output = "";
        if (quiet) for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (output += chunk));
        child.on("error", (error) => resolve({ code: 1, output: `${tool}: ${error.message}\n` }));
        child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
    });
}

async function lint() {
    const eslint = await run("eslint", ["--max-warnings=0", "."], true);
    const prettier = await run("prettier", ["--check", "**/*.ts"], true);
    return { code: eslint.code || prettier.code, output: eslint.output + prettier.output };
}

const linting = lint();
const build = await run("tsc", ["-p", "tsconfig.json"]);
// The suite's files are named here, not in .mocharc.json: mocha adds a config's spec to the files named on its command
// line, so `npx mocha --config .mocharc.json bin/tests/<file>.test.js` would run everything.
const tests = build.code === 0 ? await run("mocha", ["--config", ".mocharc.json", SUITE]) : build;
const linted = await linting;
process.stdout.write(linted.output);
if (linted.code !== 0) process.stderr.write("npm test: the lint or format check failed (above).\n");
process.exit(tests.code || linted.code);
