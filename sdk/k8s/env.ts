/**
 * The app container's environment. Secret-valued `env` entries go into a Secret pulumi-litefs owns and are
 * read with secretKeyRef: a secret value inline would make the Kubernetes SDK mark the whole StatefulSet spec
 * secret, hiding every diff of it in previews.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { AppPlan } from "../plan";
import { CONSUL_URL_ENV } from "../startup/script";

type EnvVar = k8s.types.input.core.v1.EnvVar;

/**
 * The Pulumi SDK, loaded on first use: only an Output or a promise value needs it, and only a Pulumi program,
 * which has loaded it already, can pass one. The CLI rendering an args file (all strings) never loads it.
 */
function sdk(): typeof pulumi {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred: see above
    return require("@pulumi/pulumi");
}

/** Entries whose value is an Output or a promise: only those can be secret. */
function deferredEntries(plan: AppPlan): [string, pulumi.Output<string>][] {
    return Object.entries(plan.env)
        .filter(([, value]) => typeof value !== "string")
        .map(([name, value]) => [name, sdk().output(value)]);
}

/** Whether the value is a Pulumi secret, as a non-secret Output (it reveals nothing of the value). */
function secretness(value: pulumi.Output<string>): pulumi.Output<boolean> {
    return sdk().output(sdk().isSecret(value));
}

/** The app's environment: the container LiteFS runs in (embedded mode), or the app's own (sidecar mode). */
export function containerEnv(plan: AppPlan): pulumi.Input<EnvVar>[] {
    return [
        { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
        // Where the start-up script writes litefs.yml: in sidecar mode, in the LiteFS container only.
        ...(plan.liteFsSidecar ? [] : [{ name: "LITEFS_CONFIG_DIR", value: plan.configDir }]),
        // Where the app forwards writes it receives on a replica: the primary, through the write Service.
        { name: "LITEFS_PRIMARY_URL", value: plan.names.primaryServiceUrl(plan.port) },
        // The database's full path in the FUSE mount: what the app opens.
        { name: "LITEFS_DATABASE_PATH", value: `${plan.fuseDir}/${plan.database}` },
        ...consulEnv(plan),
        ...Object.entries(plan.env).map(([name, value]): pulumi.Input<EnvVar> => {
            if (typeof value === "string") return { name, value };
            const output = sdk().output(value);
            const fromSecret: EnvVar = { name, valueFrom: { secretKeyRef: { name: plan.names.envSecret, key: name } } };
            return secretness(output).apply((secret) =>
                secret ? sdk().output(fromSecret) : output.apply((v) => ({ name, value: v })),
            ) as pulumi.Input<EnvVar>;
        }),
        ...Object.entries(plan.secretEnv).map(([name, ref]) => ({
            name,
            valueFrom: {
                secretKeyRef: { name: ref.secretName, key: ref.key, ...(ref.optional !== undefined && { optional: ref.optional }) },
            },
        })),
    ];
}

/**
 * Under failover: Consul's URL, which the start-up script writes into litefs.yml (it may be an Output), and the ACL
 * token as CONSUL_HTTP_TOKEN, which Consul's client reads itself (LiteFS's consul/consul.go `Leaser.Open` builds it
 * with `api.DefaultConfig`): the token is never in the pod spec or litefs.yml, only a reference to its Secret.
 */
function consulEnv(plan: AppPlan): pulumi.Input<EnvVar>[] {
    if (plan.lease.type !== "consul") return [];
    const { url, tokenSecret } = plan.lease;
    return [
        { name: CONSUL_URL_ENV, value: url },
        ...(tokenSecret
            ? [
                  {
                      name: "CONSUL_HTTP_TOKEN",
                      valueFrom: {
                          secretKeyRef: {
                              name: tokenSecret.secretName,
                              key: tokenSecret.key,
                              ...(tokenSecret.optional !== undefined && { optional: tokenSecret.optional }),
                          },
                      },
                  },
              ]
            : []),
    ];
}

/**
 * The Secret holding the secret-valued `env` entries, present whenever an entry is an Output or a promise:
 * whether it is secret is only known once it resolves, and a resource must be registered now. It stays empty
 * when none turns out secret.
 */
export function envSecretManifest(plan: AppPlan): k8s.types.input.core.v1.Secret | undefined {
    const entries = deferredEntries(plan);
    if (entries.length === 0) return undefined;
    const data = sdk()
        .all(entries.map(([name, value]) => secretness(value).apply((secret) => (secret ? value.apply((v) => [[name, v]]) : []))))
        .apply((lists) => Object.fromEntries(lists.flat()));
    return {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: plan.names.envSecret, namespace: plan.namespace, labels: { ...plan.labels } },
        type: "Opaque",
        stringData: data,
    };
}
