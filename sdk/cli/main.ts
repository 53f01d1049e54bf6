#!/usr/bin/env node
/**
 * The pulumi-litefs command line: `render` prints, offline, what a Pulumi program using LiteFsApp would
 * create on the cluster, and the litefs.yml each LiteFsApp pod would write.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { dump, load } from "js-yaml";
import { LiteFsAppArgsError } from "../errors";
import { captureProgram, kubernetesObjects } from "../render/capture";
import { podConfigs } from "../render/pods";

const USAGE = `Usage: pulumi-litefs render <program> [--config key=value]... [--litefs] [--project name]

Runs a compiled Pulumi program (a .js file, or a folder with index.js) offline, with no cluster, no
Pulumi CLI and no state, and prints the Kubernetes objects it would create as YAML.

  -c, --config key=value   stack config the program reads (repeatable), e.g. image=ghcr.io/org/app@sha256:...
      --litefs             also print, as YAML comments, the litefs.yml pod-0 and pod-1 would write
      --project name       the Pulumi project name config is read under (default: from Pulumi.yaml)
`;

/** The project name from the nearest Pulumi.yaml at or above `start`. */
function projectName(start: string): string {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
        const file = path.join(dir, "Pulumi.yaml");
        if (fs.existsSync(file)) {
            const doc = load(fs.readFileSync(file, "utf8")) as { name?: string };
            if (doc?.name) return doc.name;
        }
        if (path.dirname(dir) === dir) return "project";
    }
}

function commented(text: string): string {
    return text
        .trimEnd()
        .split("\n")
        .map((line) => `# ${line}`.trimEnd())
        .join("\n");
}

async function render(argv: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
            config: { type: "string", short: "c", multiple: true },
            litefs: { type: "boolean" },
            project: { type: "string" },
        },
    });
    if (positionals.length !== 1) {
        process.stderr.write(USAGE);
        return 2;
    }
    const config: Record<string, string> = {};
    for (const pair of values.config ?? []) {
        const at = pair.indexOf("=");
        if (at < 1) throw new Error(`--config takes key=value, got "${pair}"`);
        config[pair.slice(0, at)] = pair.slice(at + 1);
    }
    const program = positionals[0];
    let hidden = 0;
    const resources = await captureProgram(program, values.project ?? projectName(path.dirname(path.resolve(program))), config);
    const objects = kubernetesObjects(resources, () => {
        hidden++;
        return "<secret: set at deploy time>";
    });
    const out: string[] = [
        "# Offline render by pulumi-litefs: what `pulumi up` would create, computed without a cluster.",
        ...objects.map((o) => `---\n${dump(o, { lineWidth: -1, noRefs: true })}`.trimEnd()),
    ];
    if (values.litefs)
        for (const { pod, role, litefsYaml } of podConfigs(objects))
            out.push(`---\n# litefs.yml that ${pod} (${role}) writes at start-up:\n${commented(litefsYaml)}`);
    process.stdout.write(`${out.join("\n")}\n`);
    if (hidden > 0) process.stderr.write(`pulumi-litefs: ${hidden} secret value(s) are shown as placeholders.\n`);
    return 0;
}

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "render") return render(rest);
    process.stderr.write(USAGE);
    return command === undefined || command === "--help" || command === "-h" ? 0 : 2;
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        const message = error instanceof LiteFsAppArgsError ? error.message : error instanceof Error ? error.message : String(error);
        process.stderr.write(`pulumi-litefs: ${message}\n`);
        process.exitCode = 1;
    },
);
