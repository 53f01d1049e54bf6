/**
 * Turns raw `LiteFsAppArgs` into a validated, fully defaulted plan. Pure: no Pulumi resources, no I/O.
 * The component, the CLI and the tests all start here.
 *
 * The convention every concern module follows (add new concerns, e.g. backup.ts or metrics.ts, the same way):
 *
 *     export function planStorage(args: LiteFsAppArgs, ctx: PlanContext): Planned<StoragePlan>
 *
 * - one file per concern, named for it (its arguments live in the file of the same name in `args/`); it exports
 *   its part type and one `plan<Concern>` function;
 * - `Planned<T>` is `{ value, problems }`: the part, defaulted, and every problem found (each with its rule id
 *   from `validation/rule-ids.ts`); the value is only used when the whole plan has no problems;
 * - defaults come from `defaults.ts` only, keyed by argument path;
 * - facts several modules need (names, namespace, replicas, ports, LiteFS's directories, the database, the
 *   pod's own layout and its reserved table) are resolved once by `planBasics` (`basics.ts`) and read from
 *   `ctx.basics`; the module that owns an argument validates it, the others only read it;
 * - no Pulumi resources, no I/O, no other plan module's output.
 *
 * `AppPlan` (`app-plan.ts`) is the intersection of the modules' part types, plus the pod layout (`pod-layout.ts`);
 * `planApp` only composes the modules; the order of the modules is the order problems are reported in.
 */
import type { LiteFsAppArgs } from "../args";
import type { Problem } from "../validation/problem";
import { backupWarnings, planBackup } from "./backup";
import { planDataProtection } from "./data-protection";
import { planEnv } from "./env";
import { planExec } from "./exec";
import { planFailover } from "./failover";
import { imageWarnings, planImage } from "./image";
import { planLifecycle } from "./lifecycle";
import { planLiteFsOptions } from "./litefs-options";
import { planLiteFsSidecar } from "./litefs-sidecar";
import { planMetadata } from "./metadata";
import { planMetrics } from "./metrics";
import type { AppPlan, PlanResult } from "./app-plan";
import { planBasics } from "./basics";
import type { PlanContext, Planned } from "./model";
import { nameProblems, planNames, podDnsNameProblems } from "./names";
import { planPodExtensions, podExtensionWarnings } from "./pod-extensions";
import { podLayout } from "./pod-layout";
import { planPrivileges } from "./privileges";
import { planProbes } from "./probes";
import { planScheduling } from "./scheduling";
import { planServices } from "./services";
import { unknownArgumentProblems } from "./argument-names";
import { planStorage } from "./storage";
import { planTraffic } from "./traffic";

export type { AppPlan, PlanResult } from "./app-plan";
export type { Basics } from "./basics";
export type { ContainerRole, LayoutContainer, LayoutPort, PodLayout, ReservedTable } from "./pod-layout";
export type { BackupPlan, BackupTool, FuseAccess, PlanContext, Planned, ProbesPlan, ProbeTiming, ServicePlan } from "./model";
export type { MetricsPeer, MetricsPlan, MetricsThresholds } from "./model";
export type { LiteFsSidecarPlan } from "./litefs-sidecar";
export { ARGS_SHAPE } from "./argument-names";
export { DEFAULTS } from "./defaults";
export { imageWarnings } from "./image";

/** Validates everything about the arguments that can be known before deploy, and resolves defaults. */
export function planApp(name: string, args: LiteFsAppArgs): PlanResult {
    if (typeof args !== "object" || args === null) {
        const problems = nameProblems(name);
        problems.push({
            rule: "args-object",
            path: "args",
            message: "must be an object of LiteFsApp arguments.",
            fix: "pass { image, port, command, … }.",
        });
        return { ok: false, problems };
    }
    const ctx: PlanContext = { name, basics: planBasics(args, name) };
    const problems: Problem[] = [...nameProblems(name), ...unknownArgumentProblems(args, ctx)];
    const take = <T>(planned: Planned<T>): T => {
        problems.push(...planned.problems);
        return planned.value;
    };
    const names = take(planNames(args, ctx));
    const image = take(planImage(args, ctx));
    const exec = take(planExec(args, ctx));
    const storage = take(planStorage(args, ctx));
    const env = take(planEnv(args, ctx));
    const metadata = take(planMetadata(args, ctx));
    const dataProtection = take(planDataProtection(args, ctx));
    const privileges = take(planPrivileges(args, ctx));
    const options = take(planLiteFsOptions(args, ctx));
    const probes = take(planProbes(args, ctx));
    const httpRoute = take(planTraffic(args, ctx));
    const lifecycle = take(planLifecycle(args, ctx));
    const scheduling = take(planScheduling(args, ctx));
    const extensions = take(planPodExtensions(args, ctx));
    const services = take(planServices(args, ctx));
    const backup = take(planBackup(args, ctx));
    const metrics = take(planMetrics(args, ctx));
    const failover = take(planFailover(args, ctx));
    const sidecar = take(planLiteFsSidecar(args, ctx));
    if (problems.length === 0) problems.push(...podDnsNameProblems(names));
    if (problems.length > 0) return { ok: false, problems };

    const plan: AppPlan = {
        ...names,
        ...image,
        ...exec,
        ...storage,
        ...env,
        ...metadata,
        dataProtection,
        ...privileges,
        ...options,
        probes,
        httpRoute,
        ...lifecycle,
        ...scheduling,
        ...extensions,
        ...services,
        backup,
        ...metrics,
        ...sidecar,
        podLayout: podLayout(ctx.basics.layout, extensions),
        ...failover,
    };
    const warnings = [
        ...(typeof args.image === "string" ? imageWarnings(args.image) : []),
        ...backupWarnings(plan),
        ...podExtensionWarnings(plan),
    ];
    return { ok: true, plan, warnings };
}
