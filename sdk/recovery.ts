/**
 * Ready-to-run commands for LiteFS's "cannot stream from primary with a different cluster id", filled in for
 * one app. The component's `recoveryCommands` output, `pulumi-litefs recover` and the runbook in docs/recovery.md all print
 * these lines, so they cannot drift apart.
 */
import { podNames } from "./naming";
import type { AppPlan } from "./plan";
import { eachOrdinal, forOrdinals, ORDINAL } from "./shell-loop";

/** What the commands need to know about an app. */
export interface RecoveryTarget {
    readonly name: string;
    readonly namespace: string;
    readonly replicas: number;
    readonly database: string;
    readonly dataDir: string;
    readonly apiPort: number;
    /** The pod layout's LiteFS container, which `kubectl exec` and `cp` target. */
    readonly liteFsContainer: string;
}

export function recoveryTarget(
    plan: Pick<AppPlan, "name" | "namespace" | "replicas" | "database" | "dataDir" | "apiPort"> & {
        readonly podLayout: { readonly litefs: { readonly name: string } };
    },
): RecoveryTarget {
    const { name, namespace, replicas, database, dataDir, apiPort } = plan;
    return { name, namespace, replicas, database, dataDir, apiPort, liteFsContainer: plan.podLayout.litefs.name };
}

/**
 * The runbook as lines: `#` comments explaining each step, then its commands. Every pod or replica is reached
 * by a loop over ordinals, so the runbook has the same size for 3 replicas or 300.
 */
export function recoveryCommands(target: RecoveryTarget): string[] {
    const names = podNames(target.name);
    const ns = `kubectl -n ${target.namespace}`;
    const exec = (ordinal: number | string) => `${ns} exec ${names.pod(ordinal)} -c ${target.liteFsContainer} --`;
    const api = `-url http://localhost:${target.apiPort}`;
    const remote = `/tmp/${target.database}`;
    const local = (ordinal: number | string) => `./${names.pod(ordinal)}.${target.database}`;
    const last = target.replicas - 1;
    const header = `# Recovery for "cannot stream from primary with a different cluster id" in LiteFsApp ${target.name} (namespace ${target.namespace}).`;
    if (last < 1) return [header, `# ${names.primaryPod} has no replicas, so no pod can hold a different cluster id.`];
    const pod = names.pod(ORDINAL);
    const someReplicas = `#    To fix only some replicas, list their ordinals instead of $(seq 1 ${last}), e.g. "for i in ${last}; do".`;
    return [
        header,
        "# Run the steps in order and read each comment first: steps 4 and 5 replace a replica's copy with the primary's.",
        `# The loops go over ordinals: ${names.pod(0)} is the primary, ${names.pod(1)} to ${names.pod(last)} the replicas.`,
        "",
        `# 1. Each pod's cluster id. Replicas whose id differs from ${names.primaryPod}'s cannot stream from it.`,
        eachOrdinal(0, last, `printf '%s: ' ${pod}`, `${exec(ORDINAL)} cat ${target.dataDir}/clusterid`),
        "",
        "# 2. Save every pod's copy before changing anything (kubectl cp needs tar in the image).",
        forOrdinals(0, last),
        `  ${exec(ORDINAL)} litefs export ${api} -name ${target.database} ${remote}`,
        `  ${ns} cp -c ${target.liteFsContainer} ${pod}:${remote} ${local(ORDINAL)}`,
        "done",
        "",
        `# 3. Only if a replica holds the right data (e.g. ${names.primaryPod}'s volume was replaced and it started empty):`,
        `#    import that copy into the primary. Shown for ${names.pod(1)}; use the file of the replica you chose.`,
        `${ns} cp -c ${target.liteFsContainer} ${local(1)} ${names.primaryPod}:${remote}`,
        `${exec(0)} litefs import ${api} -name ${target.database} ${remote}`,
        "",
        `# 4. Gentle fix, per replica: forget the old cluster id and restart. The replica adopts ${names.primaryPod}'s id and`,
        "#    takes a snapshot from it; its volume is kept. The delete may wait out the grace period (LiteFS ignores",
        "#    SIGTERM while it retries).",
        someReplicas,
        forOrdinals(1, last),
        `  ${exec(ORDINAL)} rm -f ${target.dataDir}/clusterid`,
        `  ${ns} delete pod ${pod}`,
        "done",
        "",
        "# 5. PVC fix, per replica, only if the gentle fix did not help: replace its volume. Scaling down to a replica",
        "#    also stops the replicas above it until the StatefulSet is scaled back up.",
        someReplicas,
        forOrdinals(1, last),
        `  ${ns} scale statefulset ${names.statefulSet} --replicas=${ORDINAL}`,
        `  ${ns} wait --for=delete pod/${pod} --timeout=5m`,
        `  ${ns} delete pvc ${names.pvc(ORDINAL)}`,
        `  ${ns} scale statefulset ${names.statefulSet} --replicas=${target.replicas}`,
        "done",
    ];
}
