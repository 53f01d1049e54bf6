import * as assert from "node:assert/strict";
import { planEnv } from "../../sdk/plan/env";
import { planExec } from "../../sdk/plan/exec";
import { args, ctx, rulesOf } from "./support";

describe("plan/exec: the app and migrate commands", () => {
    it("keeps valid commands", () => {
        assert.deepEqual(planExec(args({ migrate: "node migrate.js" }), ctx), {
            value: { command: "node server.js", migrate: "node migrate.js" },
            problems: [],
        });
    });

    it("refuses what LiteFS would split wrongly, by rule", () => {
        assert.deepEqual(rulesOf(planExec(args({ command: "" }), ctx)), ["exec-required"]);
        assert.deepEqual(rulesOf(planExec(args({ command: "a && b" }), ctx)), ["exec-operator"]);
        assert.deepEqual(rulesOf(planExec(args({ command: "node $ENTRY" }), ctx)), ["exec-variable"]);
        assert.deepEqual(rulesOf(planExec(args({ migrate: "node 'x" }), ctx)), ["exec-quoting"]);
    });
});

describe("plan/env: env and secretEnv", () => {
    it("defaults to no variables", () => {
        assert.deepEqual(planEnv(args(), ctx), { value: { env: {}, secretEnv: {} }, problems: [] });
    });

    it("refuses reserved, malformed and duplicate variables, by rule", () => {
        assert.deepEqual(rulesOf(planEnv(args({ env: { HOSTNAME: "x" } }), ctx)), ["env-hostname"]);
        assert.deepEqual(rulesOf(planEnv(args({ env: { LITEFS_CLOUD_TOKEN: "x" } }), ctx)), ["env-litefs-cloud-token"]);
        assert.deepEqual(rulesOf(planEnv(args({ env: { POD_NAME: "x" } }), ctx)), ["env-reserved"]);
        assert.deepEqual(rulesOf(planEnv(args({ env: { "1X": "x" } }), ctx)), ["env-name"]);
        assert.deepEqual(rulesOf(planEnv(args({ env: { N: 1 as never } }), ctx)), ["env-value"]);
        assert.deepEqual(rulesOf(planEnv(args({ env: { K: "v" }, secretEnv: { K: { secretName: "s", key: "k" } } }), ctx)), [
            "env-duplicate",
        ]);
        assert.deepEqual(rulesOf(planEnv(args({ secretEnv: { K: { secretName: "S!", key: "k" } } }), ctx)), ["secret-env-ref"]);
    });
});
