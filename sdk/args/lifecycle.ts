/** How pods stop and roll (`plan/lifecycle.ts`). */
export interface LifecycleArgs {
    /**
     * Seconds Kubernetes waits after the stop signal before killing a pod. It must cover `preStopSleepSeconds`,
     * the app's own shutdown and LiteFS unmounting. LiteFS ignores SIGTERM until the node is ready, so a
     * replica that cannot reach pod-0 always takes this long to stop. Never 0. Default: 30.
     */
    terminationGracePeriodSeconds?: number;
    /**
     * Seconds a stopping pod keeps serving (a `preStop` sleep) so Services and Gateways stop sending it
     * traffic before the app and LiteFS get SIGTERM; 0 turns it off. The image needs a `sleep` binary (not in sidecar mode).
     * Must be less than `terminationGracePeriodSeconds`. Default: 5.
     */
    preStopSleepSeconds?: number;
    /**
     * The StatefulSet's `updateStrategy.rollingUpdate.partition`: a rolling update only replaces pods whose
     * ordinal is at least this. Pods are replaced from the highest ordinal down, replicas first and pod-0
     * (the primary) last; set 1 to update the replicas only, check them, then set 0 to update the primary.
     * While it is above 0 Pulumi does not wait for the rollout (its await needs every pod updated).
     * At most `replicas`. Default: 0.
     */
    updatePartition?: number;
    /** Seconds a new pod must stay Ready before a rolling update moves on to the next (lower) ordinal. Default: 10. */
    minReadySeconds?: number;
}
