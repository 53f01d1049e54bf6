/**
 * What `pulumi package add` sees: the Pulumi Node.js SDK's own component provider infers the package
 * schema from our TypeScript source, as the Pulumi plugin host (run-plugin) does for other languages.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import { load } from "js-yaml";
import { DataProtection, FuseMode, ImagePullPolicy, LogFormat, PodAntiAffinity, TaintEffect, TolerationOperator } from "../sdk";
import { ARGS_SHAPE } from "../sdk/plan";
import type { AnyShape } from "../sdk/validation/shape";
import { type Constructed, construct, exampleArgs } from "./support/app";

const root = path.resolve(__dirname, "../..");
const packageJson = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

interface Property {
    type?: string;
    $ref?: string;
    description?: string;
    plain?: boolean;
    items?: Property;
    additionalProperties?: Property;
}
interface Schema {
    name: string;
    resources: Record<
        string,
        { isComponent: boolean; inputProperties: Record<string, Property>; requiredInputs: string[]; properties: Record<string, Property> }
    >;
    types: Record<string, { properties: Record<string, Property>; type?: string; enum?: { name: string; value: string }[] }>;
}

/** The provider name the plugin host derives from package.json `name` (run-plugin's rule). */
function providerName(name: string): string {
    return name.replace(/^@[^/]+\//, "").replace(/[^-a-zA-Z0-9_]/g, "-");
}

describe("the multi-language schema (pulumi package add)", function () {
    this.timeout(120_000);
    const name = providerName(packageJson.name);
    const token = `${name}:index:LiteFsApp`;
    let schema: Schema;
    let app: Constructed;
    before(async () => {
        app = await construct("schema-app", exampleArgs({ namespace: "schema-app" }));
        // The plugin host requires the package directory and hosts every ComponentResource it exports.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package directory, as the plugin host loads it
        const components = getPulumiComponents(require(root));
        const provider = new ComponentProvider({ name, dirname: root, components });
        schema = JSON.parse(await provider.getSchema());
    });

    it("has PulumiPlugin.yaml with the nodejs runtime", () => {
        assert.deepEqual(load(fs.readFileSync(path.join(root, "PulumiPlugin.yaml"), "utf8")), { runtime: "nodejs" });
    });

    it("names the component with the token LiteFsApp registers under", () => {
        assert.deepEqual(Object.keys(schema.resources), [token]);
        assert.equal(schema.resources[token].isComponent, true);
        assert.equal(app.resources[0].type, token);
    });

    /** Every key of `shape` is a schema property with a description; nested tables are object types. */
    function assertCovers(properties: Record<string, Property>, shape: AnyShape, at: string): void {
        assert.deepEqual(Object.keys(properties).sort(), Object.keys(shape).sort(), `${at}: properties differ from the argument keys`);
        for (const [key, sub] of Object.entries(shape)) {
            const property = properties[key];
            assert.ok(property.description?.trim(), `${at}.${key} has no description`);
            if (sub === true) {
                const ref = property.$ref?.replace("#/types/", "");
                assert.ok(property.type ?? (ref && schema.types[ref]?.enum), `${at}.${key} has no type`);
                continue;
            }
            const ref = property.$ref?.replace("#/types/", "") ?? "";
            assert.ok(schema.types[ref], `${at}.${key} should reference an object type, got ${JSON.stringify(property)}`);
            assertCovers(schema.types[ref].properties, sub, `${at}.${key}`);
        }
    }

    it("has every argument, nested ones included, with its description and a type", () => {
        assertCovers(schema.resources[token].inputProperties, ARGS_SHAPE, "args");
    });

    it("types the arguments as LiteFsAppArgs does: Inputs for image and env values, plain values for the rest", () => {
        const inputs = schema.resources[token].inputProperties;
        assert.deepEqual(schema.resources[token].requiredInputs.sort(), ["command", "image", "port"]);
        assert.deepEqual({ type: inputs.image.type, plain: inputs.image.plain }, { type: "string", plain: undefined });
        assert.deepEqual(inputs.env.additionalProperties, { type: "string" });
        assert.deepEqual([inputs.port.type, inputs.port.plain], ["number", true]);
        assert.deepEqual([inputs.replicas.type, inputs.createNamespace.type], ["number", "boolean"]);
        assert.deepEqual(inputs.imagePullSecrets.items, { type: "string", plain: true });
    });

    it("turns every fixed-value argument into an enum other languages see", () => {
        const enums: [string, Record<string, string>, string[]][] = [
            ["DataProtection", DataProtection, ["args", "dataProtection"]],
            ["PodAntiAffinity", PodAntiAffinity, ["args", "podAntiAffinity"]],
            ["FuseMode", FuseMode, ["FuseAccessArgs", "mode"]],
            ["ImagePullPolicy", ImagePullPolicy, ["args", "imagePullPolicy"]],
            ["TolerationOperator", TolerationOperator, ["TolerationArgs", "operator"]],
            ["TaintEffect", TaintEffect, ["TolerationArgs", "effect"]],
            ["LogFormat", LogFormat, ["LiteFsLogOptions", "format"]],
        ];
        for (const [type, values, [owner, property]] of enums) {
            const definition = schema.types[`${name}:index:${type}`];
            assert.ok(definition, `no enum type ${type}`);
            assert.equal(definition.type, "string");
            assert.deepEqual(
                definition.enum?.map((member) => [member.name, member.value]).sort(),
                Object.entries(values).sort(),
                `${type}'s members`,
            );
            const properties =
                owner === "args" ? schema.resources[token].inputProperties : schema.types[`${name}:index:${owner}`]?.properties;
            assert.equal(properties?.[property]?.$ref, `#/types/${name}:index:${type}`, `${owner}.${property} refers to ${type}`);
        }
    });

    it("has every output property of LiteFsApp, with its description", () => {
        const outputs = schema.resources[token].properties;
        // The instance's Output fields, less the engine's own `urn`.
        const instance = app.app as unknown as Record<string, unknown>;
        const fields = Object.keys(instance).filter((key) => key !== "urn" && pulumi.Output.isInstance(instance[key]));
        assert.ok(fields.includes("statefulSetName"));
        assert.deepEqual(Object.keys(outputs).sort(), fields.sort());
        for (const [key, output] of Object.entries(outputs)) {
            assert.equal(output.type, "string", `${key} type`);
            assert.ok(output.description?.trim(), `${key} has no description`);
        }
    });
});
