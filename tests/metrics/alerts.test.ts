/** The alert rules' content: which alerts exist for which app, and what each tells the person paged. */
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { alertRules, RUNBOOK_BASE_URL, runbookAnchor } from "../../sdk/metrics/alerts";
import { alertTarget, THRESHOLDS } from "../support/metrics";

const LITEFS_ALERTS = [
    "LiteFSNoPrimary",
    "LiteFSSplitBrain",
    "LiteFSReplicaLagging",
    "LiteFSReplicaBehindPrimary",
    "LiteFSReplicasNotStreaming",
    "LiteFSVolumeNearlyFull",
    "LiteFSPodRestarting",
];
const BACKUP_ALERTS = ["LiteFSBackupFailed", "LiteFSBackupTooOld"];

function names(rules: readonly { alert: string }[]): string[] {
    return rules.map((r) => r.alert).sort();
}

describe("metrics: alert rules", () => {
    it("has every LiteFS alert, and the backup alerts only with a backup CronJob", () => {
        assert.deepEqual(names(alertRules(alertTarget()).rules), [...LITEFS_ALERTS, ...BACKUP_ALERTS].sort());
        assert.deepEqual(names(alertRules(alertTarget({ backupCronJob: undefined })).rules), [...LITEFS_ALERTS].sort());
    });

    it("has no streaming alert for a single pod, and expects replicas - 1 streams otherwise", () => {
        assert.ok(!names(alertRules(alertTarget({ replicas: 1 })).rules).includes("LiteFSReplicasNotStreaming"));
        const streaming = alertRules(alertTarget({ replicas: 5 })).rules.find((r) => r.alert === "LiteFSReplicasNotStreaming");
        assert.match(streaming!.expr, /\) < 4$/);
    });

    it("puts each threshold into its alert", () => {
        const thresholds = {
            replicaLagSeconds: 45,
            behindPrimarySeconds: 300,
            volumeUsagePercent: 70,
            restartsPerHour: 5,
            backupMaxAgeHours: 50,
        };
        const rules = Object.fromEntries(alertRules(alertTarget({ thresholds })).rules.map((r) => [r.alert, r]));
        assert.match(rules.LiteFSReplicaLagging.expr, /> 45$/);
        assert.match(rules.LiteFSReplicaBehindPrimary.expr, /offset 300s.*offset 300s/);
        assert.match(rules.LiteFSVolumeNearlyFull.expr, /\* 100 > 70$/);
        assert.match(rules.LiteFSPodRestarting.expr, />= 5$/);
        assert.match(rules.LiteFSBackupTooOld.expr, /> 180000 /);
        assert.notDeepEqual(thresholds, THRESHOLDS);
    });

    it("gives every alert a severity, a summary, a description that says what to do, and a runbook URL", () => {
        for (const rule of alertRules(alertTarget()).rules) {
            assert.ok(["critical", "warning"].includes(rule.labels.severity), rule.alert);
            assert.equal(rule.labels.litefs_app, "abaci-app");
            assert.ok(rule.annotations.summary.length > 20, rule.alert);
            assert.ok(rule.annotations.description.length > rule.annotations.summary.length, rule.alert);
            assert.match(
                rule.annotations.description,
                /kubectl|raise|restart|grow|check/i,
                `${rule.alert}: the description says what to do`,
            );
            assert.equal(rule.annotations.runbook_url, `${RUNBOOK_BASE_URL}#${rule.alert.toLowerCase()}`);
        }
    });

    it("points runbook URLs at docs/metrics-and-alerts.md in the repository package.json names", () => {
        const pkg = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8"));
        const repository = /^git\+(https:\/\/github\.com\/[^/]+\/[^/]+?)\.git$/.exec(pkg.repository.url)?.[1];
        assert.equal(RUNBOOK_BASE_URL, `${repository}/blob/main/docs/metrics-and-alerts.md`);
    });

    it("links every runbook_url to a heading of docs/metrics-and-alerts.md that exists", () => {
        const page = readFileSync(path.join(__dirname, "..", "..", "..", "docs", "metrics-and-alerts.md"), "utf8");
        // GitHub's anchor of a heading: lowercase, punctuation other than "-" and spaces dropped, spaces to "-".
        const anchors = new Set(
            [...page.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
                m[1]
                    .trim()
                    .toLowerCase()
                    .replace(/[^\p{L}\p{N} _-]/gu, "")
                    .replace(/ /g, "-"),
            ),
        );
        for (const alert of [...LITEFS_ALERTS, ...BACKUP_ALERTS])
            assert.ok(anchors.has(runbookAnchor(alert)), `docs/metrics-and-alerts.md has no section #${runbookAnchor(alert)}`);
    });
});

describe("alert descriptions follow the primary", () => {
    const describe_ = (rules: ReturnType<typeof alertRules>, alert: string) =>
        rules.rules.find((r) => r.alert === alert)?.annotations.description ?? "";

    it("name the static primary's pod (primaryOrdinal)", () => {
        const rules = alertRules(alertTarget({ primaryPod: "abaci-app-2" }));
        assert.match(
            describe_(rules, "LiteFSNoPrimary"),
            /Writes fail until abaci-app-2 is back\. Check the pod: kubectl -n abaci get pod abaci-app-2/,
        );
        assert.match(describe_(rules, "LiteFSSplitBrain"), /makes only abaci-app-2 a candidate/);
        assert.doesNotMatch(JSON.stringify(rules), /abaci-app-0/);
    });

    it("under failover, point at the role label and Consul instead of a fixed pod", () => {
        const rules = alertRules(alertTarget({ primaryPod: undefined }));
        assert.match(describe_(rules, "LiteFSNoPrimary"), /until a candidate takes the Consul lease.*-L litefs\.io\/role/);
        assert.match(describe_(rules, "LiteFSSplitBrain"), /two clusters share one lease key/);
        assert.doesNotMatch(JSON.stringify(rules), /abaci-app-0/);
    });
});
