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
