/**
 * Where each pod's litefs.yml is rendered. Every pod's file is the same document except
 * `lease.candidate`: hostname and advertise-url always name pod-0, the static primary.
 */
import { dump } from "js-yaml";
import { formatProblem } from "../validation/problem";
import type { ExecEntry, LiteFsConfig, LiteFsSettings, ProxySettings } from "./config";
import { checkLiteFsConfig } from "./schema";

export type Role = "primary" | "replica";

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
    readonly names: { readonly primaryPod: string; primaryAdvertiseUrl(apiPort: number): string };
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
        lease: {
            type: "static",
            hostname: app.names.primaryPod,
            "advertise-url": app.names.primaryAdvertiseUrl(app.apiPort),
            candidate: role === "primary",
            ...app.litefs.lease,
        },
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
