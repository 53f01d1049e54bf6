/**
 * The rendered alert rules under Prometheus's own tool: `promtool check rules` on the rule file, and
 * `promtool test rules` with one unit test per alert that fires on a bad series (with the exact labels and
 * annotations) and a healthy cluster on which every alert stays silent. The dashboard's queries are
 * checked by the same parser, as recording rules. Needs `promtool` (Debian: prometheus).
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { dump } from "js-yaml";
import { type AlertRule, alertRules } from "../../sdk/metrics/alerts";
import { dashboard } from "../../sdk/metrics/dashboard";
import { alertTarget } from "../support/metrics";
import { withoutGrafanaVariables } from "../support/promql";

const NS = "abaci";
const APP = "abaci-app";
const CRONJOB = `${APP}-backup`;

/**
 * Two timelines keep promtool fast: LiteFS, volume and restart alerts one sample a minute, evaluated at
 * 70 minutes (past every `for` and the restarts' 1h range); backup alerts one sample every 10 minutes,
 * evaluated at 30 hours (past the 26-hour backup age).
 */
const TIMELINES = {
    litefs: { stepSeconds: 60, evalSteps: 70 },
    backup: { stepSeconds: 600, evalSteps: 180 },
} as const;
type Family = keyof typeof TIMELINES;
const steps = (family: Family) => TIMELINES[family].evalSteps + 20;
const constant = (family: Family, value: number) => `${value}+0x${steps(family)}`;
const rising = (family: Family, start: number, perStep: number) => `${start}+${perStep}x${steps(family)}`;
const evalSeconds = (family: Family) => TIMELINES[family].stepSeconds * TIMELINES[family].evalSteps;

function labels(map: Record<string, string>): string {
    return Object.entries(map)
        .map(([k, v]) => `${k}="${v}"`)
        .join(", ");
}
/** How the PodMonitor's scrape labels a pod's series. */
const pod = (ordinal: number, extra: Record<string, string> = {}) =>
    labels({ namespace: NS, pod: `${APP}-${ordinal}`, job: `${NS}/${APP}`, container: "metrics", endpoint: "metrics", ...extra });
const ksm = (extra: Record<string, string>) => labels({ job: "kube-state-metrics", namespace: NS, ...extra });
const pvc = (ordinal: number) => labels({ job: "kubelet", namespace: NS, persistentvolumeclaim: `litefs-data-${APP}-${ordinal}` });
const LAST_SUCCESS = `kube_cronjob_status_last_successful_time{${ksm({ cronjob: CRONJOB })}}`;

type Series = Map<string, string>;

/** A healthy three-pod cluster: pod-0 primary, two replicas streaming and in step, volumes half full. */
function healthyLiteFs(): Series {
    const f = "litefs";
    const s: Series = new Map();
    for (const i of [0, 1, 2]) {
        s.set(`litefs_is_primary{${pod(i)}}`, constant(f, i === 0 ? 1 : 0));
        s.set(`litefs_lag_seconds{${pod(i)}}`, constant(f, i === 0 ? 0 : 1));
        // pod-1 reads 2 transactions ahead of the primary, as a replica scraped a moment after it does under writes.
        s.set(`litefs_db_txid{${pod(i, { db: "sqlite.db" })}}`, rising(f, i === 1 ? 102 : 100 - i * 3, 10));
        s.set(`litefs_http_stream_count{${pod(i)}}`, constant(f, i === 0 ? 2 : 0));
        s.set(`kubelet_volume_stats_used_bytes{${pvc(i)}}`, constant(f, 2.5e9));
        s.set(`kubelet_volume_stats_capacity_bytes{${pvc(i)}}`, constant(f, 5e9));
        s.set(`kube_pod_container_status_restarts_total{${ksm({ pod: `${APP}-${i}`, container: "app" })}}`, constant(f, 1));
        s.set(`kube_pod_container_status_restarts_total{${ksm({ pod: `${APP}-${i}`, container: "metrics" })}}`, constant(f, 0));
    }
    s.set(`litefs_db_commit_count{${pod(0, { db: "sqlite.db" })}}`, rising(f, 0, 10));
    return s;
}

/** Backups that run well: the last success an hour ago, at every instant. */
function healthyBackups(): Series {
    const f = "backup";
    const s: Series = new Map();
    const now = evalSeconds(f);
    s.set(`kube_cronjob_created{${ksm({ cronjob: CRONJOB })}}`, constant(f, 0));
    s.set(LAST_SUCCESS, rising(f, -3600, TIMELINES.backup.stepSeconds));
    s.set(`kube_cronjob_spec_suspend{${ksm({ cronjob: CRONJOB })}}`, constant(f, 0));
    // A run that failed before the last success, and one of another CronJob that failed just now: neither is ours to report.
    addJob(s, `${CRONJOB}-100`, CRONJOB, 6000, true);
    addJob(s, "other-backup-1790", "other-backup", now - 600, true);
    addJob(s, `${CRONJOB}-1740`, CRONJOB, now - 3700, false);
    return s;
}

function addJob(s: Series, name: string, owner: string, startSeconds: number, failed: boolean): void {
    const f = "backup";
    s.set(
        `kube_job_owner{${ksm({ job_name: name, owner_kind: "CronJob", owner_name: owner, owner_is_controller: "true" })}}`,
        constant(f, 1),
    );
    s.set(`kube_job_status_start_time{${ksm({ job_name: name })}}`, constant(f, startSeconds));
    s.set(`kube_job_failed{${ksm({ job_name: name, condition: "true" })}}`, constant(f, failed ? 1 : 0));
    s.set(`kube_job_failed{${ksm({ job_name: name, condition: "false" })}}`, constant(f, failed ? 0 : 1));
}

interface Scenario {
    readonly family: Family;
    readonly alert: string;
    readonly what: string;
    readonly change: (s: Series) => void;
    /** The labels each firing alert carries besides the rule's own; `value` feeds `{{ $value }}`. */
    readonly fires: readonly { labels: Record<string, string>; value?: string }[];
}

const dropAll = (s: Series, metric: string) => [...s.keys()].filter((k) => k.startsWith(`${metric}{`)).forEach((k) => s.delete(k));

const SCENARIOS: Scenario[] = [
    {
        family: "litefs",
        alert: "LiteFSNoPrimary",
        what: "pod-0 lost its lease: no pod is primary",
        change: (s) => s.set(`litefs_is_primary{${pod(0)}}`, constant("litefs", 0)),
        fires: [{ labels: { namespace: NS } }],
    },
    {
        family: "litefs",
        alert: "LiteFSNoPrimary",
        what: "no pod is scraped at all",
        change: (s) => dropAll(s, "litefs_is_primary"),
        fires: [{ labels: { namespace: NS } }],
    },
    {
        family: "litefs",
        alert: "LiteFSSplitBrain",
        what: "pod-2 is primary too",
        change: (s) => s.set(`litefs_is_primary{${pod(2)}}`, constant("litefs", 1)),
        fires: [{ labels: { namespace: NS } }],
    },
    {
        family: "litefs",
        alert: "LiteFSReplicaLagging",
        what: "pod-2 has not heard from the primary for 45 s",
        change: (s) => s.set(`litefs_lag_seconds{${pod(2)}}`, constant("litefs", 45)),
        fires: [{ labels: { namespace: NS, pod: `${APP}-2` } }],
    },
    {
        family: "litefs",
        alert: "LiteFSReplicasNotStreaming",
        what: "only one replica streams from the primary",
        change: (s) => s.set(`litefs_http_stream_count{${pod(0)}}`, constant("litefs", 1)),
        fires: [{ labels: { namespace: NS, pod: `${APP}-0` }, value: "1" }],
    },
    {
        family: "litefs",
        alert: "LiteFSReplicaBehindPrimary",
        what: "pod-2's transaction id stopped while the primary's goes on",
        change: (s) => s.set(`litefs_db_txid{${pod(2, { db: "sqlite.db" })}}`, constant("litefs", 94)),
        fires: [{ labels: { namespace: NS, pod: `${APP}-2`, db: "sqlite.db" } }],
    },
    {
        family: "litefs",
        alert: "LiteFSReplicaBehindPrimary",
        what: "pod-2 restarted on another cluster id: lag 0, its transaction id frozen below the primary's",
        change: (s) => {
            s.set(`litefs_lag_seconds{${pod(2)}}`, constant("litefs", 0));
            s.set(`litefs_db_txid{${pod(2, { db: "sqlite.db" })}}`, constant("litefs", 22));
        },
        fires: [{ labels: { namespace: NS, pod: `${APP}-2`, db: "sqlite.db" } }],
    },
    {
        family: "litefs",
        alert: "LiteFSReplicaBehindPrimary",
        what: "pod-1 holds another history: lag 0, its transaction id beyond the primary's (and the primary idle)",
        change: (s) => {
            s.set(`litefs_db_txid{${pod(0, { db: "sqlite.db" })}}`, constant("litefs", 40));
            s.set(`litefs_db_txid{${pod(2, { db: "sqlite.db" })}}`, constant("litefs", 40));
            s.set(`litefs_lag_seconds{${pod(1)}}`, constant("litefs", 0));
            s.set(`litefs_db_txid{${pod(1, { db: "sqlite.db" })}}`, constant("litefs", 188));
        },
        fires: [{ labels: { namespace: NS, pod: `${APP}-1`, db: "sqlite.db" } }],
    },
    {
        family: "litefs",
        alert: "LiteFSVolumeNearlyFull",
        what: "pod-1's volume is 90% full",
        change: (s) => s.set(`kubelet_volume_stats_used_bytes{${pvc(1)}}`, constant("litefs", 4.5e9)),
        fires: [{ labels: { namespace: NS, persistentvolumeclaim: `litefs-data-${APP}-1` } }],
    },
    {
        family: "litefs",
        alert: "LiteFSPodRestarting",
        what: "pod-1's app container restarts every minute",
        change: (s) =>
            s.set(`kube_pod_container_status_restarts_total{${ksm({ pod: `${APP}-1`, container: "app" })}}`, rising("litefs", 1, 1)),
        fires: [{ labels: { namespace: NS, pod: `${APP}-1`, container: "app" } }],
    },
    {
        family: "backup",
        alert: "LiteFSBackupFailed",
        what: "the latest backup job failed after the last success",
        change: (s) => addJob(s, `${CRONJOB}-1790`, CRONJOB, evalSeconds("backup") - 600, true),
        fires: [{ labels: { namespace: NS, job_name: `${CRONJOB}-1790` } }],
    },
    {
        family: "backup",
        alert: "LiteFSBackupFailed",
        what: "the backup has never succeeded and a run failed",
        change: (s) => s.delete(LAST_SUCCESS),
        fires: [{ labels: { namespace: NS, job_name: `${CRONJOB}-100` } }],
    },
    {
        family: "backup",
        alert: "LiteFSBackupTooOld",
        what: "the last success is 30 hours old",
        change: (s) => s.set(LAST_SUCCESS, constant("backup", 0)),
        fires: [{ labels: { namespace: NS, cronjob: CRONJOB } }],
    },
    {
        family: "backup",
        alert: "LiteFSBackupTooOld",
        what: "the CronJob, 30 hours old, has never succeeded",
        change: (s) => s.delete(LAST_SUCCESS),
        fires: [{ labels: { namespace: NS, cronjob: CRONJOB } }],
    },
    {
        family: "backup",
        alert: "LiteFSBackupTooOld",
        what: "the CronJob is suspended (silent)",
        change: (s) => {
            s.set(LAST_SUCCESS, constant("backup", 0));
            s.set(`kube_cronjob_spec_suspend{${ksm({ cronjob: CRONJOB })}}`, constant("backup", 1));
        },
        fires: [],
    },
];

/** Go template expansion for the only forms the annotations use. */
function expand(template: string, alertLabels: Record<string, string>, value: string | undefined): string {
    return template
        .replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name: string) => alertLabels[name] ?? "")
        .replace(/\{\{ \$value \}\}/g, () => {
            assert.ok(value !== undefined, "the scenario must give the value its annotation shows");
            return value;
        });
}

function expectedAlerts(rule: AlertRule, scenario: Scenario) {
    return scenario.fires.map(({ labels: seriesLabels, value }) => {
        const all = { ...seriesLabels, ...rule.labels };
        return {
            exp_labels: all,
            exp_annotations: Object.fromEntries(
                Object.entries(rule.annotations).map(([k, v]) => [k, expand(v, { ...all, alertname: rule.alert }, value)]),
            ),
        };
    });
}

function inputSeries(s: Series) {
    return [...s].map(([series, values]) => ({ series, values }));
}

function promtool(args: string[], cwd: string): { status: number | null; output: string } {
    const run = spawnSync("promtool", args, { cwd, encoding: "utf8" });
    if (run.error) throw run.error;
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("tools: promtool on the alert rules and dashboard queries", function () {
    this.timeout(120_000);
    let dir: string;
    const group = alertRules(alertTarget());
    const rules = new Map(group.rules.map((r) => [r.alert, r]));

    before(() => {
        dir = mkdtempSync(path.join(tmpdir(), "litefs-promtool-"));
        writeFileSync(path.join(dir, "rules.yaml"), dump({ groups: [group] }));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("promtool check rules accepts the rendered rules, for every app shape", () => {
        const shapes = [
            alertTarget(),
            alertTarget({ replicas: 1, backupCronJob: undefined }),
            alertTarget({ name: "a", namespace: "b", replicas: 7 }),
        ];
        for (const [i, target] of shapes.entries()) {
            const file = `shape-${i}.yaml`;
            writeFileSync(path.join(dir, file), dump({ groups: [alertRules(target)] }));
            const run = promtool(["check", "rules", file], dir);
            assert.equal(run.status, 0, run.output);
            assert.match(run.output, new RegExp(`SUCCESS: ${alertRules(target).rules.length} rules found`));
        }
    });

    it("promtool check rules fails on a broken expression (the check can fail)", () => {
        const broken = { ...group, rules: [{ ...group.rules[0], expr: `${group.rules[0].expr} )` }] };
        writeFileSync(path.join(dir, "broken.yaml"), dump({ groups: [broken] }));
        assert.notEqual(promtool(["check", "rules", "broken.yaml"], dir).status, 0);
    });

    it("every dashboard query parses (checked as recording rules)", () => {
        const panels = dashboard(alertTarget()).panels as { title: string; targets: { expr: string }[] }[];
        const recording = panels.flatMap((p, i) =>
            p.targets.map((t, j) => ({ record: `dashboard:panel_${i}_${j}`, expr: withoutGrafanaVariables(t.expr) })),
        );
        writeFileSync(path.join(dir, "dashboard.yaml"), dump({ groups: [{ name: "dashboard", rules: recording }] }));
        const run = promtool(["check", "rules", "dashboard.yaml"], dir);
        assert.equal(run.status, 0, run.output);
    });

    it("covers every alert with a firing scenario", () => {
        assert.deepEqual(new Set(SCENARIOS.filter((s) => s.fires.length > 0).map((s) => s.alert)), new Set(rules.keys()));
    });

    /** One promtool test file per timeline: a healthy cluster where every alert of the family is silent, then each scenario. */
    function testFile(family: Family): string {
        const healthy = family === "litefs" ? healthyLiteFs : healthyBackups;
        const evalTime = `${evalSeconds(family)}s`;
        const interval = `${TIMELINES[family].stepSeconds}s`;
        const scenarios = SCENARIOS.filter((scenario) => scenario.family === family);
        const tests = [
            {
                name: `${family}: healthy`,
                interval,
                input_series: inputSeries(healthy()),
                alert_rule_test: [...new Set(scenarios.map((scenario) => scenario.alert))].map((alertname) => ({
                    eval_time: evalTime,
                    alertname,
                    exp_alerts: [],
                })),
            },
            ...scenarios.map((scenario) => {
                const series = healthy();
                scenario.change(series);
                return {
                    name: `${scenario.alert}: ${scenario.what}`,
                    interval,
                    input_series: inputSeries(series),
                    alert_rule_test: [
                        {
                            eval_time: evalTime,
                            alertname: scenario.alert,
                            exp_alerts: expectedAlerts(rules.get(scenario.alert)!, scenario),
                        },
                    ],
                };
            }),
        ];
        const file = `${family}-tests.yaml`;
        writeFileSync(path.join(dir, file), dump({ rule_files: ["rules.yaml"], evaluation_interval: interval, tests }, { lineWidth: -1 }));
        return file;
    }

    it("promtool test rules: every alert stays silent on a healthy cluster, and fires on its bad series", () => {
        const run = promtool(["test", "rules", testFile("litefs"), testFile("backup")], dir);
        assert.equal(run.status, 0, run.output);
        assert.equal(run.output.match(/SUCCESS/g)?.length, 2, run.output);
    });

    it("promtool test rules fails when an alert would not fire (the unit tests can fail)", () => {
        const tests = [
            {
                interval: "1m",
                input_series: inputSeries(healthyLiteFs()),
                alert_rule_test: [
                    {
                        eval_time: "70m",
                        alertname: "LiteFSSplitBrain",
                        exp_alerts: [{ exp_labels: { namespace: NS, severity: "critical", litefs_app: APP } }],
                    },
                ],
            },
        ];
        writeFileSync(path.join(dir, "wrong.yaml"), dump({ rule_files: ["rules.yaml"], evaluation_interval: "1m", tests }));
        assert.notEqual(promtool(["test", "rules", "wrong.yaml"], dir).status, 0);
    });
});
