/** Pod metadata and resources: the caller's labels, pod annotations, and the app container's resources. */
import type { LiteFsAppArgs, ResourcesArgs } from "../args";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import type { PlanContext, Planned } from "./model";
import { selectorLabels } from "../naming";

export interface MetadataPlan {
    /** Selector labels plus the caller's labels. */
    readonly labels: Readonly<Record<string, string>>;
    readonly podAnnotations: Readonly<Record<string, string>>;
    readonly resources?: ResourcesArgs;
}

export function planMetadata(args: LiteFsAppArgs, ctx: PlanContext): Planned<MetadataPlan> {
    const selector = selectorLabels(ctx.name);
    const problems = rules.labels(args.labels, "args.labels", "labels");
    for (const key of Object.keys(args.labels ?? {}))
        if (Object.hasOwn(selector, key))
            problems.push({
                rule: "labels-selector",
                path: `args.labels.${key}`,
                message: "is a selector label that pulumi-litefs sets; selectors are immutable.",
                fix: "use another label name.",
            });
    problems.push(...rules.stringMap(args.podAnnotations, "args.podAnnotations", "pod-annotations"), ...resourcesProblems(args.resources));
    return {
        value: { labels: { ...args.labels, ...selector }, podAnnotations: args.podAnnotations ?? {}, resources: args.resources },
        problems,
    };
}

/** A container's requests and limits; `path` is the argument's (the app's, or the LiteFS sidecar's). */
export function resourcesProblems(resources: ResourcesArgs | undefined, path = "args.resources"): Problem[] {
    const problems: Problem[] = [];
    for (const kind of ["requests", "limits"] as const) {
        const list = resources?.[kind];
        if (list?.cpu !== undefined) problems.push(...rules.quantity(list.cpu, `${path}.${kind}.cpu`, "resources", "500m", "cpu"));
        if (list?.memory !== undefined) problems.push(...rules.quantity(list.memory, `${path}.${kind}.memory`, "resources", "512Mi"));
    }
    return problems;
}
