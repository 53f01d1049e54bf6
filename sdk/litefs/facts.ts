/**
 * Facts about LiteFS 0.5 (and the pinned release) that the plan, the builders, the start-up script and
 * doctor all read, so each is written once.
 */

/** The LiteFS release pulumi-litefs is built and tested against, and that fixes recommend: the last 0.5 release. */
export const LITEFS_IMAGE = "flyio/litefs:0.5.14";

/** The port LiteFS's node API listens on unless `http.addr` says otherwise. */
export const LITEFS_API_PORT = 20202;

/** The LiteFS proxy's health endpoint (v0.5.4+): 200 once the node is synced, 503 above `max-lag`. */
export const PROXY_HEALTH_PATH = "/litefs/health";

/** LiteFS's own default directories (`data.dir`, `fuse.dir`) as its documentation and the guide use them. */
export const LITEFS_DATA_DIR = "/var/lib/litefs";
export const LITEFS_FUSE_DIR = "/litefs";

/** Where pulumi-litefs's start-up script writes litefs.yml: an emptyDir, so the image's own files never matter. */
export const LITEFS_CONFIG_DIR = "/etc/litefs";

/** Suffixes LiteFS gives its own files next to each database. */
export const LITEFS_FILE_SUFFIXES = ["-wal", "-shm", "-journal", "-pos", "-lock"] as const;

/**
 * The official LiteFS image for sidecar mode, fully qualified (CRI-O refuses short names). Since v0.5.12 it is
 * `FROM alpine` with `apk add --no-cache fuse3`, `ENTRYPOINT ["/usr/local/bin/litefs"]` and
 * `CMD ["mount", "-skip-unmount"]` (superfly/litefs Dockerfile, PR #442): so it holds busybox (`/bin/sh`,
 * `/bin/busybox`), Alpine's musl loader `/lib/ld-musl-<arch>.so.1`, and `fusermount3`. The start-up script
 * replaces the entrypoint's command; nothing else of the image is relied on.
 */
export const LITEFS_SIDECAR_IMAGE = `docker.io/${LITEFS_IMAGE}`;

/**
 * The `.lag` file in the FUSE mount: `%+010d\n` milliseconds since the last timestamp from the primary
 * (fuse/lag_node.go, `LagNode.ReadAll`). `store.setPrimaryTimestamp` (store.go): 0 means the node is the
 * primary, so `.lag` reads `+000000000`; -1 means a replica that has not finished its first sync this run,
 * which `.lag` shows as math.MaxInt32, `+2147483647`.
 */
export const LAG_FILE = ".lag";
export const LAG_NOT_SYNCED = 2147483647;
/**
 * The lag (ms) below which the sidecar counts as started: a synced replica reads a few hundred, the primary 0,
 * an unsynced replica LAG_NOT_SYNCED. 10 s is LiteFS's own default `proxy.max-lag`.
 */
export const LAG_SYNCED_BELOW_MS = 10_000;

/**
 * Sidecar mode: LiteFS mounts at `<fuse volume>/<SIDECAR_MOUNT_SUBDIR>`, never at the shared volume's root.
 * At the root, LiteFS's own pre-mount unmount (fuse/file_system.go, `FileSystem.Mount`: `fuse.Unmount(path)`,
 * i.e. `fusermount3 -u`) removes the volume's bind mount instead, and the app silently writes a 0-byte
 * database into the bare emptyDir (measured on LiteFS v0.5.14: operations-facts §5).
 */
export const SIDECAR_MOUNT_SUBDIR = "db";

/**
 * Sidecar mode: where the LiteFS sidecar copies Alpine's busybox and musl loader for the app's probes and the
 * migrate gate, so neither needs a shell or anything else in the app image.
 */
export const SIDECAR_TOOLS_DIR = "/pulumi-litefs";
