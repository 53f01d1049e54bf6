import type { KubernetesSpec } from "./pod-extensions";

/** Where pods run (`plan/scheduling.ts`). */
export interface SchedulingArgs {
    /**
     * Spreading pods over nodes: "preferred" (pod anti-affinity on `kubernetes.io/hostname` that the
     * scheduler tries to honour), "required" (never two pods of this app on one node; pods stay Pending
     * when there are fewer nodes than replicas) or "none". Default: "preferred".
     */
    podAntiAffinity?: PodAntiAffinity;
    /** Node labels a node must have to run these pods (`nodeSelector`). Default: none. */
    nodeSelector?: Record<string, string>;
    /** Taints these pods tolerate. Default: none. */
    tolerations?: TolerationArgs[];
    /**
     * How pods spread over zones or nodes (Kubernetes TopologySpreadConstraint specs: `maxSkew`,
     * `topologyKey`, `whenUnsatisfiable`, …). Without a `labelSelector`, a constraint selects this app's
     * pods. Default: none (`podAntiAffinity` spreads over nodes).
     */
    topologySpreadConstraints?: KubernetesSpec[];
    /** The PriorityClass of the pods, e.g. to keep pod-0 from being preempted. Default: none (the cluster's default). */
    priorityClassName?: string;
}

/** How pods spread over nodes; see `LiteFsAppArgs.podAntiAffinity`. */
export const PodAntiAffinity = {
    /** Anti-affinity on `kubernetes.io/hostname` that the scheduler tries to honour. */
    Preferred: "preferred",
    /** Never two pods of this app on one node. */
    Required: "required",
    /** No anti-affinity. */
    None: "none",
} as const;
export type PodAntiAffinity = (typeof PodAntiAffinity)[keyof typeof PodAntiAffinity];

/** A Kubernetes toleration. */
export interface TolerationArgs {
    /** The taint key; empty with operator "Exists" tolerates every taint. Default: empty. */
    key?: string;
    /** "Equal" or "Exists". Default: "Equal". */
    operator?: TolerationOperator;
    /** The taint value, for operator "Equal". Default: empty. */
    value?: string;
    /** "NoSchedule", "PreferNoSchedule" or "NoExecute". Default: every effect. */
    effect?: TaintEffect;
    /** With effect "NoExecute": seconds the pod stays on a node after the taint appears. Default: forever. */
    tolerationSeconds?: number;
}

/** A toleration's `operator`. */
export const TolerationOperator = {
    /** The taint's value must equal the toleration's. */
    Equal: "Equal",
    /** Any value; with an empty key, any taint. */
    Exists: "Exists",
} as const;
export type TolerationOperator = (typeof TolerationOperator)[keyof typeof TolerationOperator];

/** A taint's `effect`. */
export const TaintEffect = {
    NoSchedule: "NoSchedule",
    PreferNoSchedule: "PreferNoSchedule",
    NoExecute: "NoExecute",
} as const;
export type TaintEffect = (typeof TaintEffect)[keyof typeof TaintEffect];

/** What the scheduler does when a topology spread constraint cannot be met. */
export const WhenUnsatisfiable = {
    /** Keep the pod Pending. */
    DoNotSchedule: "DoNotSchedule",
    /** Schedule it anyway, preferring the least skewed placement. */
    ScheduleAnyway: "ScheduleAnyway",
} as const;
export type WhenUnsatisfiable = (typeof WhenUnsatisfiable)[keyof typeof WhenUnsatisfiable];
