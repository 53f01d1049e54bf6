/**
 * Every value a fix suggests passes the rules with the rest of the args: for a corpus of bad args, one case or more
 * for each rule whose fix suggests a value, each problem's `suggestion` is applied and the args planned again. The
 * problem must be gone and no new one may appear.
 */
import * as assert from "node:assert/strict";
import type { LiteFsAppArgs } from "../../sdk";
import { planApp } from "../../sdk/plan";
import type { Problem, Suggestion } from "../../sdk/validation/problem";
import { EXAMPLE_BACKUP, exampleArgs } from "../support/app";

type Case = [rule: Problem["rule"], what: string, args: Record<string, unknown>, name?: string];

const CASES: Case[] = [
    ["name-dns-label", "an instance name with _ and capitals", {}, "Abaci_App"],
    ["namespace-dns-label", "a namespace with a space", { namespace: "Abaci Prod" }],
    ["cluster-domain", "a cluster domain with a trailing dot", { clusterDomain: "cluster.local." }],
    ["replicas", "no replicas", { replicas: 0 }],
    ["replicas", "replicas quoted", { replicas: "3" }],
    ["replicas", "too many replicas", { replicas: 9000 }],
    ["image-whitespace", "an image with a flag after it", { image: `${exampleArgs().image} --pull` }],
    ["port-range", "an app port above 65535", { port: 70000 }],
    ["port-range", "an app port quoted", { port: "3000" }],
    ["port-range", "an API port above 65535, the app on 3000", { apiPort: 70000 }],
    ["port-range", "an API port above 65535, the app on 20202", { apiPort: 70000, port: 20202 }],
    ["port-clash", "the app on the API port's default", { port: 20202 }],
    ["port-clash", "the API port on the app's", { apiPort: 3000 }],
    ["port-clash", "the proxy on the app's port", { proxy: { port: 3000 } }],
    ["database-name", "a database path", { database: "/data/app.db" }],
    ["database-suffix", "a database named like a LiteFS file", { database: "app.db-wal" }],
    ["storage-size", "a size as a number", { storage: { size: 5 } }],
    ["storage-size", "a size with a space", { storage: { size: "5 GB" } }],
    ["storage-size-positive", "a size without a unit", { storage: { size: "5" } }],
    ["storage-size-positive", "a size of zero", { storage: { size: "0Gi" } }],
    ["storage-class", "a storage class with _", { storage: { size: "5Gi", storageClassName: "Local_Path" } }],
    ["dir-absolute", "a relative data.dir", { litefs: { data: { dir: "data" } } }],
    ["dir-system", "fuse.dir over /usr", { litefs: { fuse: { dir: "/usr" } } }],
    ["resources", "CPU as a number", { resources: { requests: { cpu: 0.5 } } }],
    ["resources", "memory as a number", { resources: { limits: { memory: 512 } } }],
    ["image-pull-secrets", "a pull secret with _", { imagePullSecrets: ["Registry_Creds"] }],
    ["grace-period", "a negative grace period", { terminationGracePeriodSeconds: -1 }],
    ["update-partition", "a negative partition", { updatePartition: -1 }],
    ["min-ready-seconds", "min ready seconds quoted", { minReadySeconds: "10" }],
    ["metrics-port", "the metrics port below 1024", { metrics: { port: 80 } }],
    ["metrics-port", "the metrics port below 1024, the app on its default", { port: 20203, metrics: { port: 80 } }],
    ["metrics-port-clash", "the app on the metrics port's default", { port: 20203, metrics: {} }],
    ["metrics-port-clash", "the metrics port on the app's", { metrics: { port: 3000 } }],
    ["probes-readiness-path", "a readiness path without /", { probes: { readinessPath: "healthz" } }],
    ["env-value", "a number as an env value", { env: { WORKERS: 4 } }],
    ["metrics-thresholds", "a lag threshold of 0", { metrics: { thresholds: { replicaLagSeconds: 0 } } }],
    ["metrics-thresholds", "restarts quoted", { metrics: { thresholds: { restartsPerHour: "x" } } }],
    ["backup-retention", "a retention of minutes", { backup: { ...EXAMPLE_BACKUP, retention: "5m" } }],
    ["backup-secret", "an rclone Secret with capitals", { backup: { ...EXAMPLE_BACKUP, rcloneConfigSecret: "Rclone" } }],
    ["backup-destination", "a remote name with -", { backup: { ...EXAMPLE_BACKUP, destination: "s3-prod:bucket/app" } }],
];

/** The args with `suggestion` applied: `name`, or an argument path such as `args.metrics.port` or `args.x[0]`. */
function applied(name: string, args: Record<string, unknown>, suggestion: Suggestion): { name: string; args: object } {
    if (suggestion.path === "name") return { name: String(suggestion.value), args };
    const copy = structuredClone(args);
    const keys = suggestion.path
        .replace(/^args\./, "")
        .split(/\.|\[(\d+)\]/)
        .filter((k) => k !== undefined && k !== "");
    let at: Record<string, unknown> = copy;
    for (const key of keys.slice(0, -1)) {
        at[key] ??= {};
        at = at[key] as Record<string, unknown>;
    }
    at[keys[keys.length - 1]] = suggestion.value;
    return { name, args: copy };
}

/** The problems planApp finds; the args are JavaScript callers' values, which no compiler checked. */
const problemsOf = (name: string, args: object) => {
    const result = planApp(name, args as LiteFsAppArgs);
    return result.ok ? [] : result.problems;
};
const key = (p: Problem) => `${p.path} [${p.rule}]`;

describe("suggested fixes pass every rule, with the rest of the args", () => {
    for (const [rule, what, overrides, name = "abaci-app"] of CASES)
        it(`[${rule}] ${what}: each suggested value clears its problem and raises no other`, () => {
            const args = { ...exampleArgs(), ...overrides };
            const before = problemsOf(name, args);
            const suggested = before.filter((p) => p.suggestion !== undefined);
            assert.ok(
                suggested.some((p) => p.rule === rule),
                `no [${rule}] problem with a suggestion: ${before.map((p) => `${key(p)}: ${p.fix}`).join("; ")}`,
            );
            for (const problem of suggested) {
                const suggestion = problem.suggestion as Suggestion;
                // The fix's text names the value it suggests.
                assert.ok(problem.fix.includes(String(suggestion.value)), `${problem.fix} does not name ${String(suggestion.value)}`);
                const fixed = applied(name, args, suggestion);
                const after = problemsOf(fixed.name, fixed.args).map(key);
                const allowed = before.map(key).filter((k) => k !== key(problem));
                assert.deepEqual(
                    after.filter((k) => !allowed.includes(k)),
                    [],
                    `${key(problem)}: setting ${suggestion.path} to ${JSON.stringify(suggestion.value)} (fix: ${problem.fix})`,
                );
            }
        });

    it("the fixes users were given that repeated or clashed now suggest a value that works", () => {
        const fixOf = (overrides: Record<string, unknown>, path: string) =>
            problemsOf("abaci-app", { ...exampleArgs(), ...overrides }).find((p) => p.path === path);
        assert.deepEqual(fixOf({ clusterDomain: "cluster.local." }, "args.clusterDomain")?.suggestion?.value, "cluster.local");
        // The app on the metrics port's default: the app's port is blamed, with a free one, never "leave it at 20203".
        const metrics = fixOf({ port: 20203, metrics: {} }, "args.port");
        assert.equal(metrics?.rule, "metrics-port-clash");
        assert.doesNotMatch(metrics?.fix ?? "", /leave metrics\.port at its default 20203/);
        assert.deepEqual(metrics?.suggestion, { path: "args.port", value: 3000 });
        // Both of the sidecar's candidates taken: the next free port.
        const taken = fixOf({ port: 20203, apiPort: 20204, metrics: { port: 80 } }, "args.metrics.port");
        assert.deepEqual(taken?.suggestion, { path: "args.metrics.port", value: 20205 });
        const api = fixOf({ apiPort: 70000 }, "args.apiPort");
        assert.doesNotMatch(api?.fix ?? "", /e\.g\. 3000/);
        assert.equal(api?.suggestion?.value, 20202);
    });
});
