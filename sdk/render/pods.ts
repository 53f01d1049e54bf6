/** What each LiteFsApp pod would write as litefs.yml, found by running its real start-up script. */

import type { KubeObject } from "../k8s/manifests";
import { LITEFS_CONTAINER_NAMES } from "../plan/pod-layout";
import { simulateStart } from "../startup/simulate";

export interface PodConfig {
    readonly pod: string;
    readonly role: "primary" | "replica";
    readonly litefsYaml: string;
}

/** For every LiteFsApp StatefulSet among `objects`: the litefs.yml of pod-0 and, if it has one, pod-1. */
export function podConfigs(objects: readonly KubeObject[]): PodConfig[] {
    const configs: PodConfig[] = [];
    for (const sts of objects) {
        if (sts.kind !== "StatefulSet" || sts.metadata?.labels?.["app.kubernetes.io/name"] !== "litefs") continue;
        const spec = sts.spec.template.spec;
        const container = [...(spec.initContainers ?? []), ...spec.containers].find((c: { name: string }) =>
            LITEFS_CONTAINER_NAMES.includes(c.name),
        );
        const ordinals = (sts.spec.replicas ?? 1) > 1 ? [0, 1] : [0];
        for (const ordinal of ordinals) {
            const pod = `${sts.metadata.name}-${ordinal}`;
            const start = simulateStart(container.command[2], pod);
            if (start.exitCode !== 0 || start.config === undefined)
                throw new Error(`the start-up script of ${pod} failed (exit ${start.exitCode}): ${start.stderr.trim()}`);
            configs.push({ pod, role: ordinal === 0 ? "primary" : "replica", litefsYaml: start.config });
        }
    }
    return configs;
}
