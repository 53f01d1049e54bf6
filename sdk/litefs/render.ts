/**
 * Where each pod's litefs.yml is rendered. Every pod's file is the same document except
 * `lease.candidate`: hostname and advertise-url always name pod-0, the static primary.
 */
import { dump } from "js-yaml";
import type { AppPlan } from "../plan";
import { formatProblem } from "../validation/problem";
import type { ExecEntry, LiteFsConfig } from "./config";
import { checkLiteFsConfig } from "./schema";

export type Role = "primary" | "replica";

export function liteFsConfig(plan: AppPlan, role: Role): LiteFsConfig {
    const section = (key: string) => (plan.litefs[key] ?? {}) as Record<string, unknown>;
    const exec: ExecEntry[] = [...(plan.migrate ? [{ cmd: plan.migrate, "if-candidate": true }] : []), { cmd: plan.command }];
    const config: Record<string, unknown> = {
        ...plan.litefs,
        fuse: { ...section("fuse"), dir: plan.fuseDir },
        data: { ...section("data"), dir: plan.dataDir },
        http: { ...section("http"), addr: `:${plan.apiPort}` },
        ...(plan.proxy && {
            proxy: {
                addr: `:${plan.proxy.port}`,
                target: `localhost:${plan.port}`,
                db: plan.database,
                ...plan.proxy.settings,
            },
        }),
        lease: {
            type: "static",
            hostname: plan.names.primaryPod,
            "advertise-url": plan.names.primaryAdvertiseUrl(plan.apiPort),
            candidate: role === "primary",
            ...section("lease"),
        },
        exec,
    };
    // The plan was validated already; a problem here is a bug in pulumi-litefs, never the caller's input.
    const problems = checkLiteFsConfig(config);
    if (problems.length > 0) throw new Error(`pulumi-litefs rendered an invalid litefs.yml: ${problems.map(formatProblem).join("; ")}`);
    return config as unknown as LiteFsConfig;
}

export function renderLiteFsYaml(plan: AppPlan, role: Role): string {
    return dump(liteFsConfig(plan, role), { lineWidth: -1, noRefs: true });
}
