/**
 * Ready-to-run restore commands for one app: the component's `restoreCommands` output, `pulumi-litefs restore`
 * and docs/backups.md all print these lines, so they cannot drift apart. The restore drill's
 * commands (`pulumi-litefs restore --verify`) are here too.
 */
import { shellWord } from "../shell-loop";
import { dump } from "js-yaml";
import type * as k8s from "@pulumi/kubernetes";
import { BACKUP_JOB } from "../backup/job";
import { PRE_RESTORE_DIR, SNAPSHOT_SUFFIX } from "../backup/layout";
import { STEP_ENV } from "../backup/scripts";
import { type BackupTarget, type RestoreSource, targetSnapshotDir } from "../backup/target";
import { restoreDrillJobManifest, restoreJobManifest } from "./restore-job";

const HEREDOC = "PULUMI_LITEFS_RESTORE_JOB";
/** The Job's conditions that hold: Complete or Failed once it has finished. */
const DONE = '{.status.conditions[?(@.status=="True")].type}';

/** A throw-away pod with rclone and the Secret that lists the snapshots in `dir`: `kubectl run`'s overrides, as JSON. */
function listPodOverrides(target: BackupTarget, podName: string, dir: string): string {
    const uid = BACKUP_JOB.uid;
    return JSON.stringify({
        apiVersion: "v1",
        spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
                {
                    name: podName,
                    image: target.images.rclone,
                    args: ["lsf", "-R", "--files-only", "--include", `*${SNAPSHOT_SUFFIX}`, "--format", "pst", dir],
                    env: [
                        { name: "RCLONE_CONFIG", value: "" },
                        { name: "HOME", value: "/tmp" },
                    ],
                    envFrom: [{ secretRef: { name: target.rcloneConfigSecret } }],
                    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                },
            ],
        },
    });
}

/** A Job as the commands print it: each container's fields on one line (YAML flow style), every string quoted. */
function jobYaml(job: k8s.types.input.batch.v1.Job): string {
    // Each container on its own lines reads as a list of steps; quoting every string means no YAML parser can read
    // a URL or a remote path ("s3:bucket") any other way.
    const text = dump(job, { lineWidth: -1, noRefs: true, flowLevel: 6, forceQuotes: true, quotingType: '"' }).trimEnd();
    if (text.split("\n").includes(HEREDOC)) throw new Error(`the Job contains the line ${HEREDOC}`);
    return text;
}

/** The command that lists the snapshots in `dir` (path, size, time; newest last). */
function listCommand(target: BackupTarget, dir: string): string {
    const listPod = `${target.names.restoreJob}-list`;
    return `kubectl -n ${target.names.namespace} run ${listPod} --rm -i --quiet --restart=Never --image=${target.images.rclone} --overrides=${shellWord(listPodOverrides(target, listPod, dir))} | sort`;
}

/** Create `job`, wait until it has finished, print its logs and whether it succeeded. */
function runJobLines(namespace: string, jobName: string, job: k8s.types.input.batch.v1.Job): { create: string[]; wait: string[] } {
    const ns = `kubectl -n ${namespace}`;
    return {
        create: [`${ns} delete job ${jobName} --ignore-not-found --wait`, `kubectl create -f - <<'${HEREDOC}'`, jobYaml(job), HEREDOC],
        wait: [
            `until ${ns} get job ${jobName} -o jsonpath=${shellWord(DONE)} | grep -qE 'Complete|Failed'; do sleep 5; done`,
            `${ns} logs job/${jobName} --all-containers --prefix`,
            `${ns} get job ${jobName} -o jsonpath=${shellWord(`${DONE}{"\\n"}`)}`,
        ],
    };
}

/**
 * The restore runbook as lines: `#` comments explaining each step, then its commands. `source.snapshot` is `latest`
 * or a path; `source.from` another snapshot folder (another app's, for a disaster recovery), else the app's own.
 */
export function restoreCommands(target: BackupTarget, source: RestoreSource = { snapshot: "latest" }): string[] {
    const { names } = target;
    const ns = `kubectl -n ${names.namespace}`;
    const own = targetSnapshotDir(target);
    const from = source.from ?? own;
    const saved = `./${names.primaryPod}.${target.database}.before-restore`;
    const run = runJobLines(names.namespace, names.restoreJob, restoreJobManifest(target, source));
    return [
        `# Restore LiteFsApp ${target.name} (namespace ${names.namespace}) from a snapshot in ${from}/.`,
        ...(from === own
            ? []
            : [`# That is not this app's own folder (${own}/): the snapshot comes from there, the pre-restore copy goes to this app's.`]),
        `# The snapshot replaces the whole database on ${names.primaryPod}; the replicas follow by themselves. Writes`,
        "# committed after the snapshot was taken are not in it: stop the app's writers first to lose none. Writes",
        "# that arrive during the import wait for it, then apply to the restored database.",
        "",
        `# 1. The snapshots (path, size, time; newest last). Pre-restore copies are under ${PRE_RESTORE_DIR}/.`,
        listCommand(target, from),
        "",
        `# 2. Keep ${names.primaryPod}'s current database on this machine. ("database not found" means there is none yet:`,
        `#    skip this step.) The restore Job also uploads it to ${own}/${PRE_RESTORE_DIR}/ before it imports anything.`,
        `${ns} exec ${names.primaryPod} -c ${target.liteFsContainer} -- litefs export -url http://localhost:${target.apiPort} -name ${target.database} /tmp/${target.database}`,
        `${ns} cp -c ${target.liteFsContainer} ${names.primaryPod}:/tmp/${target.database} ${saved}`,
        "",
        `# 3. Restore ${source.snapshot === "latest" ? "the latest snapshot" : source.snapshot}. For another one, set ${STEP_ENV.snapshot} below to its path from step 1.`,
        "#    The Job checks the snapshot (SQLite header, integrity_check, tables), brings it into the live database's",
        `#    journal mode, imports it into ${names.primaryPod}, and checks that every pod has applied it (the primary's`,
        `#    transaction id after the import, on its cluster id) within ${BACKUP_JOB.restoreVerifySeconds} seconds.`,
        ...run.create,
        "",
        "# 4. Wait until it has finished (it fails rather than import anything doubtful, and fails when a pod does not",
        "#    serve the restored database), read what it did, and see whether it succeeded (Complete) or not (Failed).",
        ...run.wait,
    ];
}

/**
 * The restore drill as lines: a Job that downloads the snapshot into its own scratch directory, checks it and
 * prints its row counts per table and its transaction id, never touching the live database.
 */
export function restoreDrillCommands(target: BackupTarget, source: RestoreSource = { snapshot: "latest" }): string[] {
    const { names } = target;
    const from = source.from ?? targetSnapshotDir(target);
    const run = runJobLines(names.namespace, names.restoreDrillJob, restoreDrillJobManifest(target, source));
    return [
        `# Restore drill for LiteFsApp ${target.name} (namespace ${names.namespace}): restore ${source.snapshot === "latest" ? "the latest snapshot" : source.snapshot} from ${from}/`,
        "# into a scratch file in the Job's own pod, check it (SQLite header, integrity_check, tables) and print its row",
        "# counts per table and its transaction id. It never reaches LiteFS and writes nothing to the store: the live",
        "# database is not touched. Run it monthly (docs/backups.md) and compare the counts with what you expect.",
        "",
        "# 1. The snapshots (path, size, time; newest last).",
        listCommand(target, from),
        "",
        "# 2. Run the drill.",
        ...run.create,
        "",
        "# 3. Wait until it has finished, read its report, and see whether it succeeded (Complete) or not (Failed).",
        ...run.wait,
    ];
}
