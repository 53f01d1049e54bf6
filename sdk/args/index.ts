/**
 * The public arguments of `LiteFsApp`, one file per concern (the same concerns as `plan/`). Fields that name Kubernetes objects or shape the StatefulSet are
 * plain values: they are validated before anything is created, and most of them feed immutable fields.
 * Values that commonly come from other resources (the image, env values, possibly secret) are Inputs.
 *
 * Arguments with a fixed set of values are each a const object and a type of the same name: TypeScript refuses
 * any other string, and the Pulumi schema analyzer turns the pair into an enum for the other languages.
 */

import type { NamesArgs } from "./names";
import type { ImageArgs } from "./image";
import type { ExecArgs } from "./exec";
import type { StorageFieldArgs } from "./storage";
import type { EnvArgs } from "./env";
import type { LiteFsFieldArgs } from "./litefs";
import type { MetadataArgs } from "./metadata";
import type { ProbesFieldArgs } from "./probes";
import type { TrafficArgs } from "./traffic";
import type { LifecycleArgs } from "./lifecycle";
import type { SchedulingArgs } from "./scheduling";
import type { DataProtectionArgs } from "./data-protection";
import type { PrivilegesArgs } from "./privileges";
import type { PodExtensionsArgs } from "./pod-extensions";
import type { ServicesFieldArgs } from "./services";
import type { BackupFieldArgs } from "./backup";
import type { MetricsFieldArgs } from "./metrics";
import type { FailoverFieldArgs } from "./failover";
import type { LiteFsSidecarFieldArgs } from "./litefs-sidecar";

export * from "./names";
export * from "./image";
export * from "./exec";
export * from "./storage";
export * from "./env";
export * from "./litefs";
export * from "./metadata";
export * from "./probes";
export * from "./traffic";
export * from "./lifecycle";
export * from "./scheduling";
export * from "./data-protection";
export * from "./privileges";
export * from "./pod-extensions";
export * from "./services";
export * from "./backup";
export * from "./metrics";
export * from "./failover";
export * from "./litefs-sidecar";

/** The arguments of `LiteFsApp`: every concern's fields. */
export interface LiteFsAppArgs
    extends
        NamesArgs,
        ImageArgs,
        ExecArgs,
        StorageFieldArgs,
        EnvArgs,
        LiteFsFieldArgs,
        MetadataArgs,
        ProbesFieldArgs,
        TrafficArgs,
        LifecycleArgs,
        SchedulingArgs,
        DataProtectionArgs,
        PrivilegesArgs,
        PodExtensionsArgs,
        ServicesFieldArgs,
        BackupFieldArgs,
        MetricsFieldArgs,
        FailoverFieldArgs,
        LiteFsSidecarFieldArgs {}
