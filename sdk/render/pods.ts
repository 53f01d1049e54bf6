/** What each LiteFsApp pod would write as litefs.yml, found by running its real start-up script. */

import type { KubeObject } from "../k8s/manifests";
import { PRIMARY_ORDINAL_ANNOTATION } from "../naming";
import { LITEFS_CONTAINER_NAMES } from "../plan/pod-layout";
import { simulateStart } from "../startup/simulate";

export interface PodConfig {
    readonly pod: string;
    readonly role: "primary" | "replica";
    readonly litefsYaml: string;
}

/**
 * For every LiteFsApp StatefulSet among `objects`: the litefs.yml of its primary (pod `primaryOrdinal`, or pod-0,
 * a candidate, under failover) and, if it has one, of the first other pod. The script gets the container's plain
 * environment values (Consul's URL under failover).
 */
export function podConfigs(objects: readonly KubeObject[]): PodConfig[] {
    const configs: PodConfig[] = [];
    for (const sts of objects) {
        if (sts.kind !== "StatefulSet" || sts.metadata?.labels?.["app.kubernetes.io/name"] !== "litefs") continue;
        const spec = sts.spec.template.spec;
        const container = [...(spec.initContainers ?? []), ...spec.containers].find((c: { name: string }) =>
            LITEFS_CONTAINER_NAMES.includes(c.name),
        );
        const primary = Number(sts.metadata.annotations?.[PRIMARY_ORDINAL_ANNOTATION] ?? 0);
        const other = primary === 0 ? 1 : 0;
        const ordinals = (sts.spec.replicas ?? 1) > 1 ? [primary, other] : [primary];
        const env: Record<string, string> = Object.fromEntries(
            (container.env ?? [])
                .filter((e: { value?: unknown }) => typeof e.value === "string")
                .map((e: { name: string; value: string }) => [e.name, e.value]),
        );
        for (const ordinal of ordinals) {
            const pod = `${sts.metadata.name}-${ordinal}`;
            const start = simulateStart(container.command[2], pod, { env });
            if (start.exitCode !== 0 || start.config === undefined)
                throw new Error(`the start-up script of ${pod} failed (exit ${start.exitCode}): ${start.stderr.trim()}`);
            configs.push({ pod, role: ordinal === primary ? "primary" : "replica", litefsYaml: start.config });
        }
    }
    return configs;
}
