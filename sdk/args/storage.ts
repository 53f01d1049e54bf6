/** The database and the volume that holds it (`plan/storage.ts`). */
export interface StorageFieldArgs {
    /**
     * The SQLite database file name, opened by the app at `<litefs.fuse.dir>/<database>` (by default
     * `/litefs/sqlite.db`). Used as `proxy.db`. Default: "sqlite.db".
     */
    database?: string;
    /** The persistent volume each pod gets for LiteFS's data directory. */
    storage?: StorageArgs;
}

export interface StorageArgs {
    /** Size of each pod's volume, a Kubernetes quantity with a unit ("5Gi"), at least 1Mi. Keep 20-50% spare for LTX files. Default: "1Gi". */
    size?: string;
    /** StorageClass of the volumes. Default: the cluster's default StorageClass. */
    storageClassName?: string;
    /**
     * Access modes of each pod's claim: "ReadWriteOnce" or "ReadWriteOncePod" (`StorageAccessMode`; a list of
     * strings because the multi-language schema has no lists of enums). Shared modes (ReadWriteMany,
     * ReadOnlyMany) are refused: each pod's LiteFS data must be its own. Changing it replaces the StatefulSet
     * (claim templates are immutable); existing claims keep theirs. Default: "ReadWriteOnce" alone.
     */
    accessModes?: string[];
    /** Annotations of each pod's claim (e.g. a CSI driver's or a backup tool's). Default: none. */
    annotations?: Record<string, string>;
    /** Labels added to each pod's claim (the app's selector labels are always there). Default: none. */
    labels?: Record<string, string>;
}

/** How a volume may be mounted; see `StorageArgs.accessModes`. */
export const StorageAccessMode = {
    /** Read-write by one node. */
    ReadWriteOnce: "ReadWriteOnce",
    /** Read-write by one pod (Kubernetes 1.29+ and CSI drivers that support it). */
    ReadWriteOncePod: "ReadWriteOncePod",
} as const;
export type StorageAccessMode = (typeof StorageAccessMode)[keyof typeof StorageAccessMode];
