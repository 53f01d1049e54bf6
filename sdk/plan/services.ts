/** The client Services' exposure: type, annotations and labels of the read Service and the write Service. */
import { type LiteFsAppArgs, type ServiceArgs, ServiceType } from "../args";
import { selectorLabels } from "../naming";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { DEFAULTS } from "./defaults";
import type { PlanContext, Planned, ServicePlan } from "./model";

export interface ServicesPlan {
    readonly services: { readonly read: ServicePlan; readonly primary: ServicePlan };
}

export function planServices(args: LiteFsAppArgs, ctx: PlanContext): Planned<ServicesPlan> {
    const problems: Problem[] = [];
    const plan = (role: "read" | "primary"): ServicePlan => {
        const given: ServiceArgs = args.services?.[role] ?? {};
        const at = `args.services.${role}`;
        const type = given.type ?? DEFAULTS[`services.${role}.type`];
        problems.push(
            ...rules.oneOf(type, `${at}.type`, "services", Object.values(ServiceType)),
            ...rules.stringMap(given.annotations, `${at}.annotations`, "services"),
            ...rules.labels(given.labels, `${at}.labels`, "services"),
        );
        for (const key of Object.keys(given.labels ?? {}))
            if (Object.hasOwn(selectorLabels(ctx.name), key))
                problems.push({
                    rule: "services",
                    path: `${at}.labels.${key}`,
                    message: "is a label pulumi-litefs sets on every object of the app.",
                    fix: "use another label name.",
                });
        return { type, annotations: given.annotations ?? {}, labels: given.labels ?? {} };
    };
    return { value: { services: { read: plan("read"), primary: plan("primary") } }, problems };
}
