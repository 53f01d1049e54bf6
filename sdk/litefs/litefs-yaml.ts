/**
 * Where each pod's litefs.yml is rendered. Under the static lease every pod's file is the same document except
 * `lease.candidate`: hostname and advertise-url always name the static primary (pod `primaryOrdinal`). Under the
 * Consul lease they name the pod itself (each candidate advertises its own API); the start-up script puts the
 * pod's ordinal and Consul's URL in place of the placeholders below when the pod starts.
 */
import { dump } from "js-yaml";
import { formatProblem } from "../validation/problem";
import type { ExecEntry, LiteFsConfig, LiteFsSettings, ProxySettings } from "./config";
import { checkLiteFsConfig } from "./schema";

/** Under the static lease "primary" is the candidate; under Consul every "primary" (candidate) pod may take the lease. */
export type Role = "primary" | "replica";

/** Stand-ins the start-up script replaces when the pod starts: the pod's ordinal, and Consul's URL (an Input). */
export const ORDINAL_PLACEHOLDER = "__PULUMI_LITEFS_ORDINAL__";
export const CONSUL_URL_PLACEHOLDER = "__PULUMI_LITEFS_CONSUL_URL__";

/** The lease as litefs.yml needs it: LiteFS's `lease.consul` settings, or the static lease. */
export type LeaseInputs =
    | { readonly type: "static" }
    | { readonly type: "consul"; readonly key: string; readonly ttl: string; readonly lockDelay: string; readonly promote: boolean };

/** What litefs.yml is made of: the parts of the app's plan it reads (the plan satisfies it as is). */
export interface LiteFsInputs {
    readonly command: string;
    readonly migrate?: string;
    readonly port: number;
    readonly apiPort: number;
    readonly database: string;
    readonly dataDir: string;
    readonly fuseDir: string;
    readonly litefs: LiteFsSettings;
    readonly proxy?: { readonly port: number; readonly settings: ProxySettings };
    readonly names: {
        readonly primaryPod: string;
        primaryAdvertiseUrl(apiPort: number): string;
        podFqdn(ordinal: number | string): string;
    };
    readonly lease: LeaseInputs;
    /** Sidecar mode, when present: LiteFS runs alone in its own container. */
    readonly liteFsSidecar?: object;
}

/**
 * Embedded mode: `exec` runs migrate on the candidate, then the app. Sidecar mode: no `exec`, so LiteFS runs alone
 * until a signal (cmd/litefs/mount_linux.go, `execCmds` starts nothing), and `allow-other`, so that the app, in
 * another container and possibly another uid, may open the mount (fuse/file_system.go, `FileSystem.Mount` adds
 * the `allow_other` option; LiteFS runs as root, so fuse.conf's `user_allow_other` is not needed).
 */
function modeSettings(app: LiteFsInputs): Pick<LiteFsConfig, "exec" | "fuse"> {
    const fuse = { ...app.litefs.fuse, dir: app.fuseDir };
    if (app.liteFsSidecar) return { fuse: { ...fuse, "allow-other": true } };
    const exec: ExecEntry[] = [...(app.migrate ? [{ cmd: app.migrate, "if-candidate": true }] : []), { cmd: app.command }];
    return { fuse, exec };
}

/**
 * `lease`. Static (lease.go `StaticLeaser`): only `candidate` makes a primary; hostname and advertise-url are the
 * primary's on every pod. Consul (cmd/litefs/mount_linux.go `initConsul`, consul/consul.go `Leaser.Open`): the
 * pod's own FQDN as hostname (it goes into `.primary` and /info on the others, so it is dialable) and
 * advertise-url; `url` has no credentials (the ACL token reaches Consul's client as CONSUL_HTTP_TOKEN, which
 * the api package's DefaultConfig reads when the URL has no password).
 */
function leaseConfig(app: LiteFsInputs, role: Role): LiteFsConfig["lease"] {
    if (app.lease.type === "static")
        return {
            type: "static",
            hostname: app.names.primaryPod,
            "advertise-url": app.names.primaryAdvertiseUrl(app.apiPort),
            candidate: role === "primary",
            ...app.litefs.lease,
        };
    const self = app.names.podFqdn(ORDINAL_PLACEHOLDER);
    return {
        type: "consul",
        hostname: self,
        "advertise-url": `http://${self}:${app.apiPort}`,
        candidate: role === "primary",
        ...(role === "primary" && app.lease.promote && { promote: true }),
        ...app.litefs.lease,
        consul: { url: CONSUL_URL_PLACEHOLDER, key: app.lease.key, ttl: app.lease.ttl, "lock-delay": app.lease.lockDelay },
    };
}

export function liteFsConfig(app: LiteFsInputs, role: Role): LiteFsConfig {
    const { fuse, exec } = modeSettings(app);
    const config: LiteFsConfig = {
        ...app.litefs,
        fuse,
        data: { ...app.litefs.data, dir: app.dataDir },
        http: { ...app.litefs.http, addr: `:${app.apiPort}` },
        ...(app.proxy && {
            proxy: { addr: `:${app.proxy.port}`, target: `localhost:${app.port}`, db: app.database, ...app.proxy.settings },
        }),
        lease: leaseConfig(app, role),
        ...(exec && { exec }),
    };
    // The plan was validated already; a problem here is a bug in pulumi-litefs, never the caller's input.
    const problems = checkLiteFsConfig(config);
    if (problems.length > 0) throw new Error(`pulumi-litefs rendered an invalid litefs.yml: ${problems.map(formatProblem).join("; ")}`);
    return config;
}

export function renderLiteFsYaml(app: LiteFsInputs, role: Role): string {
    return dump(liteFsConfig(app, role), { lineWidth: -1, noRefs: true });
}
