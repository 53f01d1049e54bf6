/**
 * What users of a Helm chart add to the pod: sidecars, init containers, volumes and the app's mounts of
 * them, and envFrom. Given as Kubernetes specs (`KubernetesSpec`), checked here for what would break LiteFS
 * or the only-LiteFS-elevated rule, then typed as the Kubernetes inputs the StatefulSet builder takes.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { KubernetesSpec, LiteFsAppArgs } from "../args";
import { SIDECAR_TOOLS_DIR } from "../litefs/facts";
import { followsLatest, parseImageReference } from "../validation/image-reference";
import type { Problem } from "../validation/problem";
import * as rules from "../validation/rules";
import { isPlainObject, shown, trimDir } from "../validation/values";
import type { PlanContext, Planned } from "./model";
import { type ReservedTable, withRole } from "./pod-layout";

type Container = k8s.types.input.core.v1.Container;
type Volume = k8s.types.input.core.v1.Volume;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;
type EnvFromSource = k8s.types.input.core.v1.EnvFromSource;

export interface PodExtensionsPlan {
    readonly sidecars: readonly Container[];
    readonly initContainers: readonly Container[];
    readonly volumes: readonly Volume[];
    /** Mounts of `volumes` into the app's container. */
    readonly volumeMounts: readonly VolumeMount[];
    readonly envFrom: readonly EnvFromSource[];
}

/** A list argument of specs: each entry a mapping (the rest of a spec is Kubernetes' to check). */
function specList(value: unknown, path: string, rule: Problem["rule"]): { specs: KubernetesSpec[]; problems: Problem[] } {
    if (value === undefined) return { specs: [], problems: [] };
    if (!Array.isArray(value)) return { specs: [], problems: rules.list(value, path, rule) };
    const problems: Problem[] = [];
    value.forEach((entry, i) => {
        if (!isPlainObject(entry))
            problems.push({
                rule,
                path: `${path}[${i}]`,
                message: "must be a mapping (a Kubernetes spec).",
                fix: "write it as { name: …, … }.",
            });
    });
    return { specs: value.filter(isPlainObject), problems };
}

export function planPodExtensions(args: LiteFsAppArgs, ctx: PlanContext): Planned<PodExtensionsPlan> {
    const volumes = specList(args.volumes, "args.volumes", "volumes");
    const sidecars = specList(args.sidecars, "args.sidecars", "containers");
    const inits = specList(args.initContainers, "args.initContainers", "containers");
    const mounts = specList(args.volumeMounts, "args.volumeMounts", "volume-mounts");
    const envFrom = specList(args.envFrom, "args.envFrom", "env-from");
    const problems = [...volumes.problems, ...sidecars.problems, ...inits.problems, ...mounts.problems, ...envFrom.problems];

    const { layout, dataDir, fuseVolumeDir, configDir, mode } = ctx.basics;
    const liteFsVolumes = withRole(layout, "litefs").volumes;
    problems.push(...volumesProblems(volumes.specs, layout.reserved));
    const volumeNames = new Set(volumes.specs.map((v) => v.name).filter((n): n is string => typeof n === "string"));
    const containerNames = new Set<string>();
    for (const [arg, list] of [
        ["sidecars", sidecars.specs],
        ["initContainers", inits.specs],
    ] as const)
        list.forEach((spec, i) =>
            problems.push(
                ...containerProblems(spec, `args.${arg}[${i}]`, {
                    names: containerNames,
                    volumeNames,
                    reserved: layout.reserved,
                    liteFsVolumes,
                }),
            ),
        );
    const dirs = {
        "data.dir": dataDir,
        "fuse.dir": fuseVolumeDir,
        "the litefs.yml directory": configDir,
        // Sidecar mode: where the app's container finds busybox and the musl loader.
        ...(mode === "sidecar" && { "pulumi-litefs's tools directory": SIDECAR_TOOLS_DIR }),
    };
    const mountPaths = new Set<string>();
    mounts.specs.forEach((spec, i) =>
        problems.push(...appMountProblems(spec, `args.volumeMounts[${i}]`, volumeNames, liteFsVolumes, dirs, mountPaths)),
    );
    envFrom.specs.forEach((spec, i) => problems.push(...envFromProblems(spec, `args.envFrom[${i}]`)));

    return {
        // The value is only used when there are no problems: then every spec passed its guard.
        value: {
            sidecars: sidecars.specs.filter(isContainer),
            initContainers: inits.specs.filter(isContainer),
            volumes: volumes.specs.filter(isVolume),
            volumeMounts: mounts.specs.filter(isVolumeMount),
            envFrom: envFrom.specs.map((s): EnvFromSource => s),
        },
        problems,
    };
}

/** Warnings for a sidecar or init container whose image follows `latest`: it can change under the pods unseen. */
export function podExtensionWarnings(plan: Pick<PodExtensionsPlan, "sidecars" | "initContainers">): string[] {
    return (["sidecars", "initContainers"] as const).flatMap((arg) =>
        plan[arg].flatMap((container, i) => {
            const parsed = typeof container.image === "string" ? parseImageReference(container.image) : undefined;
            if (!parsed?.ok || !followsLatest(parsed.ref)) return [];
            const { repository } = parsed.ref;
            return [
                `${arg}[${i}].image "${String(container.image)}" ${parsed.ref.tag === undefined ? "has no tag, so it follows" : "is"} "latest": ` +
                    "a new push changes what the pods run without a change Pulumi can see, and pods may run different builds. " +
                    `Pin it by version or digest, e.g. "${repository}:<version>" or "${repository}@sha256:<digest>".`,
            ];
        }),
    );
}

// What the builder relies on; the rest of each spec is the Kubernetes API's to check.
const isContainer = (s: KubernetesSpec): s is KubernetesSpec & Container => typeof s.name === "string" && typeof s.image === "string";
const isVolume = (s: KubernetesSpec): s is KubernetesSpec & Volume => typeof s.name === "string";
const isVolumeMount = (s: KubernetesSpec): s is KubernetesSpec & VolumeMount =>
    typeof s.name === "string" && typeof s.mountPath === "string";

function volumesProblems(volumes: readonly KubernetesSpec[], reserved: ReservedTable): Problem[] {
    const problems: Problem[] = [];
    const seen = new Set<string>();
    volumes.forEach((volume, i) => {
        const at = `args.volumes[${i}]`;
        const found = rules.dnsLabel(volume.name, `${at}.name`, "volumes");
        problems.push(...found);
        if (found.length > 0) return;
        const name = volume.name as string;
        const taken = reserved.volumes.get(name);
        if (taken)
            problems.push({
                rule: taken.rule,
                path: `${at}.name`,
                message: `is "${name}", ${taken.what}.`,
                fix: "give your volume another name.",
            });
        else if (seen.has(name))
            problems.push({
                rule: "volumes",
                path: `${at}.name`,
                message: `is "${name}" again: volume names must be unique.`,
                fix: "rename one of them.",
            });
        seen.add(name);
        const sources = Object.keys(volume).filter((k) => k !== "name");
        if (sources.length !== 1)
            problems.push({
                rule: "volumes",
                path: at,
                message: `must have exactly one source (configMap, secret, emptyDir, persistentVolumeClaim, …), got ${sources.length === 0 ? "none" : sources.join(", ")}.`,
                fix: `e.g. { name: "${name}", configMap: { name: "app-config" } }.`,
            });
    });
    return problems;
}

/** Rights only the LiteFS container may have, as `securityContext` spells them. */
function elevation(context: Record<string, unknown>): string | undefined {
    const capabilities = isPlainObject(context.capabilities) ? context.capabilities : {};
    const appArmor = isPlainObject(context.appArmorProfile) ? context.appArmorProfile : {};
    if (context.privileged === true) return "securityContext.privileged: true";
    if (Array.isArray(capabilities.add) && capabilities.add.length > 0)
        return `securityContext.capabilities.add (${capabilities.add.join(", ")})`;
    if (context.allowPrivilegeEscalation === true) return "securityContext.allowPrivilegeEscalation: true";
    if (appArmor.type === "Unconfined") return "an unconfined AppArmor profile";
    return undefined;
}

/** What a user container is checked against: the names seen so far, the user's volumes and the reserved table. */
interface ContainerChecks {
    readonly names: Set<string>;
    readonly volumeNames: ReadonlySet<string>;
    readonly reserved: ReservedTable;
    readonly liteFsVolumes: readonly string[];
}

function containerProblems(spec: KubernetesSpec, at: string, checks: ContainerChecks): Problem[] {
    const { names, volumeNames, reserved, liteFsVolumes } = checks;
    const problems = rules.dnsLabel(spec.name, `${at}.name`, "containers");
    if (problems.length === 0) {
        const name = spec.name as string;
        const taken = reserved.containerNames.get(name);
        if (taken || names.has(name))
            problems.push({
                rule: taken?.rule ?? "containers",
                path: `${at}.name`,
                message: taken ? `is "${name}", ${taken.what}.` : `is "${name}" again: container names must be unique in the pod.`,
                fix: "give the container another name.",
            });
        names.add(name);
    }
    problems.push(...portClashes(spec.ports, `${at}.ports`, reserved));
    const image = typeof spec.image === "string" ? parseImageReference(spec.image) : undefined;
    if (!image?.ok)
        problems.push({
            rule: "containers",
            path: `${at}.image`,
            message: image
                ? `is not an image reference: ${image.reason}.`
                : `is required: the container's image, got ${shown(spec.image)}.`,
            fix: 'e.g. "docker.io/fluent/fluent-bit:3.1.9", pinned by version or digest.',
        });
    const context = isPlainObject(spec.securityContext) ? spec.securityContext : {};
    const elevated = elevation(context);
    if (elevated)
        problems.push({
            rule: "containers-elevated",
            path: `${at}.securityContext`,
            message: `gives container "${String(spec.name)}" elevated rights (${elevated}). Only the LiteFS container has them, for FUSE; every other container runs without (allowPrivilegeEscalation: false, every capability dropped).`,
            fix: "remove it; a tool that needs such rights belongs in a pod of its own (a DaemonSet), not next to the database.",
        });
    const mounts = spec.volumeMounts;
    if (mounts !== undefined)
        if (!Array.isArray(mounts)) problems.push(...rules.list(mounts, `${at}.volumeMounts`, "volume-mounts"));
        else
            mounts.forEach((mount, j) => {
                const name = isPlainObject(mount) ? mount.name : undefined;
                if (typeof name !== "string" || !volumeNames.has(name))
                    problems.push({
                        rule: "volume-mounts",
                        path: `${at}.volumeMounts[${j}].name`,
                        message: liteFsVolumes.includes(String(name))
                            ? `is "${String(name)}", LiteFS's own volume: another container writing there (or reading LiteFS's files behind its back) can corrupt the database.`
                            : `names no volume in args.volumes (got ${shown(name)}).`,
                        fix: "mount one of args.volumes; read the database through the app, or with litefs export.",
                    });
            });
    return problems;
}

function appMountProblems(
    spec: KubernetesSpec,
    at: string,
    volumeNames: ReadonlySet<string>,
    liteFsVolumes: readonly string[],
    dirs: Record<string, string>,
    seen: Set<string>,
): Problem[] {
    const problems: Problem[] = [];
    if (typeof spec.name !== "string" || !volumeNames.has(spec.name))
        problems.push({
            rule: "volume-mounts",
            path: `${at}.name`,
            message: liteFsVolumes.includes(String(spec.name))
                ? `is "${String(spec.name)}", a volume pulumi-litefs already mounts where LiteFS needs it.`
                : `names no volume in args.volumes (got ${shown(spec.name)}).`,
            fix: "add the volume to args.volumes and mount it by that name.",
        });
    const pathProblems = rules.absolutePath(spec.mountPath, `${at}.mountPath`, "volume-mounts");
    problems.push(...pathProblems);
    if (pathProblems.length > 0) return problems;
    const mountPath = trimDir(spec.mountPath as string);
    for (const [what, dir] of Object.entries(dirs))
        if (rules.isWithin(mountPath, dir) || rules.isWithin(dir, mountPath))
            problems.push({
                rule: "volume-mounts",
                path: `${at}.mountPath`,
                message: `("${mountPath}") overlaps ${what} ("${dir}"): a volume there would hide LiteFS's files or be hidden by them.`,
                fix: 'mount it in a directory of its own, e.g. "/config" or "/app/uploads".',
            });
    if (seen.has(mountPath))
        problems.push({
            rule: "volume-mounts",
            path: `${at}.mountPath`,
            message: `("${mountPath}") is mounted twice.`,
            fix: "mount each path once.",
        });
    seen.add(mountPath);
    return problems;
}

/**
 * A user container's ports may not take a port number or name of pulumi-litefs's own containers: in one pod
 * two containers cannot listen on one port, and Services, probes and the PodMonitor find ports by name.
 */
function portClashes(ports: unknown, at: string, reserved: ReservedTable): Problem[] {
    if (!Array.isArray(ports)) return [];
    return ports.flatMap((port: unknown, j: number): Problem[] => {
        if (!isPlainObject(port)) return [];
        const taken =
            (typeof port.containerPort === "number" ? reserved.ports.get(port.containerPort) : undefined) ??
            (typeof port.name === "string" ? reserved.portNames.get(port.name) : undefined);
        if (!taken) return [];
        return [
            {
                rule: taken.rule,
                path: `${at}[${j}]`,
                message: `takes ${taken.what}: two containers of one pod cannot listen on one port, and Services and probes find ports by name.`,
                fix: "give this container another port and port name, or move the clashing argument to another free port.",
            },
        ];
    });
}

function envFromProblems(spec: KubernetesSpec, at: string): Problem[] {
    const refs = (["configMapRef", "secretRef"] as const).filter((key) => spec[key] !== undefined);
    const others = Object.keys(spec).filter((k) => !["configMapRef", "secretRef", "prefix"].includes(k));
    if (refs.length !== 1 || others.length > 0)
        return [
            {
                rule: "env-from",
                path: at,
                message: `must have exactly one of configMapRef and secretRef (and optionally prefix)${others.length > 0 ? `, got ${others.join(", ")}` : ""}.`,
                fix: '{ configMapRef: { name: "app-config" } } or { secretRef: { name: "app-env" } }.',
            },
        ];
    const ref = spec[refs[0]];
    const problems = isPlainObject(ref)
        ? [
              ...rules.dnsSubdomain(ref.name, `${at}.${refs[0]}.name`, "env-from"),
              ...rules.boolean(ref.optional, `${at}.${refs[0]}.optional`, "env-from"),
          ]
        : [
              {
                  rule: "env-from" as const,
                  path: `${at}.${refs[0]}`,
                  message: "must be { name, optional? }.",
                  fix: '{ name: "app-config" }.',
              },
          ];
    if (spec.prefix !== undefined && (typeof spec.prefix !== "string" || rules.envName(spec.prefix, `${at}.prefix`, "env-from").length > 0))
        problems.push({
            rule: "env-from",
            path: `${at}.prefix`,
            message: `must be the start of an environment variable name, got ${shown(spec.prefix)}.`,
            fix: 'e.g. "APP_".',
        });
    return problems;
}
