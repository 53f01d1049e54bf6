/** The app's environment: `env` and `secretEnv`, one container environment, so one name appears once. */
import type * as pulumi from "@pulumi/pulumi";
import type { LiteFsAppArgs, SecretKeyRefArgs } from "../args";
import { RESERVED_ENV } from "../litefs/reserved-env";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { type Shape, unknownKeys } from "../validation/shape";
import { isPlainObject } from "../validation/values";
import type { PlanContext, Planned } from "./model";

export interface EnvPlan {
    readonly env: Readonly<Record<string, pulumi.Input<string>>>;
    readonly secretEnv: Readonly<Record<string, SecretKeyRefArgs>>;
}

const SECRET_KEY_REF_SHAPE: Shape<SecretKeyRefArgs> = { secretName: true, key: true, optional: true };

export function planEnv(args: LiteFsAppArgs, _ctx: PlanContext): Planned<EnvPlan> {
    return { value: { env: args.env ?? {}, secretEnv: args.secretEnv ?? {} }, problems: envProblems(args.env, args.secretEnv) };
}

function envProblems(env: unknown, secretEnv: unknown): Problem[] {
    const problems: Problem[] = [];
    for (const [arg, value] of [
        ["env", env],
        ["secretEnv", secretEnv],
    ] as const)
        if (value !== undefined && !isPlainObject(value))
            problems.push({
                rule: arg === "env" ? "env-value" : "secret-env-ref",
                path: `args.${arg}`,
                message: "must be a map of variable names to values.",
                fix: arg === "env" ? '{ NODE_ENV: "production" }.' : '{ API_KEY: { secretName: "app-keys", key: "api" } }.',
            });
    if (problems.length > 0) return problems;
    const envMap = isPlainObject(env) ? env : {};
    for (const [key, value] of Object.entries(envMap)) {
        const path = `args.env.${key}`;
        problems.push(...envNameProblems(key, path));
        if (typeof value === "number" || typeof value === "boolean")
            problems.push({
                rule: "env-value",
                path,
                message: `must be a string; Kubernetes refuses ${typeof value} env values.`,
                fix: `write "${value}".`,
                suggestion: { path, value: String(value) },
            });
        else if (value === undefined || value === null)
            problems.push({
                rule: "env-value",
                path,
                message: "has no value.",
                fix: 'give it a value (an empty string is "") or remove it.',
            });
    }
    for (const [key, ref] of Object.entries(isPlainObject(secretEnv) ? secretEnv : {})) {
        const path = `args.secretEnv.${key}`;
        problems.push(...envNameProblems(key, path));
        if (Object.hasOwn(envMap, key))
            problems.push({
                rule: "env-duplicate",
                path,
                message: `is also set in args.env.${key}; a container has one value per variable.`,
                fix: `keep one of args.env.${key} and args.secretEnv.${key}.`,
            });
        problems.push(...secretKeyRefProblems(ref, path));
    }
    return problems;
}

function envNameProblems(key: string, path: string): Problem[] {
    const reserved = Object.hasOwn(RESERVED_ENV, key) ? [{ path, ...RESERVED_ENV[key] }] : [];
    return [...rules.envName(key, path, "env-name"), ...reserved];
}

function secretKeyRefProblems(ref: unknown, path: string): Problem[] {
    if (!isPlainObject(ref))
        return [
            {
                rule: "secret-env-ref",
                path,
                message: "must be a Secret reference.",
                fix: '{ secretName: "app-keys", key: "api" } (the Secret must exist in the namespace).',
            },
        ];
    return [
        ...unknownKeys(ref, SECRET_KEY_REF_SHAPE, path, undefined, "secret-env-ref"),
        ...rules.dnsSubdomain(ref.secretName, `${path}.secretName`, "secret-env-ref"),
        ...rules.configKey(ref.key, `${path}.key`, "secret-env-ref"),
        ...rules.boolean(ref.optional, `${path}.optional`, "secret-env-ref"),
    ];
}
