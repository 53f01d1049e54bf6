/** Environment variables pulumi-litefs sets itself or that break LiteFS, with the reason for each. */
import type { RuleId } from "../validation/rule-ids";

export interface ReservedEnv {
    readonly rule: RuleId;
    readonly message: string;
    readonly fix: string;
}

export const RESERVED_ENV: Readonly<Record<string, ReservedEnv>> = {
    HOSTNAME: {
        rule: "env-hostname",
        message:
            "is set by Kubernetes to the pod's own name (e.g. <name>-0). Set for the whole container, it gives every pod the same " +
            "name, so the pods can no longer be told apart by it (in logs, in the LiteFS node's name, in any tool that reads it).",
        fix: 'if the app reads HOSTNAME as its listen address (Next.js standalone does), set it for the app process only: command: "env HOSTNAME=0.0.0.0 node server.js".',
    },
    POD_NAME: {
        rule: "env-reserved",
        message: "is set by pulumi-litefs from the downward API; the start-up script decides primary or replica from it.",
        fix: "remove it.",
    },
    LITEFS_CONFIG_DIR: {
        rule: "env-reserved",
        message: "is set by pulumi-litefs: where the start-up script writes litefs.yml.",
        fix: "remove it.",
    },
    LITEFS_CANDIDATE: {
        rule: "env-reserved",
        message:
            'is exported by the start-up script to the app ("true" on the primary, or on a candidate under failover; "false" elsewhere).',
        fix: "remove it; read it in the app instead.",
    },
    LITEFS_PRIMARY_URL: {
        rule: "env-reserved",
        message:
            "is set by pulumi-litefs to the write Service's in-cluster URL (http://<name>-primary.<namespace>.svc.<domain>:<port>), where the app forwards writes.",
        fix: "remove it; read it in the app instead.",
    },
    LITEFS_DATABASE_PATH: {
        rule: "env-reserved",
        message: "is set by pulumi-litefs to the database's full path in the FUSE mount (fuse.dir and database, e.g. /litefs/sqlite.db).",
        fix: "remove it; read it in the app to open the database.",
    },
    LITEFS_CONSUL_URL: {
        rule: "env-reserved",
        message: "is set by pulumi-litefs from failover.consul.url; the start-up script writes it into litefs.yml.",
        fix: "remove it; set failover.consul.url.",
    },
    LITEFS_CLOUD_TOKEN: {
        rule: "env-litefs-cloud-token",
        message: "turns on LiteFS Cloud backups, and LiteFS Cloud was retired on 2024-10-15: LiteFS would keep failing to reach it.",
        fix: "remove it.",
    },
};
