/**
 * `npm run docs`: regenerates the argument tables and the input-rules table from the code (scripts/docs/generate.ts)
 * and says which files changed. `npm test` fails while a generated file is stale (tests/docs.test.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { generatedFiles } from "./docs/generate";

const root = path.resolve(__dirname, "..", "..");
for (const [file, text] of generatedFiles(root)) {
    const full = path.join(root, file);
    const changed = fs.readFileSync(full, "utf8") !== text;
    if (changed) fs.writeFileSync(full, text);
    console.log(`${changed ? "updated  " : "unchanged"} ${file}`);
}
