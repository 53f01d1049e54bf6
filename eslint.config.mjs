// Lint for the TypeScript sources, tests and examples: ESLint's and typescript-eslint's recommended rules.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["bin/**", "node_modules/**", ".tmp/**", "tests/fixtures/doctor/**"] },
    js.configs.recommended,
    tseslint.configs.recommended,
    {
        // `const { omitted, ...rest } = value` is how a key is left out.
        // Plan modules share one signature, `(args, ctx)`, whether or not they read the context.
        rules: { "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, argsIgnorePattern: "^_" }] },
    },
    {
        // Tests walk arbitrary Kubernetes JSON captured from the mocks.
        files: ["tests/**/*.ts"],
        rules: { "@typescript-eslint/no-explicit-any": "off" },
    },
);
