/** `pulumi-litefs render`: the Kubernetes objects a LiteFsApp creates, offline, as kubectl-ready YAML. */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadYaml } from "../validation/yaml-source";
import { ARGS_FILE_EXTENSION, appObjects, readArgsFile } from "../render/args-file";
import { checkOutputDir, outputFiles, writeOutputDir, yamlStream } from "../render/output";
import { SCHEMA_PACKAGE, schemaPackageInstalled } from "../render/k8s-schema";
import { podConfigs } from "../render/pods";
import { validateLiteFsYaml, validateObjects } from "../render/validate";
import { partitionWithheld, SECRET_PLACEHOLDER, withheldNote } from "../render/withheld";
import { type FileProblem, formatFileProblem, formatProblem, type Problem } from "../validation/problem";
import { type Cli, parseCommandLine } from "./command-line";
import type { CliIo } from "./io";
import { packageJson } from "./package-info";

export const RENDER_USAGE = `Usage: pulumi-litefs render <args-file | program> [-o DIR] [--litefs] [--config key=value]... [--project name]

Prints, offline (no cluster, no Pulumi CLI, no state), the Kubernetes objects a LiteFsApp creates, as
kubectl-ready YAML.

Input, one of:
  app.yaml | app.json      a LiteFsApp args file: the instance name and the arguments, e.g.
                             name: abaci-app
                             args: { image: ghcr.io/org/app@sha256:..., port: 3000, command: node server.js }
  program                  a compiled Pulumi program (a .js file, or a folder with index.js), run under mocks

Options:
  -o, --output DIR         write one file per object into DIR (created if missing) instead of to stdout,
                           and a kustomization.yaml listing them (kubectl apply -k DIR; Argo CD, Flux).
                           DIR may hold an earlier render, a kustomization.yaml and the files it lists.
      --litefs             also output the litefs.yml pod-0 and pod-1 write: as YAML comments on stdout,
                           or as DIR/litefs/<pod>/litefs.yml
  -c, --config key=value   program only: stack config the program reads (repeatable)
      --project name       program only: the Pulumi project config is read under (default: Pulumi.yaml's name)

A Secret holding Pulumi secret values (from a program's env) is never written as an object: it is shown
as a commented example (DIR/secrets/*.yaml.example), with how to provide it (secretEnv with a Secret you
own, Sealed Secrets, External Secrets).

Every object is checked against the Kubernetes schema and pulumi-litefs's own rules, and every litefs.yml
against LiteFS 0.5's strict schema, before anything is written.
Exit codes: 0 rendered; 1 invalid input (one line per problem, nothing written); 2 wrong usage.
`;

/** The project name from the nearest Pulumi.yaml at or above `start`. */
function projectName(start: string): string {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
        const file = path.join(dir, "Pulumi.yaml");
        if (fs.existsSync(file)) {
            const doc = loadYaml(fs.readFileSync(file, "utf8")) as { name?: string };
            if (doc?.name) return doc.name;
        }
        if (path.dirname(dir) === dir) return "project";
    }
}

type Collected = { objects: Record<string, unknown>[]; warnings: string[]; secrets: number } | { problems: (Problem | FileProblem)[] };

async function fromProgram(program: string, values: Cli["values"]): Promise<Collected> {
    const config: Record<string, string> = {};
    for (const pair of (values.config as string[] | undefined) ?? []) {
        const at = pair.indexOf("=");
        if (at < 1)
            return {
                problems: [
                    {
                        rule: "cli-usage",
                        path: "--config",
                        message: `takes key=value, got "${pair}".`,
                        fix: "write --config image=ghcr.io/org/app@sha256:…",
                    },
                ],
            };
        config[pair.slice(0, at)] = pair.slice(at + 1);
    }
    const project = (values.project as string | undefined) ?? projectName(path.dirname(path.resolve(program)));
    // Loaded for programs only: @pulumi/pulumi takes most of a second to load, and args files and doctor never need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, only for programs
    const { captureProgram, kubernetesObjects }: typeof import("../render/capture") = require("../render/capture");
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, only for programs
    const { LiteFsAppArgsError }: typeof import("../errors") = require("../errors");
    let secrets = 0;
    try {
        const resources = await captureProgram(program, project, config);
        const objects = kubernetesObjects(resources, () => {
            secrets++;
            return SECRET_PLACEHOLDER;
        });
        return { objects, warnings: [], secrets };
    } catch (error) {
        if (error instanceof LiteFsAppArgsError)
            return { problems: error.problems.map((p) => ({ ...p, path: `${error.appName}: ${p.path}` })) };
        throw error;
    }
}

function fromArgsFile(file: string): Collected {
    const read = readArgsFile(file);
    if (!read.ok) return { problems: read.problems };
    const result = appObjects(read.argsFile);
    if (!result.ok) return { problems: result.problems };
    return { objects: result.objects, warnings: result.warnings, secrets: 0 };
}

function fail(problems: readonly (Problem | FileProblem)[], io: CliIo): number {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    const lines = problems.map((p) => `  - ${"file" in p ? formatFileProblem(p) : formatProblem(p)}`);
    io.err(`pulumi-litefs render: ${count}; nothing was written:\n${lines.join("\n")}\n`);
    return 1;
}

/** Why render stops when the schema package is missing, and the install command that fixes it. */
function schemaPackageMissing(io: CliIo): number {
    const range = packageJson().peerDependencies[SCHEMA_PACKAGE];
    io.err(
        `pulumi-litefs render: checks every object against the Kubernetes schema with ${SCHEMA_PACKAGE}, an optional peer ` +
            "dependency of pulumi-litefs that is not installed here.\n" +
            `Install it beside pulumi-litefs: npm install --save-dev ${SCHEMA_PACKAGE}@${range}\n` +
            "(doctor and recover do not need it.)\n",
    );
    return 2;
}

const TAKES =
    "render takes a LiteFsApp args file (.yaml, .yml or .json, with name: and args:) or a compiled Pulumi program " +
    "(a .js file, or a folder with index.js or a package.json main). See pulumi-litefs render --help.";

/** What the input is: an args file, a program, or neither (with why, in the user's terms). */
function inputKind(input: string): { argsFile: boolean } | { refusal: string } {
    if (!fs.existsSync(input)) return { refusal: "does not exist." };
    const stat = fs.statSync(input);
    const base = path.basename(input);
    if (stat.isDirectory()) {
        try {
            require.resolve(path.resolve(input));
            return { argsFile: false };
        } catch {
            const source = fs.existsSync(path.join(input, "index.ts")) || fs.existsSync(path.join(input, "tsconfig.json"));
            return {
                refusal: source
                    ? "is a folder of TypeScript sources, not a compiled program: compile it (npx tsc), then render the folder tsc writes (e.g. bin/)."
                    : "is a folder without a program (no index.js, no package.json main).",
            };
        }
    }
    if (ARGS_FILE_EXTENSION.test(input)) return { argsFile: true };
    if (/\.[cm]?js$/.test(input)) return { argsFile: false };
    if (/\.[cm]?ts$/.test(input)) return { refusal: "is TypeScript source: compile it (npx tsc), then render the .js file tsc writes." };
    if (/^(Dockerfile|Containerfile)(\..*)?$|\.dockerfile$/i.test(base))
        return { refusal: "is a Dockerfile: pulumi-litefs doctor checks Dockerfiles (pulumi-litefs doctor <folder>)." };
    return { refusal: "is neither an args file nor a program." };
}

export async function renderCommand(argv: string[], io: CliIo): Promise<number> {
    const cli = parseCommandLine(
        argv,
        RENDER_USAGE,
        {
            output: { type: "string", short: "o" },
            litefs: { type: "boolean" },
            config: { type: "string", short: "c", multiple: true },
            project: { type: "string" },
        },
        io,
    );
    if (typeof cli === "number") return cli;
    const { values, positionals } = cli;
    if (positionals.length === 0) {
        io.err(RENDER_USAGE);
        return 2;
    }
    if (positionals.length > 1) {
        io.err(
            `pulumi-litefs render: takes one input, an args file or a program, got ${positionals.length}: ${positionals.join(" ")}. ` +
                `Render each on its own (with -o, into a folder of its own): ${positionals.map((p) => `pulumi-litefs render ${p}`).join("; ")}.\n`,
        );
        return 2;
    }
    const input = positionals[0];
    const kind = inputKind(input);
    if ("refusal" in kind) {
        io.err(`pulumi-litefs render: ${input} ${kind.refusal}\n${TAKES}\n`);
        return 2;
    }
    if (!schemaPackageInstalled()) return schemaPackageMissing(io);
    const isArgsFile = kind.argsFile;
    if (isArgsFile && (values.config !== undefined || values.project !== undefined)) {
        io.err("pulumi-litefs render: --config and --project apply to a program, not to an args file.\n");
        return 2;
    }

    const collected = isArgsFile ? fromArgsFile(input) : await fromProgram(input, values);
    if ("problems" in collected) return fail(collected.problems, io);
    const { objects, warnings, secrets } = collected;

    const checked = validateObjects(objects);
    // Every pod's litefs.yml is checked, written or not: it is what LiteFS will decode. Its start-up
    // script is only run from a StatefulSet that passed its own checks.
    const configs = checked.problems.length === 0 ? podConfigs(objects) : [];
    const problems = [...checked.problems, ...configs.flatMap((c) => validateLiteFsYaml(c.litefsYaml, `litefs.yml of ${c.pod}`))];
    const outDir = values.output as string | undefined;
    const dir = outDir === undefined ? undefined : checkOutputDir(outDir);
    if (dir !== undefined && !dir.ok) problems.push(...dir.problems);
    if (problems.length > 0) return fail(problems, io);

    for (const warning of warnings) io.err(`pulumi-litefs render: warning: ${warning}\n`);
    for (const object of checked.unchecked)
        io.err(`pulumi-litefs render: note: no Kubernetes schema is bundled for ${object}; only pulumi-litefs's own rules checked it.\n`);
    if (secrets > 0) io.err(`pulumi-litefs render: ${secrets} secret value(s) are shown as placeholders.\n`);
    const { applicable, withheld } = partitionWithheld(objects);
    for (const object of withheld) io.err(`pulumi-litefs render: ${withheldNote(object).join("\n  ")}\n`);

    const shown = values.litefs ? configs : [];
    if (outDir === undefined || dir === undefined || !dir.ok) io.out(yamlStream(applicable, withheld, shown));
    else {
        const files = outputFiles(applicable, withheld, shown, dir.kustomization);
        writeOutputDir(outDir, files);
        io.err(`pulumi-litefs render: wrote ${files.length} files to ${outDir}; apply them with kubectl apply -k ${outDir}\n`);
    }
    return 0;
}
