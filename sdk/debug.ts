/**
 * Ready-to-paste troubleshooting commands for one app, filled in with its namespace, pods and labels.
 * The grep patterns are lines LiteFS 0.5 really logs.
 */
import { CONTAINER_NAME } from "./naming";
import type { AppPlan } from "./plan";

export function debugCommands(plan: AppPlan): string[] {
    const { names } = plan;
    const ns = `kubectl -n ${plan.namespace}`;
    const logs = (ordinal: number) => `${ns} logs ${names.pod(ordinal)} -c ${CONTAINER_NAME}`;
    const replicas = Array.from({ length: plan.replicas - 1 }, (_, i) => i + 1);
    return [
        `${ns} get pods,pvc -l app.kubernetes.io/instance=${plan.name}`,
        `${ns} get endpointslices -l 'kubernetes.io/service-name in (${names.readService},${names.primaryService})'`,
        ...Array.from({ length: plan.replicas }, (_, i) => `${logs(i)} | grep -i litefs`),
        `${logs(0)} | grep "stream connected"`,
        ...replicas.flatMap((i) => [
            `${logs(i)} | grep -E "existing primary found|connected to cluster"`,
            `${logs(i)} | grep "different cluster id"`,
            `${ns} exec ${names.pod(i)} -c ${CONTAINER_NAME} -- cat ${plan.fuseDir}/.primary`,
        ]),
    ];
}
