import type * as pulumi from "@pulumi/pulumi";

/** The app's environment (`plan/env.ts`). */
export interface EnvArgs {
    /**
     * Environment variables for the app (LiteFS passes its environment on to `command` and `migrate`).
     * Values may be Pulumi secrets: those are stored in a Kubernetes Secret `<name>-env` that pulumi-litefs
     * owns and read from it, so the pod spec stays readable in previews. `HOSTNAME`, `LITEFS_CLOUD_TOKEN` and
     * the variables pulumi-litefs sets itself are refused. Default: none.
     */
    env?: Record<string, pulumi.Input<string>>;
    /**
     * Environment variables read from Kubernetes Secrets that already exist in the namespace
     * (`valueFrom.secretKeyRef`), e.g. `{ DATABASE_KEY: { secretName: "app-keys", key: "db" } }`. A name may
     * appear in `env` or here, not both. Default: none.
     */
    secretEnv?: Record<string, SecretKeyRefArgs>;
}

/** A key of an existing Kubernetes Secret, read into an environment variable. */
export interface SecretKeyRefArgs {
    /** The Secret's name, in the app's namespace. */
    secretName: string;
    /** The key inside the Secret. */
    key: string;
    /** Start the pod even when the Secret or key is missing (the variable is then unset). Default: false. */
    optional?: boolean;
}
