/**
 * Every rule id a `Problem` can carry. `INPUT_RULES` are the rules on `LiteFsApp`'s arguments: the README's
 * input-rules table lists exactly these (tests/rule-ids.test.ts). `FILE_RULES` are the rules `render` and
 * `doctor` apply to the files they read and the objects they write.
 */
export const INPUT_RULES = [
    "args-object",
    "args-unknown",
    "name-dns-label",
    "name-length",
    "namespace-dns-label",
    "cluster-domain",
    "pod-dns-name",
    "boolean-args",
    "replicas",
    "image-required",
    "image-whitespace",
    "image-reference",
    "port-range",
    "port-clash",
    "exec-required",
    "exec-operator",
    "exec-variable",
    "exec-quoting",
    "database-name",
    "database-suffix",
    "storage-size",
    "storage-size-positive",
    "storage-class",
    "env-name",
    "env-hostname",
    "env-litefs-cloud-token",
    "env-reserved",
    "env-value",
    "env-duplicate",
    "secret-env-ref",
    "litefs-unknown-key",
    "litefs-managed-key",
    "litefs-duration",
    "proxy-passthrough-health",
    "proxy-always-forward",
    "litefs-value-type",
    "dir-absolute",
    "fuse-dir-data-dir",
    "dir-config-overlap",
    "dir-system",
    "labels",
    "labels-selector",
    "pod-annotations",
    "resources",
    "image-pull-policy",
    "image-pull-secrets",
    "probes-readiness-path",
    "probes-replicas-ready",
    "probes-timing",
    "http-route-parent-refs",
    "http-route-hostnames",
    "grace-period",
    "prestop-sleep",
    "update-partition",
    "min-ready-seconds",
    "pod-anti-affinity",
    "node-selector",
    "tolerations",
    "data-protection",
    "service-account-name",
    "fuse-mode",
    "fuse-device-resource",
    "backup-name-length",
    "backup-schedule",
    "backup-destination",
    "backup-secret",
    "backup-retention",
    "backup-from",
    "backup-image",
] as const;

export const FILE_RULES = [
    /** A YAML or JSON file that does not parse. */
    "file-syntax",
    /** An args file's own format: `name`, `args`, no Pulumi-only values. */
    "args-file",
    /** A litefs.yml that LiteFS 0.5 would refuse at start-up (beyond the key and value rules above). */
    "litefs-config",
    /** A rendered object that Kubernetes' OpenAPI schema refuses. */
    "k8s-schema",
    /** A rendered object that breaks a rule the API server checks beyond the schema. */
    "k8s-object",
    /** A command line the CLI cannot act on: a missing input, a bad flag value, an output directory in use. */
    "cli-usage",
] as const;

export type InputRuleId = (typeof INPUT_RULES)[number];
export type RuleId = InputRuleId | (typeof FILE_RULES)[number];
