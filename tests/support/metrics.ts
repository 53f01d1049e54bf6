/** The monitored app the metrics tests use: the README's example app, with backups on. */
import { type AlertTarget, type AlertThresholds } from "../../sdk/metrics/alerts";

export const THRESHOLDS: AlertThresholds = {
    replicaLagSeconds: 30,
    behindPrimarySeconds: 120,
    volumeUsagePercent: 80,
    restartsPerHour: 3,
    backupMaxAgeHours: 26,
};

export function alertTarget(overrides: Partial<AlertTarget> = {}): AlertTarget {
    return { name: "abaci-app", namespace: "abaci", replicas: 3, thresholds: THRESHOLDS, backupCronJob: "abaci-app-backup", ...overrides };
}
