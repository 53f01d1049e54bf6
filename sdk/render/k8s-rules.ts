/**
 * Rules the API server enforces that the Kubernetes OpenAPI schema does not express: name formats and
 * lengths (DNS-1123), port ranges and port-name formats, volume mounts that name a volume, and Bidirectional
 * mount propagation only in a privileged container.
 * Paths are relative to the object, as in `k8s-schema.ts`.
 */

import type { KubeObject } from "../k8s/manifests";
import { MAX_NAME_LENGTH } from "../naming";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { isPlainObject } from "../validation/values";

type Obj = KubeObject;

const PORT_FIELDS = new Set(["containerPort", "hostPort", "port", "nodePort", "targetPort"]);
/** IANA_SVC_NAME, as Kubernetes validates container port names and named target ports. */
const IANA_SVC_NAME = /^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

/** The one object check, for objects walked as loosely typed Kubernetes JSON. */
const isObject: (value: unknown) => value is Obj = isPlainObject;

function list(value: unknown): Obj[] {
    return Array.isArray(value) ? value.filter(isObject) : [];
}

/** The name rule for an object's metadata.name: what the API server checks for that kind. */
function nameProblems(kind: string, name: unknown): Problem[] {
    const path = "metadata.name";
    if (name === undefined)
        return [
            {
                rule: "k8s-object",
                path,
                message: "is missing: kubectl needs a name for every object.",
                fix: "give the object an explicit name.",
            },
        ];
    switch (kind) {
        case "Namespace":
            return rules.dnsLabel(name, path, "k8s-object");
        case "Service":
            return rules.dnsLabel(name, path, "k8s-object", 63, true);
        case "StatefulSet":
            // Pods are named <name>-<ordinal> and labelled with a <name>-<hash> revision: the name must be a short label.
            return rules.dnsLabel(name, path, "k8s-object", MAX_NAME_LENGTH);
        default:
            return rules.dnsSubdomain(name, path, "k8s-object");
    }
}

function portName(value: unknown, path: string): Problem[] {
    if (typeof value === "string" && IANA_SVC_NAME.test(value)) return [];
    return [
        {
            rule: "k8s-object",
            path,
            message: `must be an IANA service name (at most 15 lowercase letters, digits and "-", with a letter, no "--"), got ${JSON.stringify(value)}.`,
            fix: 'use a short lowercase name such as "http".',
        },
    ];
}

/** Every port number anywhere in the object, by field name: ranges are the same wherever they appear. */
function portProblems(value: unknown, path: string, problems: Problem[]): void {
    if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) portProblems(item, `${path}[${i}]`, problems);
        return;
    }
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (PORT_FIELDS.has(key) && typeof child === "number") problems.push(...rules.port(child, at, "k8s-object"));
        else if (key === "targetPort" && typeof child === "string") problems.push(...portName(child, at));
        else portProblems(child, at, problems);
    }
}

/** The pod spec inside a workload or pod, with its path, or undefined for objects without pods. */
function podSpec(manifest: Obj): { spec: Obj; path: string } | undefined {
    const spec = manifest.spec;
    if (!isObject(spec)) return undefined;
    if (manifest.kind === "Pod") return { spec, path: "spec" };
    if (manifest.kind === "CronJob" && isObject(spec.jobTemplate?.spec?.template?.spec))
        return { spec: spec.jobTemplate.spec.template.spec, path: "spec.jobTemplate.spec.template.spec" };
    if (isObject(spec.template?.spec)) return { spec: spec.template.spec, path: "spec.template.spec" };
    return undefined;
}

function podProblems(manifest: Obj): Problem[] {
    const pod = podSpec(manifest);
    if (!pod) return [];
    const problems: Problem[] = [];
    const volumes = new Set<string>();
    for (const [i, volume] of list(pod.spec.volumes).entries()) {
        problems.push(...rules.dnsLabel(volume.name, `${pod.path}.volumes[${i}].name`, "k8s-object"));
        volumes.add(volume.name);
    }
    for (const [i, claim] of list(manifest.spec?.volumeClaimTemplates).entries()) {
        problems.push(...rules.dnsLabel(claim.metadata?.name, `spec.volumeClaimTemplates[${i}].metadata.name`, "k8s-object"));
        volumes.add(claim.metadata?.name);
    }
    for (const field of ["initContainers", "containers"]) {
        for (const [i, container] of list(pod.spec[field]).entries()) {
            const at = `${pod.path}.${field}[${i}]`;
            problems.push(...rules.dnsLabel(container.name, `${at}.name`, "k8s-object"));
            for (const [j, port] of list(container.ports).entries())
                if (port.name !== undefined) problems.push(...portName(port.name, `${at}.ports[${j}].name`));
            for (const [j, mount] of list(container.volumeMounts).entries()) {
                if (!volumes.has(mount.name))
                    problems.push({
                        rule: "k8s-object",
                        path: `${at}.volumeMounts[${j}].name`,
                        message: `names no volume or volumeClaimTemplate of this pod (${JSON.stringify(mount.name)}); the API server refuses the pod.`,
                        fix: "add the volume to the pod, or remove the mount.",
                    });
                // pkg/apis/core/validation, validateMountPropagation.
                if (mount.mountPropagation === "Bidirectional" && container.securityContext?.privileged !== true)
                    problems.push({
                        rule: "k8s-object",
                        path: `${at}.volumeMounts[${j}].mountPropagation`,
                        message: "is Bidirectional in a container that is not privileged: the API server refuses the pod.",
                        fix: "set securityContext.privileged: true on the container, or use HostToContainer.",
                    });
            }
        }
    }
    return problems;
}

function serviceProblems(manifest: Obj): Problem[] {
    if (manifest.kind !== "Service") return [];
    return list(manifest.spec?.ports).flatMap((port, i) =>
        port.name === undefined ? [] : rules.dnsLabel(port.name, `spec.ports[${i}].name`, "k8s-object"),
    );
}

/** Problems with one manifest that the schema cannot see. */
export function checkKubernetesRules(manifest: Obj): Problem[] {
    const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
    const problems: Problem[] = [...nameProblems(String(manifest.kind), metadata.name)];
    if (metadata.namespace !== undefined) problems.push(...rules.dnsLabel(metadata.namespace, "metadata.namespace", "k8s-object"));
    problems.push(...rules.labels(metadata.labels, "metadata.labels", "k8s-object"));
    const template = manifest.spec?.template?.metadata;
    if (isObject(template)) problems.push(...rules.labels(template.labels, "spec.template.metadata.labels", "k8s-object"));
    portProblems(manifest, "", problems);
    problems.push(...podProblems(manifest), ...serviceProblems(manifest));
    return problems;
}
