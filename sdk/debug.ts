/**
 * Ready-to-paste troubleshooting commands for one app, filled in with its namespace, pods and labels.
 * The grep patterns are lines LiteFS 0.5 really logs. Pods are reached by loops over ordinals, so the
 * commands have the same size for 3 replicas or 300.
 */
import { LABELLER_CONTAINER_NAME, ROLE_LABEL } from "./naming";
import type { AppPlan } from "./plan";
import { eachOrdinal, ORDINAL } from "./shell-loop";

export function debugCommands(plan: AppPlan): string[] {
    const { names } = plan;
    const container = plan.podLayout.litefs.name;
    const ns = `kubectl -n ${plan.namespace}`;
    const logs = (ordinal: number | string) => `${ns} logs ${names.pod(ordinal)} -c ${container}`;
    const heading = `echo "--- ${names.pod(ORDINAL)}"`;
    const last = plan.replicas - 1;
    const pods = `${ns} get pods,pvc -l app.kubernetes.io/instance=${plan.name}`;
    const endpoints = `${ns} get endpointslices -l 'kubernetes.io/service-name in (${names.readService},${names.primaryService})'`;
    if (plan.lease.type === "consul")
        // Any candidate may hold the lease: the labeller's label says which one does.
        return [
            `${pods} -L ${ROLE_LABEL}`,
            endpoints,
            eachOrdinal(0, last, heading, `${logs(ORDINAL)} | grep -i litefs`),
            eachOrdinal(
                0,
                last,
                heading,
                `${logs(ORDINAL)} | grep -E "primary lease acquired|existing primary found|lease already initialized"`,
            ),
            eachOrdinal(0, last, heading, `${ns} logs ${names.pod(ORDINAL)} -c ${LABELLER_CONTAINER_NAME} | tail -n 3`),
            eachOrdinal(0, last, heading, `${ns} exec ${names.pod(ORDINAL)} -c ${container} -- cat ${plan.fuseDir}/.primary`),
        ];
    const p = names.primaryOrdinal;
    // The replicas: ordinals 1…last with pod-0 the primary, else every ordinal but the primary's.
    const eachReplica = (...commands: string[]) =>
        p === 0 ? eachOrdinal(1, last, ...commands) : eachOrdinal(0, last, `[ "$i" = ${p} ] && continue`, ...commands);
    return [
        pods,
        endpoints,
        eachOrdinal(0, last, heading, `${logs(ORDINAL)} | grep -i litefs`),
        `${logs(p)} | grep "stream connected"`,
        ...(last < 1
            ? []
            : [
                  eachReplica(heading, `${logs(ORDINAL)} | grep -E "existing primary found|connected to cluster"`),
                  eachReplica(heading, `${logs(ORDINAL)} | grep "different cluster id"`),
                  eachReplica(heading, `${ns} exec ${names.pod(ORDINAL)} -c ${container} -- cat ${plan.fuseDir}/.primary`),
              ]),
    ];
}
