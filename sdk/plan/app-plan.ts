/**
 * The whole plan, composed of the concern modules' own part types: a part's fields are declared once, in its
 * module, and a builder reads them at the same path as before (`plan.apiPort`, `plan.probes.readiness`).
 */
import type { DataProtection } from "../args";
import type { Problem } from "../validation/problem";
import type { EnvPlan } from "./env";
import type { ExecPlan } from "./exec";
import type { FailoverPlan } from "./failover";
import type { ImagePlan } from "./image";
import type { LifecyclePlan } from "./lifecycle";
import type { LiteFsOptionsPlan } from "./litefs-options";
import type { LiteFsSidecarPartPlan } from "./litefs-sidecar";
import type { MetadataPlan } from "./metadata";
import type { BackupPlan, HttpRoutePlan, MetricsPlan, ProbesPlan } from "./model";
import type { NamesPlan } from "./names";
import type { PodExtensionsPlan } from "./pod-extensions";
import type { PodLayout } from "./pod-layout";
import type { PrivilegesPlan } from "./privileges";
import type { SchedulingPlan } from "./scheduling";
import type { ServicesPlan } from "./services";
import type { StoragePlan } from "./storage";

export type AppPlan = NamesPlan &
    ImagePlan &
    ExecPlan &
    StoragePlan &
    EnvPlan &
    MetadataPlan &
    PrivilegesPlan &
    LiteFsOptionsPlan &
    LifecyclePlan &
    SchedulingPlan &
    PodExtensionsPlan &
    ServicesPlan &
    FailoverPlan &
    LiteFsSidecarPartPlan & {
        readonly dataProtection: DataProtection;
        readonly probes: ProbesPlan;
        /** The Gateway API route, when asked for. */
        readonly httpRoute?: HttpRoutePlan;
        /** Scheduled backups, when `backup` is given. */
        readonly backup?: BackupPlan;
        /** The metrics sidecar and monitoring objects, when `metrics` is set. */
        readonly metrics?: MetricsPlan;
        /** The pod's containers by role: which one runs LiteFS, which the app, their ports and volumes. */
        readonly podLayout: PodLayout;
    };

export type PlanResult = { ok: true; plan: AppPlan; warnings: string[] } | { ok: false; problems: Problem[] };
