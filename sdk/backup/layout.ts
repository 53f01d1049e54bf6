/**
 * Where an app's snapshots live and what they are called: the one statement of the backup layout. The backup
 * and restore pods get the folder from here (`BACKUP_DIR`), the restore commands and the list command print it
 * from here, and docs/backups.md describes it (a test checks the page against `SNAPSHOT_LAYOUT`).
 *
 *     <destination>/<namespace>/<name>/<database>/<UTC start time>-txid<transaction id>.db.gz
 *     <destination>/<namespace>/<name>/<database>/pre-restore/<UTC time>.db.gz
 *
 * The namespace and the instance name keep two apps (or staging and production) that share a destination and
 * the default database name apart: each app's restore and retention see only its own snapshots.
 */

/** Every snapshot and pre-restore copy is a gzip file ending in this. */
export const SNAPSHOT_SUFFIX = ".db.gz";
/** Where a restore keeps the copy of the live database it replaces, below the app's snapshot folder. */
export const PRE_RESTORE_DIR = "pre-restore";
/** The layout as the docs state it. */
export const SNAPSHOT_LAYOUT = "<destination>/<namespace>/<name>/<database>/<UTC time>-txid<transaction id>.db.gz";

/**
 * A snapshot's name as the backup writes it, as a POSIX extended regular expression (for `grep -E`): the UTC time
 * the export started (which sorts by time; no ":", which some stores and Windows refuse), then the source's
 * transaction id for the database. Names without the transaction id are snapshots of earlier versions.
 */
export const SNAPSHOT_NAME_ERE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}Z(-txid[0-9]+)?\\.db\\.gz$";

/** `a` and `b` joined as rclone expects: `remote:` and `remote:dir/` need no extra "/". */
function join(a: string, b: string): string {
    return /[:/]$/.test(a) ? `${a}${b}` : `${a}/${b}`;
}

export interface SnapshotOwner {
    readonly destination: string;
    readonly namespace: string;
    /** The LiteFsApp's instance name. */
    readonly name: string;
    readonly database: string;
}

/** The folder an app's snapshots go to: `<destination>/<namespace>/<name>/<database>`. */
export function snapshotDir(owner: SnapshotOwner): string {
    return [owner.namespace, owner.name, owner.database].reduce(join, owner.destination);
}

/** The transaction id a snapshot's name records, or undefined for a name without one. */
export function snapshotTxid(name: string): number | undefined {
    const match = new RegExp(SNAPSHOT_NAME_ERE).exec(name);
    return match?.[1] === undefined ? undefined : Number(match[1].slice("-txid".length));
}
