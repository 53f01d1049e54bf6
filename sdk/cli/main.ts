#!/usr/bin/env node
/**
 * The pulumi-litefs command line: `render` prints, offline, what a Pulumi program using LiteFsApp would
 * create on the cluster, and the litefs.yml each LiteFsApp pod would write; `recover` prints the commands
 * that fix a replica stuck on "different cluster id".
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { dump, load } from "js-yaml";
import { LiteFsAppArgsError } from "../errors";
import { DEFAULT_API_PORT } from "../naming";
import { DEFAULTS, planApp } from "../plan";
import { recoveryCommands, recoveryTarget } from "../recovery";
import { formatProblem } from "../validation/problem";
import { captureProgram, kubernetesObjects } from "../render/capture";
import { podConfigs } from "../render/pods";

const USAGE = `Usage: pulumi-litefs render <program> [--config key=value]... [--litefs] [--project name]
       pulumi-litefs recover <name> [--namespace ns] [--replicas n] [--database file] [--data-dir dir] [--api-port port]

render: runs a compiled Pulumi program (a .js file, or a folder with index.js) offline, with no cluster, no
Pulumi CLI and no state, and prints the Kubernetes objects it would create as YAML.

  -c, --config key=value   stack config the program reads (repeatable), e.g. image=ghcr.io/org/app@sha256:...
      --litefs             also print, as YAML comments, the litefs.yml pod-0 and pod-1 would write
      --project name       the Pulumi project name config is read under (default: from Pulumi.yaml)

recover: prints the commands that fix "cannot stream from primary with a different cluster id" for the
LiteFsApp <name> (its instance name), with pods and PVCs filled in. Pass the values the app was given;
each defaults as LiteFsApp's argument does.

      --namespace ns       the app's namespace (default: <name>)
      --replicas n         number of pods (default: ${DEFAULTS.replicas})
      --database file      the database file name (default: ${DEFAULTS.database})
      --data-dir dir       litefs.data.dir (default: ${DEFAULTS.dataDir})
      --api-port port      apiPort (default: ${DEFAULT_API_PORT})
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

/** Where each LiteFsApp argument the recover command reads comes from on its command line. */
const RECOVER_FLAGS: Record<string, string> = {
    name: "<name>",
    "args.namespace": "--namespace",
    "args.replicas": "--replicas",
    "args.database": "--database",
    "args.litefs.data.dir": "--data-dir",
    "args.apiPort": "--api-port",
};

function recover(argv: string[]): number {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
            namespace: { type: "string" },
            replicas: { type: "string" },
            database: { type: "string" },
            "data-dir": { type: "string" },
            "api-port": { type: "string" },
        },
    });
    if (positionals.length !== 1) {
        process.stderr.write(USAGE);
        return 2;
    }
    const [name] = positionals;
    // Digits become numbers; anything else stays a string for the rules to refuse by name.
    const number = (flag: string | undefined) => (flag !== undefined && /^\d+$/.test(flag) ? Number(flag) : (flag as unknown as number | undefined));
    const apiPort = number(values["api-port"]) ?? DEFAULT_API_PORT;
    // The app's own rules check the values; image, port and command are placeholders the commands never use.
    const result = planApp(name, {
        image: "placeholder",
        port: apiPort === 1 ? 2 : 1,
        command: "placeholder",
        namespace: values.namespace,
        replicas: number(values.replicas),
        database: values.database,
        apiPort,
        litefs: values["data-dir"] === undefined ? undefined : { data: { dir: values["data-dir"] } },
    });
    if (!result.ok) {
        for (const p of result.problems) process.stderr.write(`pulumi-litefs recover: ${formatProblem({ ...p, path: RECOVER_FLAGS[p.path] ?? p.path })}\n`);
        return 1;
    }
    process.stdout.write(`${recoveryCommands(recoveryTarget(result.plan)).join("\n")}\n`);
    return 0;
}

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "render") return render(rest);
    if (command === "recover") return recover(rest);
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
