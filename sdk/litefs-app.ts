import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { LiteFsAppArgs } from "./args";
import { restoreCommands } from "./k8s/restore-commands";
import { backupTarget } from "./backup/target";
import { protectionOptions } from "./data-protection";
import { debugCommands } from "./debug";
import { LiteFsAppArgsError } from "./errors";
import { appManifests } from "./k8s/manifests";
import { imageWarnings, planApp } from "./plan";
import { imageProblems } from "./plan/image";
import { recoveryCommands, recoveryTarget } from "./recovery";

/**
 * A replicated SQLite app on Kubernetes with LiteFS: a StatefulSet whose pod-0 is the static primary and
 * every other pod a read replica streaming from it, with its headless Service, a read and a write Service,
 * a PodDisruptionBudget, optionally a Gateway API HTTPRoute and a backup CronJob, and (by default) its namespace.
 */
export class LiteFsApp extends pulumi.ComponentResource {
    /** The namespace every object is in. */
    public readonly namespace: pulumi.Output<string>;
    /** The headless Service that gives each pod its DNS name (`<name>-headless`). */
    public readonly headlessServiceName: pulumi.Output<string>;
    /** The StatefulSet's name (the instance name). */
    public readonly statefulSetName: pulumi.Output<string>;
    /** The read Service over every Ready pod (`<name>`): send GET and HEAD here. */
    public readonly serviceName: pulumi.Output<string>;
    /** The write Service that selects pod-0 only (`<name>-primary`): send writes here. */
    public readonly primaryServiceName: pulumi.Output<string>;
    /** The write Service's in-cluster URL, as the app gets it in `LITEFS_PRIMARY_URL`. */
    public readonly primaryServiceUrl: pulumi.Output<string>;
    /** The primary's pod name (`<name>-0`), as every pod's litefs.yml names it in `lease.hostname`. */
    public readonly primaryHostname: pulumi.Output<string>;
    /** The URL replicas stream from: pod-0's LiteFS API through the headless Service. */
    public readonly primaryAdvertiseUrl: pulumi.Output<string>;
    /** Ready-to-paste kubectl commands to check the cluster, one per line; loops over ordinals reach every pod. */
    public readonly debugCommands: pulumi.Output<string>;
    /**
     * The runbook for "cannot stream from primary with a different cluster id", with this app's namespace, pods
     * and PVCs filled in: save every copy, then the gentle fix and the PVC fix for each replica.
     */
    public readonly recoveryCommands: pulumi.Output<string>;
    /**
     * With `backup`: the restore runbook for this app, ready to run: list the snapshots, save pod-0's database,
     * then a one-off Job that checks the latest snapshot (or one you pick), brings it into the live journal mode
     * and imports it into pod-0. Without `backup`: a line saying so.
     */
    public readonly restoreCommands: pulumi.Output<string>;

    constructor(name: string, args: LiteFsAppArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before registering anything, the component included: bad input creates nothing.
        const result = planApp(name, args);
        if (!result.ok) throw new LiteFsAppArgsError(name, result.problems);
        super("pulumi-litefs:index:LiteFsApp", name, args, opts);
        const { plan } = result;

        for (const warning of result.warnings) pulumi.log.warn(warning, this);
        // An Output image is checked when it resolves, by the same rules: a bad one fails the StatefulSet that
        // takes it, and so the deployment, with the message a plain string would have had.
        const image =
            typeof args.image === "string"
                ? plan.image
                : pulumi.output(args.image).apply((resolved) => {
                      const problems = imageProblems(resolved);
                      if (problems.length > 0) throw new LiteFsAppArgsError(name, problems, "its StatefulSet was not created");
                      for (const warning of imageWarnings(resolved)) pulumi.log.warn(warning, this);
                      return resolved;
                  });

        const manifests = appManifests({ ...plan, image });
        const protection = protectionOptions(plan.dataProtection);
        const namespace =
            manifests.namespace &&
            new k8s.core.v1.Namespace(`${name}-namespace`, manifests.namespace, { parent: this, ...protection.namespace });
        const inNamespace = { parent: this, dependsOn: namespace ? [namespace] : [] };
        const envSecret = manifests.envSecret && new k8s.core.v1.Secret(`${name}-env`, manifests.envSecret, inNamespace);
        const headless = new k8s.core.v1.Service(`${name}-headless`, manifests.headlessService, inNamespace);
        if (manifests.networkPolicy) new k8s.networking.v1.NetworkPolicy(`${name}-network-policy`, manifests.networkPolicy, inNamespace);
        const statefulSet = new k8s.apps.v1.StatefulSet(`${name}-statefulset`, manifests.statefulSet(envSecret?.metadata.resourceVersion), {
            ...inNamespace,
            ...protection.statefulSet,
            dependsOn: [...inNamespace.dependsOn, headless, ...(envSecret ? [envSecret] : [])],
        });
        // Nothing depends on the client Services: Pulumi waits until a non-headless Service has Ready
        // endpoints, which it gets only once the StatefulSet's pods are Ready.
        const readService = new k8s.core.v1.Service(`${name}-read`, manifests.readService, inNamespace);
        const primaryService = new k8s.core.v1.Service(`${name}-primary`, manifests.primaryService, inNamespace);
        new k8s.policy.v1.PodDisruptionBudget(`${name}-pdb`, manifests.podDisruptionBudget, inNamespace);
        if (manifests.httpRoute) new k8s.apiextensions.CustomResource(`${name}-httproute`, manifests.httpRoute, inNamespace);
        if (manifests.backupScripts && manifests.backupCronJob) {
            const scripts = new k8s.core.v1.ConfigMap(`${name}-backup-scripts`, manifests.backupScripts, inNamespace);
            new k8s.batch.v1.CronJob(`${name}-backup`, manifests.backupCronJob, {
                ...inNamespace,
                dependsOn: [...inNamespace.dependsOn, scripts],
            });
        }
        if (manifests.podMonitor) new k8s.apiextensions.CustomResource(`${name}-podmonitor`, manifests.podMonitor, inNamespace);
        if (manifests.prometheusRule) new k8s.apiextensions.CustomResource(`${name}-prometheusrule`, manifests.prometheusRule, inNamespace);
        if (manifests.dashboard) new k8s.core.v1.ConfigMap(`${name}-dashboard`, manifests.dashboard, inNamespace);

        this.namespace = namespace ? namespace.metadata.name : pulumi.output(plan.namespace);
        this.headlessServiceName = headless.metadata.name;
        this.statefulSetName = statefulSet.metadata.name;
        this.serviceName = readService.metadata.name;
        this.primaryServiceName = primaryService.metadata.name;
        this.primaryServiceUrl = pulumi.output(plan.names.primaryServiceUrl(plan.port));
        this.primaryHostname = pulumi.output(plan.names.primaryPod);
        this.primaryAdvertiseUrl = pulumi.output(plan.names.primaryAdvertiseUrl(plan.apiPort));
        this.debugCommands = pulumi.output(debugCommands(plan).join("\n"));
        this.recoveryCommands = pulumi.output(recoveryCommands(recoveryTarget(plan)).join("\n"));
        const backup = backupTarget(plan);
        this.restoreCommands = pulumi.output(
            backup
                ? restoreCommands(backup).join("\n")
                : `# LiteFsApp ${name} has no backup argument, so there is nothing to restore from.`,
        );
        this.registerOutputs({
            namespace: this.namespace,
            headlessServiceName: this.headlessServiceName,
            statefulSetName: this.statefulSetName,
            serviceName: this.serviceName,
            primaryServiceName: this.primaryServiceName,
            primaryServiceUrl: this.primaryServiceUrl,
            primaryHostname: this.primaryHostname,
            primaryAdvertiseUrl: this.primaryAdvertiseUrl,
            debugCommands: this.debugCommands,
            recoveryCommands: this.recoveryCommands,
            restoreCommands: this.restoreCommands,
        });
    }
}
