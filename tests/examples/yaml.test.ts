import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { load } from "js-yaml";
import type { LiteFsAppArgs } from "../../sdk";
import { ARGS_SHAPE, planApp } from "../../sdk/plan";
import { unknownKeys } from "../../sdk/validation/shape";
import { construct, DIGEST_IMAGE } from "../support/app";

const root = path.resolve(__dirname, "../../..");
const exampleDir = path.join(root, "examples/yaml");

interface YamlProgram {
    runtime: string;
    packages: Record<string, string>;
    config: Record<string, unknown>;
    resources: Record<string, { type: string; properties: Record<string, unknown> }>;
    outputs: Record<string, string>;
}

/** Replaces `${image}`-style config references with the values a stack would have. */
function substitute(value: unknown, config: Record<string, string>): unknown {
    if (typeof value === "string") return value.replace(/\$\{(\w+)\}/g, (_, key: string) => config[key] ?? assert.fail(`no config ${key}`));
    if (Array.isArray(value)) return value.map((item) => substitute(item, config));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, config)]));
    return value;
}

describe("examples/yaml (a Pulumi YAML program)", () => {
    const program = load(fs.readFileSync(path.join(exampleDir, "Pulumi.yaml"), "utf8")) as YamlProgram;
    const [resourceName, resource] = Object.entries(program.resources)[0];
    const args = substitute(resource.properties, { image: DIGEST_IMAGE }) as LiteFsAppArgs;

    it("points packages: at this component package, and uses its type token", () => {
        assert.equal(program.runtime, "yaml");
        const packageDir = path.resolve(exampleDir, program.packages["pulumi-litefs"]);
        assert.equal(JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")).name, "pulumi-litefs");
        assert.ok(fs.existsSync(path.join(packageDir, "PulumiPlugin.yaml")));
        assert.equal(resource.type, "pulumi-litefs:LiteFsApp");
        assert.ok(Object.hasOwn(program.config, "image"));
    });

    it("sets only known LiteFsApp arguments, with values LiteFsApp accepts", () => {
        assert.deepEqual(unknownKeys(args, ARGS_SHAPE, "args"), []);
        const result = planApp(resourceName, args);
        assert.ok(result.ok, result.ok ? "" : JSON.stringify(result.problems));
        assert.deepEqual(result.warnings, []);
    });

    it("exports outputs LiteFsApp has", async () => {
        const { app } = await construct(resourceName, args);
        for (const [key, expression] of Object.entries(program.outputs)) {
            const [, instance, output] = /^\$\{(\w+)\.(\w+)\}$/.exec(expression) ?? assert.fail(`output ${key}: ${expression}`);
            assert.equal(instance, resourceName);
            assert.ok(
                output !== "urn" && pulumi.Output.isInstance((app as unknown as Record<string, unknown>)[output]),
                `LiteFsApp has no output ${output}`,
            );
        }
    });
});
