import * as assert from "node:assert/strict";
import { planEnv } from "../../sdk/plan/env";
import { planExec } from "../../sdk/plan/exec";
import { args, rulesOf, run } from "./support";

describe("plan/exec: the app and migrate commands", () => {
    it("keeps valid commands", () => {
        assert.deepEqual(run(planExec, args({ migrate: "node migrate.js" })), {
            value: { command: "node server.js", migrate: "node migrate.js" },
            problems: [],
        });
    });

    it("refuses what LiteFS would split wrongly, by rule", () => {
        assert.deepEqual(rulesOf(run(planExec, args({ command: "" }))), ["exec-required"]);
        assert.deepEqual(rulesOf(run(planExec, args({ command: "a && b" }))), ["exec-operator"]);
        assert.deepEqual(rulesOf(run(planExec, args({ command: "node $ENTRY" }))), ["exec-variable"]);
        assert.deepEqual(rulesOf(run(planExec, args({ migrate: "node 'x" }))), ["exec-quoting"]);
    });
});

describe("plan/env: env and secretEnv", () => {
    it("defaults to no variables", () => {
        assert.deepEqual(run(planEnv, args()), { value: { env: {}, secretEnv: {} }, problems: [] });
    });

    it("refuses reserved, malformed and duplicate variables, by rule", () => {
        assert.deepEqual(rulesOf(run(planEnv, args({ env: { HOSTNAME: "x" } }))), ["env-hostname"]);
        assert.deepEqual(rulesOf(run(planEnv, args({ env: { LITEFS_CLOUD_TOKEN: "x" } }))), ["env-litefs-cloud-token"]);
        assert.deepEqual(rulesOf(run(planEnv, args({ env: { POD_NAME: "x" } }))), ["env-reserved"]);
        assert.deepEqual(rulesOf(run(planEnv, args({ env: { "1X": "x" } }))), ["env-name"]);
        assert.deepEqual(rulesOf(run(planEnv, args({ env: { N: 1 as never } }))), ["env-value"]);
        assert.deepEqual(rulesOf(run(planEnv, args({ env: { K: "v" }, secretEnv: { K: { secretName: "s", key: "k" } } }))), [
            "env-duplicate",
        ]);
        assert.deepEqual(rulesOf(run(planEnv, args({ secretEnv: { K: { secretName: "S!", key: "k" } } }))), ["secret-env-ref"]);
    });
});
