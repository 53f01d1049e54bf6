/**
 * Ready-to-paste troubleshooting commands for one app, filled in with its namespace, pods and labels.
 * The grep patterns are lines LiteFS 0.5 really logs. Pods are reached by loops over ordinals, so the
 * commands have the same size for 3 replicas or 300.
 */
import type { AppPlan } from "./plan";
import { eachOrdinal, ORDINAL } from "./shell-loop";

export function debugCommands(plan: AppPlan): string[] {
    const { names } = plan;
    const container = plan.podLayout.litefs.name;
    const ns = `kubectl -n ${plan.namespace}`;
    const logs = (ordinal: number | string) => `${ns} logs ${names.pod(ordinal)} -c ${container}`;
    const heading = `echo "--- ${names.pod(ORDINAL)}"`;
    const last = plan.replicas - 1;
    return [
        `${ns} get pods,pvc -l app.kubernetes.io/instance=${plan.name}`,
        `${ns} get endpointslices -l 'kubernetes.io/service-name in (${names.readService},${names.primaryService})'`,
        eachOrdinal(0, last, heading, `${logs(ORDINAL)} | grep -i litefs`),
        `${logs(0)} | grep "stream connected"`,
        ...(last < 1
            ? []
            : [
                  eachOrdinal(1, last, heading, `${logs(ORDINAL)} | grep -E "existing primary found|connected to cluster"`),
                  eachOrdinal(1, last, heading, `${logs(ORDINAL)} | grep "different cluster id"`),
                  eachOrdinal(1, last, heading, `${ns} exec ${names.pod(ORDINAL)} -c ${container} -- cat ${plan.fuseDir}/.primary`),
              ]),
    ];
}
