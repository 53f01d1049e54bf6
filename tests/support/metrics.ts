/** The monitored app the metrics tests use: the README's example app, with backups on. */
import type { AlertTarget } from "../../sdk/metrics/alerts";
import type { MetricsThresholds } from "../../sdk/plan";

export const THRESHOLDS: MetricsThresholds = {
    replicaLagSeconds: 30,
    behindPrimarySeconds: 120,
    volumeUsagePercent: 80,
    restartsPerHour: 3,
    backupMaxAgeHours: 26,
};

export function alertTarget(overrides: Partial<AlertTarget> = {}): AlertTarget {
    return {
        name: "abaci-app",
        namespace: "abaci",
        replicas: 3,
        thresholds: THRESHOLDS,
        backupCronJob: "abaci-app-backup",
        liteFsContainer: "app",
        ...overrides,
    };
}
