/**
 * What each input rule checks, for people: the input it applies to and what it requires. `docs/input-rules.md`
 * is generated from this table (`npm run docs`), in this order; an id of `INPUT_RULES` without an entry here
 * is a compile error.
 */
import type { InputRuleId } from "./rule-ids";

export interface RuleDoc {
    /** The arguments the rule reads, as a reader writes them (Markdown). */
    readonly input: string;
    /** What the rule requires, and why when it is not obvious (Markdown). */
    readonly rule: string;
}

export const INPUT_RULE_DOCS = {
    "args-object": {
        input: "`args`",
        rule: "An object of arguments.",
    },
    "args-unknown": {
        input: "any argument",
        rule: "Only known argument names (JavaScript/YAML callers have no compiler); a misspelling gets a suggestion.",
    },
    "name-dns-label": {
        input: "the instance name",
        rule: "A DNS-1035 label: lowercase letters, digits and `-`, starting with a letter.",
    },
    "name-length": {
        input: "the instance name",
        rule: "At most 52 characters: pods carry the label `controller-revision-hash: <name>-<10 characters>`, at most 63.",
    },
    "namespace-dns-label": {
        input: "`namespace`",
        rule: "A DNS-1123 label of at most 63 characters.",
    },
    "namespace-shared": {
        input: "`namespace`, `createNamespace`",
        rule: "Not `default`, `kube-system`, `kube-public` or `kube-node-lease` while `createNamespace` is on: pulumi-litefs would own (and label privileged, and delete on destroy) a namespace the cluster shares. Use a namespace of its own, or `createNamespace: false`.",
    },
    "cluster-domain": {
        input: "`clusterDomain`",
        rule: "A DNS subdomain whose labels have at most 63 characters.",
    },
    "pod-dns-name": {
        input: "instance name, `namespace`, `clusterDomain`",
        rule: "The last pod's name `<name>-<ordinal>.<name>-headless.<namespace>.svc.<domain>` has at most 253 characters. Each of its labels fits 63 characters by the rules above (`<name>-headless` ≤ 61, `<name>-<ordinal>` ≤ 63).",
    },
    "boolean-args": {
        input: "`createNamespace`, `networkPolicy`, `backup.suspend`",
        rule: "`true` or `false`, not a string.",
    },
    replicas: {
        input: "`replicas`",
        rule: "A whole number from 1 (pod-0 only) to 5000, not a string. 5000: Kubernetes supports clusters of at most 5,000 nodes, a second replica on one node adds no availability, and one primary streams every transaction to each replica.",
    },
    "image-required": {
        input: "`image`",
        rule: "Present and non-empty.",
    },
    "image-whitespace": {
        input: "`image`",
        rule: "No whitespace. (A tag instead of a digest gets a warning, not an error.)",
    },
    "image-reference": {
        input: "`image`",
        rule: "An image reference as Docker and the kubelet parse it (distribution/reference): lowercase repository path, optional `host[:port]`, a tag of at most 128 characters, a digest `algorithm:hex` with `sha256` exactly 64 lowercase hex digits. `ghcr.io/Acme/Notes@sha256:abc` is refused.",
    },
    "port-range": {
        input: "`port`, `apiPort`, `proxy.port`",
        rule: "Whole numbers from 1 to 65535; `port` is required.",
    },
    "port-clash": {
        input: "`port`, `apiPort`, `proxy.port`",
        rule: "All different: the app, the LiteFS API and the proxy each need their own port.",
    },
    "exec-required": {
        input: "`command`, `migrate`",
        rule: "A non-empty command.",
    },
    "exec-operator": {
        input: "`command`, `migrate`",
        rule: "No unquoted `;` `&` `|` `<` `>`: LiteFS splits commands without a shell and drops everything from the operator on. Use `sh -c '…'`.",
    },
    "exec-variable": {
        input: "`command`, `migrate`",
        rule: "No `$VAR` or backticks outside `sh -c`: nothing would expand them.",
    },
    "exec-quoting": {
        input: "`command`, `migrate`",
        rule: "Balanced quotes, no unquoted `(` `)`: LiteFS could not split the command.",
    },
    "database-name": {
        input: "`database`",
        rule: "A plain file name (no directories).",
    },
    "database-suffix": {
        input: "`database`",
        rule: "Not ending in `-wal`, `-shm`, `-journal`, `-pos` or `-lock` (LiteFS's own files).",
    },
    "storage-size": {
        input: "`storage.size`",
        rule: 'A Kubernetes quantity string such as `"5Gi"`.',
    },
    "storage-size-positive": {
        input: "`storage.size`",
        rule: 'At least 1Mi: a number without a unit counts bytes, so `"5"` is refused like `5`.',
    },
    "storage-class": {
        input: "`storage.storageClassName`",
        rule: "A DNS subdomain.",
    },
    "env-name": {
        input: "`env`, `secretEnv` names",
        rule: "A valid variable name: letters, digits, `_`, `-`, `.`, not starting with a digit.",
    },
    "env-hostname": {
        input: "`env.HOSTNAME`",
        rule: "Refused: Kubernetes sets it to the pod's name. The fix shows how to set it for the app process only.",
    },
    "env-litefs-cloud-token": {
        input: "`env.LITEFS_CLOUD_TOKEN`",
        rule: "Refused: LiteFS Cloud was retired on 2024-10-15.",
    },
    "env-reserved": {
        input: "`POD_NAME`, `LITEFS_CONFIG_DIR`, `LITEFS_CANDIDATE`, `LITEFS_PRIMARY_URL`, `LITEFS_DATABASE_PATH` in `env` or `secretEnv`",
        rule: "Refused: pulumi-litefs sets them.",
    },
    "env-value": {
        input: "`env`",
        rule: "A map; each value a string or a `pulumi.Input<string>`, never a number, boolean or null.",
    },
    "env-duplicate": {
        input: "`env` and `secretEnv`",
        rule: "A variable is set in one of them, not both.",
    },
    "secret-env-ref": {
        input: "`secretEnv.<NAME>`",
        rule: "`{ secretName, key, optional? }`: `secretName` a DNS subdomain, `key` a valid Secret key, `optional` a boolean.",
    },
    "litefs-unknown-key": {
        input: "`litefs.*`, `proxy.*`",
        rule: "Only LiteFS 0.5's keys (in camelCase). LiteFS decodes strictly: an unknown key stops it with exit code 2. `primaryRedirectUrl` never existed.",
    },
    "litefs-managed-key": {
        input: "`litefs.exec`, `litefs.lease.*`, `litefs.http.addr`, `litefs.proxy`, `litefs.backup`; `litefs.fuse.allowOther: false` with `liteFsSidecar`",
        rule: "Refused: set through `command`, `migrate`, `apiPort`, `proxy`, or managed by pulumi-litefs (sidecar mode mounts with allow-other, so the app's container can open the mount).",
    },
    "litefs-duration": {
        input: "every LiteFS duration (`data.retention`, `proxy.maxLag`, `http.snapshotTimeout`, …)",
        rule: 'A Go duration string such as `"10s"` or `"1m30s"`, not a number and not in days.',
    },
    "proxy-passthrough-health": {
        input: "`proxy.passthrough`",
        rule: "No pattern matching `/litefs/health`, which readiness uses.",
    },
    "proxy-always-forward": {
        input: "`proxy.alwaysForward`",
        rule: 'Refused: off Fly.io a replica\'s proxy drops the requests it "forwards".',
    },
    "litefs-value-type": {
        input: "every other LiteFS option",
        rule: 'The type LiteFS decodes: unquoted booleans, integers, `"text"`/`"json"` for `log.format`, lists of strings.',
    },
    "dir-absolute": {
        input: "`litefs.data.dir`, `litefs.fuse.dir`",
        rule: "Absolute, not `/`, no `.` or `..` parts.",
    },
    "fuse-dir-data-dir": {
        input: "`litefs.fuse.dir`, `litefs.data.dir`",
        rule: "Different directories, neither inside the other (trailing slashes ignored).",
    },
    "dir-config-overlap": {
        input: "`litefs.data.dir`, `litefs.fuse.dir`",
        rule: "Not overlapping `/etc/litefs`, where the start-up script writes litefs.yml.",
    },
    "dir-system": {
        input: "`litefs.data.dir`, `litefs.fuse.dir`",
        rule: "Not a system directory such as `/usr`, `/etc` or `/dev`: a volume mounted there hides the image's files.",
    },
    labels: {
        input: "`labels`",
        rule: "Valid Kubernetes label names and values.",
    },
    "labels-selector": {
        input: "`labels`",
        rule: "Not overriding the selector labels `app.kubernetes.io/name`/`instance` (selectors are immutable).",
    },
    "pod-annotations": {
        input: "`podAnnotations`",
        rule: "A map of strings.",
    },
    resources: {
        input: "`resources.{requests,limits}.{cpu,memory}`, `liteFsSidecar.resources.…`",
        rule: "Kubernetes quantity strings.",
    },
    "image-pull-policy": {
        input: "`imagePullPolicy`",
        rule: "`Always`, `IfNotPresent` or `Never`.",
    },
    "image-pull-secrets": {
        input: "`imagePullSecrets`",
        rule: "DNS subdomains.",
    },
    "probes-readiness-path": {
        input: "`probes.readinessPath`",
        rule: "An HTTP path starting with `/`, no spaces; only without the proxy.",
    },
    "probes-replicas-ready": {
        input: "`probes.replicasReadyWithoutPrimary`, `proxy.maxLag`",
        rule: "A boolean, only with the proxy on, and not together with a non-zero `maxLag`.",
    },
    "probes-timing": {
        input: "`probes.{readiness,liveness,startup}.*`",
        rule: "Whole numbers: `initialDelaySeconds` ≥ 0, the others ≥ 1.",
    },
    "http-route-parent-refs": {
        input: "`httpRoute.parentRefs`",
        rule: "1 to 32 Gateways, each with a DNS-subdomain `name`, a DNS-label `namespace`, a valid `port`; one Gateway twice only with distinct listeners.",
    },
    "http-route-hostnames": {
        input: "`httpRoute.hostnames`",
        rule: "At most 16 lowercase DNS names (optionally `*.`), no IP, scheme, port or path, no repeats.",
    },
    "grace-period": {
        input: "`terminationGracePeriodSeconds`",
        rule: "A whole number of at least 1.",
    },
    "prestop-sleep": {
        input: "`preStopSleepSeconds`",
        rule: "A whole number ≥ 0, less than `terminationGracePeriodSeconds`.",
    },
    "update-partition": {
        input: "`updatePartition`",
        rule: "A whole number from 0 to `replicas`.",
    },
    "min-ready-seconds": {
        input: "`minReadySeconds`",
        rule: "A whole number ≥ 0.",
    },
    "pod-anti-affinity": {
        input: "`podAntiAffinity`",
        rule: '`"preferred"`, `"required"` or `"none"`.',
    },
    "node-selector": {
        input: "`nodeSelector`",
        rule: "Valid label names and values.",
    },
    tolerations: {
        input: "`tolerations`",
        rule: "A list of `{key, operator, value, effect, tolerationSeconds}` that Kubernetes accepts: `Equal`/`Exists`, a key unless `Exists`, no value with `Exists`, a known effect, `tolerationSeconds` only with `NoExecute`.",
    },
    "data-protection": {
        input: "`dataProtection`",
        rule: '`"retain"`, `"protect"` or `"none"`.',
    },
    "service-account-name": {
        input: "`serviceAccountName`",
        rule: "A DNS subdomain.",
    },
    "fuse-mode": {
        input: "`fuseAccess.mode`",
        rule: '`"privileged"` or `"devicePlugin"`.',
    },
    "fuse-device-resource": {
        input: "`fuseAccess.deviceResource`, `fuseAccess.appArmorUnconfined`",
        rule: 'An extended resource name `<domain>/<name>`; both only with mode `"devicePlugin"`.',
    },
    containers: {
        input: "`sidecars`, `initContainers`",
        rule: "Mappings, each with a DNS-label `name` unique in the pod and not `app`, and a valid image reference.",
    },
    "containers-elevated": {
        input: "`sidecars[].securityContext`, `initContainers[].securityContext`",
        rule: "No `privileged`, no added capabilities, no `allowPrivilegeEscalation: true`, no unconfined AppArmor: only the LiteFS container is elevated.",
    },
    volumes: {
        input: "`volumes`",
        rule: "Mappings with a unique DNS-label `name` that is not `litefs-data`, `litefs-fuse` or `litefs-config`, and exactly one source.",
    },
    "volume-mounts": {
        input: "`volumeMounts`, `sidecars[].volumeMounts`, `initContainers[].volumeMounts`",
        rule: "Each names a volume of `volumes` (never LiteFS's own); the app's mount paths are absolute, not mounted twice, and do not overlap `data.dir`, `fuse.dir` or `/etc/litefs`.",
    },
    "env-from": {
        input: "`envFrom`",
        rule: "Exactly one of `configMapRef` and `secretRef` (with a DNS-subdomain `name`), and an optional env-name `prefix`.",
    },
    "topology-spread": {
        input: "`topologySpreadConstraints`",
        rule: 'Mappings with a whole `maxSkew` of at least 1, a label-name `topologyKey`, `whenUnsatisfiable` `"DoNotSchedule"` or `"ScheduleAnyway"`, and a mapping `labelSelector` if given.',
    },
    "priority-class-name": {
        input: "`priorityClassName`",
        rule: "A DNS subdomain.",
    },
    "pod-security-context": {
        input: "`podSecurityContext`",
        rule: 'Only the fields offered, whole non-negative ids, `fsGroupChangePolicy` `"OnRootMismatch"` or `"Always"`; `runAsNonRoot`, `seccompProfile`, `appArmorProfile`, `seLinuxOptions`, `sysctls` refused with the reason.',
    },
    "storage-access-modes": {
        input: "`storage.accessModes`",
        rule: 'A non-empty list of `"ReadWriteOnce"` and `"ReadWriteOncePod"`; `ReadWriteMany` and `ReadOnlyMany` are refused (shared data, SQLite locking on network file systems).',
    },
    "storage-metadata": {
        input: "`storage.annotations`, `storage.labels`",
        rule: "Maps of strings; labels valid and not the selector labels.",
    },
    services: {
        input: "`services.read`, `services.primary`",
        rule: '`type` `"ClusterIP"`, `"NodePort"` or `"LoadBalancer"`; `annotations` a map of strings; `labels` valid and not the selector labels.',
    },
    "backup-name-length": {
        input: "the instance name, with `backup`",
        rule: "At most 45 characters: Kubernetes allows CronJob names of at most 52, and the CronJob is `<name>-backup`.",
    },
    "backup-schedule": {
        input: "`backup.schedule`",
        rule: "A CronJob schedule: five fields (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or `JAN`-`DEC`, day of week 0-6 or `SUN`-`SAT`), each `*`, `?`, a value, a range `a-b`, a step `/n` or a comma list; or `@hourly`, `@daily`, `@midnight`, `@weekly`, `@monthly`, `@yearly`, `@annually`. No `TZ=` prefix: it is UTC.",
    },
    "backup-destination": {
        input: "`backup.destination`",
        rule: "Required: `<remote>:<path>`, the remote name of letters, digits and `_` (it is configured from `RCLONE_CONFIG_<REMOTE>_*` variables), no `..` part, no control characters.",
    },
    "backup-schedule-never": {
        input: "`backup.schedule`",
        rule: "Runs at least once: a day of month that no chosen month has (`0 0 30 2 *`, 30 February) is accepted by Kubernetes and never starts a backup. More often than every 15 minutes warns.",
    },
    "backup-destination-bucket": {
        input: "`backup.destination`",
        rule: "A bucket (or folder) after the remote name: with `s3:` rclone would take the first folder of `<namespace>/<name>/<database>/` as the bucket.",
    },
    "backup-keep-last": {
        input: "`backup.keepLast`",
        rule: "A whole number from 1: retention never deletes the newest this many snapshots.",
    },
    "backup-max-source-lag": {
        input: "`backup.maxSourceLagSeconds`",
        rule: "A whole number of seconds from 1 to 600: how long a replica may take to reach the primary's transaction id before it is refused as stale.",
    },
    "backup-max-age": {
        input: "`metrics.thresholds.backupMaxAgeHours`",
        rule: "With backups, at least the longest interval `backup.schedule` leaves between two runs (else `LiteFSBackupTooOld` pages after every run); by default that interval plus 2 hours.",
    },
    "backup-secret": {
        input: "`backup.rcloneConfigSecret`",
        rule: "Required, and a DNS subdomain (a Secret name).",
    },
    "backup-retention": {
        input: "`backup.retention`",
        rule: "An rclone duration (`30d`, `12w`, `1y`, `1h30m`) of at least an hour: a run may take that long, and a shorter retention could delete the snapshot it just uploaded.",
    },
    "backup-from": {
        input: "`backup.from`",
        rule: '`"replica"` or `"primary"`. With one pod, `"replica"` reads pod-0 and warns (not an error: `replicas: 1` is how a cluster is rebuilt).',
    },
    "backup-image": {
        input: "`backup.image`, `backup.sqliteImage`, `backup.curlImage`",
        rule: "An image reference (registry/repository:tag or @digest, lowercase) pinned by a version tag or a digest: not `latest`, explicit or implied.",
    },
    "metrics-object": {
        input: "`metrics`",
        rule: "An object (`{}` for the defaults).",
    },
    "metrics-port": {
        input: "`metrics.port`",
        rule: "A whole number from 1024 to 65535: the sidecar is not root.",
    },
    "metrics-port-clash": {
        input: "`metrics.port`, `sidecars[].ports`",
        rule: "Different from `port`, `apiPort` and `proxy.port`; no sidecar or init container port with that number or the name `metrics`.",
    },
    "containers-port-clash": {
        input: "`sidecars[].ports`, `initContainers[].ports`",
        rule: "No sidecar or init container port with the number or the name of the app's port (`http`), LiteFS's API port (`litefs`) or the proxy's port (`proxy`).",
    },
    "metrics-reserved-name": {
        input: "`sidecars[].name`, `initContainers[].name`, `volumes[].name`",
        rule: "With `metrics`, not `metrics` (the sidecar's container) or `metrics-run` (its volume).",
    },
    "metrics-image": {
        input: "`metrics.image`",
        rule: "An image reference pinned by a version tag or a digest: not `latest`, explicit or implied.",
    },
    "metrics-boolean": {
        input: "`metrics.podMonitor`, `metrics.prometheusRule`, `metrics.dashboard`",
        rule: "`true` or `false`, not a string.",
    },
    "metrics-allow-from": {
        input: "`metrics.allowFrom`",
        rule: "A non-empty list of peers, each with `namespaceSelector` and/or `podSelector` (valid label maps) and nothing else; only with the NetworkPolicy on.",
    },
    "metrics-thresholds": {
        input: "`metrics.thresholds.*`",
        rule: "Only with `prometheusRule: true`; numbers above 0, whole for `behindPrimarySeconds` and `restartsPerHour`, `volumeUsagePercent` below 100.",
    },
    "primary-ordinal": {
        input: "`primaryOrdinal`",
        rule: "A whole number from 0 to `replicas` - 1: the ordinal of one of the app's pods.",
    },
    "failover-consul": {
        input: "`failover`, `failover.consul.*`",
        rule: "`consul` is required. `url`: an `http://` or `https://` URL of scheme, host, port and path only, without credentials (the token goes in `tokenSecret`). `key`: a Consul KV key (letters, digits, `_`, `.`, `-`, `/` between parts). `ttl`: a Go duration from 10s to 86400s (Consul's bounds); `lockDelay`: at most 60s. `tokenSecret`: a Secret reference.",
    },
    "failover-candidates": {
        input: "`failover.candidates`, `replicas`",
        rule: "At least 2 pods, and `candidates` a whole number from 2 to `replicas`: failover needs a pod to fail over to.",
    },
    "failover-conflict": {
        input: "`primaryOrdinal`, `serviceAccountName`, `litefs.skipSync`, `env`/`secretEnv` `CONSUL_HTTP_TOKEN`",
        rule: "Not with `failover`: a static primary's ordinal; a service account (its token would reach every container, not only the labeller's); `skipSync` with `migrate` (the migration could run before the candidate is primary); `CONSUL_HTTP_TOKEN` beside `tokenSecret`.",
    },
    "failover-image": {
        input: "`failover.labellerImage`",
        rule: "An image reference pinned by a version tag or a digest: not `latest`, explicit or implied.",
    },
    "litefs-sidecar-object": {
        input: "`liteFsSidecar`",
        rule: "An object (`{}` for sidecar mode with its defaults).",
    },
    "litefs-sidecar-image": {
        input: "`liteFsSidecar.image`",
        rule: "An image reference pinned by a version tag or a digest: not `latest`, explicit or implied.",
    },
    "litefs-sidecar-fuse-mode": {
        input: "`liteFsSidecar`, `fuseAccess.mode`",
        rule: 'Not with `fuseAccess.mode: "devicePlugin"`: the LiteFS sidecar shares its mount with `mountPropagation: Bidirectional`, which Kubernetes admits only in a privileged container.',
    },
} as const satisfies { readonly [id in InputRuleId]: RuleDoc };
