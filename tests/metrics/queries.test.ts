/**
 * Every alert and dashboard query names only series from the one list (`sdk/metrics/series.ts`), parses as
 * PromQL, and is scoped to this app; the list's LiteFS entries cite LiteFS v0.5.14's source.
 */
import * as assert from "node:assert/strict";
import { alertRules } from "../../sdk/metrics/alerts";
import { dashboard } from "../../sdk/metrics/dashboard";
import { SERIES } from "../../sdk/metrics/series";
import { alertTarget } from "../support/metrics";
import { parsePromQl, withoutGrafanaVariables } from "../support/promql";

const LISTED = new Set<string>(SERIES.map((s) => s.name));

/** Every query for a few app shapes: with and without backups, one pod and several. */
function everyQuery(): { where: string; expr: string }[] {
    const targets = [alertTarget(), alertTarget({ replicas: 1, backupCronJob: undefined })];
    return targets.flatMap((target) => [
        ...alertRules(target).rules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr })),
        ...(dashboard(target).panels as { title: string; targets: { expr: string }[] }[]).flatMap((panel) =>
            panel.targets.map((t) => ({ where: `dashboard panel "${panel.title}"`, expr: withoutGrafanaVariables(t.expr) })),
        ),
    ]);
}

describe("metrics: series names", () => {
    it("every alert and dashboard query parses and names only listed series", () => {
        const queries = everyQuery();
        assert.ok(queries.length > 15);
        for (const { where, expr } of queries) {
            const parsed = parsePromQl(expr);
            assert.deepEqual(parsed.errors, [], `${where} does not parse: ${expr}`);
            assert.deepEqual(parsed.nameMatchers, [], `${where} selects by __name__, which hides the metric name`);
            assert.ok(parsed.metrics.length > 0, `${where} selects no series`);
            for (const metric of parsed.metrics)
                assert.ok(LISTED.has(metric), `${where} names ${metric}, which is not in sdk/metrics/series.ts`);
        }
    });

    it("lists no series that no query uses", () => {
        const used = new Set(everyQuery().flatMap(({ expr }) => parsePromQl(expr).metrics));
        assert.deepEqual(
            SERIES.map((s) => s.name).filter((name) => !used.has(name)),
            [],
        );
    });

    it("the check catches a query naming an unlisted series", () => {
        const parsed = parsePromQl('max by (pod) (litefs_is_primary{namespace="a"}) + on (pod) litefs_primary_count');
        assert.deepEqual(parsed.metrics, ["litefs_is_primary", "litefs_primary_count"]);
        assert.ok(!LISTED.has("litefs_primary_count"));
        assert.notDeepEqual(parsePromQl("sum(rate(litefs_db_commit_count[5m]").errors, []);
    });

    it("every LiteFS series of the list cites its definition in LiteFS v0.5.14, every other one its exporter's source", () => {
        for (const s of SERIES) {
            if (s.exporter === "litefs") {
                assert.match(s.name, /^litefs_/);
                assert.match(s.source, /^superfly\/litefs v0\.5\.14 (db|store|http\/server)\.go: \w+/, s.name);
            } else
                assert.match(s.source, s.exporter === "kubelet" ? /pkg\/kubelet\/metrics/ : /^kube-state-metrics docs\/metrics\//, s.name);
        }
        assert.equal(new Set(SERIES.map((s) => s.name)).size, SERIES.length, "a series is listed twice");
    });

    it("every selector is scoped to this app's namespace and pods, volumes or backup CronJob", () => {
        for (const { where, expr } of everyQuery()) {
            // Each selector's matchers: namespace="abaci" always, and a pod, PVC, job or CronJob matcher of this app.
            for (const selector of expr.match(/[a-z_]+\{[^}]*\}/g) ?? []) {
                assert.match(selector, /namespace="abaci"/, `${where}: ${selector}`);
                if (!/^kube_job_(failed|status_start_time)\{/.test(selector))
                    assert.match(
                        selector,
                        /pod=~"abaci-app-\[0-9\]\+"|persistentvolumeclaim=~"litefs-data-abaci-app-\[0-9\]\+"|cronjob="abaci-app-backup"|owner_name="abaci-app-backup"/,
                        `${where}: ${selector}`,
                    );
            }
        }
    });
});
