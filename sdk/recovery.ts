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
    /** The static primary's ordinal. Default: 0. */
    readonly primaryOrdinal?: number;
    /** Under failover: no static primary; the runbook looks the primary up by the labeller's label when it runs. */
    readonly primaryByLabel?: boolean;
}

export function recoveryTarget(
    plan: Pick<AppPlan, "name" | "namespace" | "replicas" | "database" | "dataDir" | "apiPort" | "names" | "lease"> & {
        readonly podLayout: { readonly litefs: { readonly name: string } };
    },
): RecoveryTarget {
    const { name, namespace, replicas, database, dataDir, apiPort } = plan;
    return {
        name,
        namespace,
        replicas,
        database,
        dataDir,
        apiPort,
        liteFsContainer: plan.podLayout.litefs.name,
        primaryOrdinal: plan.names.primaryOrdinal,
        primaryByLabel: plan.lease.type === "consul",
    };
}

/**
 * The runbook as lines: `#` comments explaining each step, then its commands. Every pod or replica is reached
 * by a loop over ordinals, so the runbook has the same size for 3 replicas or 300. With the primary at pod-0 the
 * replicas are ordinals 1 to the last; otherwise the loops skip the primary (`$p` under failover, read from the
 * labeller's label when the runbook runs).
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
    const p = target.primaryByLabel ? "$p" : (target.primaryOrdinal ?? 0);
    const primary = names.pod(p);
    if (last < 1) return [header, `# ${primary} has no replicas, so no pod can hold a different cluster id.`];
    const pod = names.pod(ORDINAL);
    // The replicas: ordinals 1…last with pod-0 the primary, else every ordinal but the primary's.
    const atZero = p === 0;
    const replicaLoop = atZero ? forOrdinals(1, last) : `${forOrdinals(0, last)} [ "$i" = "${p}" ] && continue`;
    const aReplica = p === 1 ? 0 : 1;
    const someReplicas = atZero
        ? `#    To fix only some replicas, list their ordinals instead of $(seq 1 ${last}), e.g. "for i in ${last}; do".`
        : `#    To fix only some replicas, list their ordinals instead of $(seq 0 ${last}), e.g. "for i in ${last === p ? last - 1 : last}; do".`;
    const lookup = target.primaryByLabel
        ? [
              "# Under failover the primary is the pod the labeller labels litefs.io/role=primary: its ordinal is $p.",
              `p=$(${ns} get pods -l 'litefs.io/role=primary,app.kubernetes.io/instance=${target.name}' -o 'jsonpath={.items[0].metadata.name}'); p=\${p##*-}`,
              '[ -n "$p" ] || echo "no pod is labelled litefs.io/role=primary: set p to the primary\'s ordinal (kubectl get pods -L litefs.io/role)"',
              "",
          ]
        : [];
    // Scaling down to ordinal i stops every pod from i up: only the replicas above the primary can be rebuilt that way.
    const pvcFirst = typeof p === "number" ? p + 1 : undefined;
    const pvcFix =
        pvcFirst === undefined
            ? ["# 5. PVC fix: scaling down would stop the primary if it is above the replica; move the lease first (docs/failover.md)."]
            : pvcFirst > last
              ? [`# 5. PVC fix: not by scaling down, which would stop the primary ${primary}: move the primary first (docs/failover.md).`]
              : [
                    "# 5. PVC fix, per replica, only if the gentle fix did not help: replace its volume. Scaling down to a replica",
                    `#    also stops the replicas above it until the StatefulSet is scaled back up${atZero ? "" : `; a replica below ${primary} would stop the primary too`}.`,
                    atZero ? someReplicas : `#    Only ${names.pod(pvcFirst)} to ${names.pod(last)}: list their ordinals to fix only some.`,
                    forOrdinals(pvcFirst, last),
                    `  ${ns} scale statefulset ${names.statefulSet} --replicas=${ORDINAL}`,
                    `  ${ns} wait --for=delete pod/${pod} --timeout=5m`,
                    `  ${ns} delete pvc ${names.pvc(ORDINAL)}`,
                    `  ${ns} scale statefulset ${names.statefulSet} --replicas=${target.replicas}`,
                    "done",
                ];
    return [
        header,
        "# Run the steps in order and read each comment first: steps 4 and 5 replace a replica's copy with the primary's.",
        atZero
            ? `# The loops go over ordinals: ${names.pod(0)} is the primary, ${names.pod(1)} to ${names.pod(last)} the replicas.`
            : `# The loops go over ordinals: ${primary} is the primary, every other pod from ${names.pod(0)} to ${names.pod(last)} a replica.`,
        "",
        ...lookup,
        `# 1. Each pod's cluster id. Replicas whose id differs from ${primary}'s cannot stream from it.`,
        eachOrdinal(0, last, `printf '%s: ' ${pod}`, `${exec(ORDINAL)} cat ${target.dataDir}/clusterid`),
        "",
        "# 2. Save every pod's copy before changing anything (kubectl cp needs tar in the image).",
        forOrdinals(0, last),
        `  ${exec(ORDINAL)} litefs export ${api} -name ${target.database} ${remote}`,
        `  ${ns} cp -c ${target.liteFsContainer} ${pod}:${remote} ${local(ORDINAL)}`,
        "done",
        "",
        `# 3. Only if a replica holds the right data (e.g. ${primary}'s volume was replaced and it started empty):`,
        `#    import that copy into the primary. Shown for ${names.pod(aReplica)}; use the file of the replica you chose.`,
        `${ns} cp -c ${target.liteFsContainer} ${local(aReplica)} ${primary}:${remote}`,
        `${exec(p)} litefs import ${api} -name ${target.database} ${remote}`,
        "",
        `# 4. Gentle fix, per replica: forget the old cluster id and restart. The replica adopts ${primary}'s id and`,
        "#    takes a snapshot from it; its volume is kept. The delete may wait out the grace period (LiteFS ignores",
        "#    SIGTERM while it retries).",
        someReplicas,
        replicaLoop,
        `  ${exec(ORDINAL)} rm -f ${target.dataDir}/clusterid`,
        `  ${ns} delete pod ${pod}`,
        "done",
        "",
        ...pvcFix,
    ];
}
