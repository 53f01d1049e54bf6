/**
 * Ready-to-run restore commands for one app: the component's `restoreCommands` output, `pulumi-litefs restore`
 * and the README's "Backups and restore" all print these lines, so they cannot drift apart.
 */
import { shellWord } from "../shell-loop";
import { dump } from "js-yaml";
import { restoreJobManifest } from "./restore-job";
import { BACKUP_JOB } from "../backup/job";
import { SNAPSHOT_SUFFIX, STEP_ENV } from "../backup/scripts";
import type { BackupTarget } from "../backup/target";

const HEREDOC = "PULUMI_LITEFS_RESTORE_JOB";
/** The Job's conditions that hold: Complete or Failed once it has finished. */
const DONE = '{.status.conditions[?(@.status=="True")].type}';

/** `<destination>/<database>`, as the scripts join it. */
export function snapshotDir(target: Pick<BackupTarget, "destination" | "database">): string {
    return /[:/]$/.test(target.destination) ? `${target.destination}${target.database}` : `${target.destination}/${target.database}`;
}

/** A throw-away pod with rclone and the Secret that lists the snapshots: `kubectl run`'s overrides, as JSON. */
function listPodOverrides(target: BackupTarget, podName: string): string {
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
                    args: ["lsf", "-R", "--files-only", "--include", `*${SNAPSHOT_SUFFIX}`, "--format", "pst", snapshotDir(target)],
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

/** The restore runbook as lines: `#` comments explaining each step, then its commands. `snapshot` is `latest` or a path. */
export function restoreCommands(target: BackupTarget, snapshot = "latest"): string[] {
    const { names } = target;
    const ns = `kubectl -n ${names.namespace}`;
    const dir = snapshotDir(target);
    const listPod = `${names.restoreJob}-list`;
    const saved = `./${names.primaryPod}.${target.database}.before-restore`;
    // Each container's fields on one line each (YAML flow style), so the Job reads as a list of steps; every string
    // is quoted, so no YAML parser can read a URL or a remote path ("s3:bucket") any other way.
    const job = dump(restoreJobManifest(target, snapshot), {
        lineWidth: -1,
        noRefs: true,
        flowLevel: 6,
        forceQuotes: true,
        quotingType: '"',
    }).trimEnd();
    if (job.split("\n").includes(HEREDOC)) throw new Error(`the restore Job contains the line ${HEREDOC}`);
    return [
        `# Restore LiteFsApp ${target.name} (namespace ${names.namespace}) from a snapshot in ${dir}/.`,
        `# The snapshot replaces the whole database on ${names.primaryPod}; the replicas follow by themselves. Writes`,
        "# committed after the snapshot was taken are not in it: stop the app's writers first to lose none. Writes",
        "# that arrive during the import wait for it, then apply to the restored database.",
        "",
        "# 1. The snapshots (path, size, time; newest last). Pre-restore copies are under pre-restore/.",
        `${ns} run ${listPod} --rm -i --quiet --restart=Never --image=${target.images.rclone} --overrides=${shellWord(listPodOverrides(target, listPod))} | sort`,
        "",
        `# 2. Keep ${names.primaryPod}'s current database on this machine. ("database not found" means there is none yet:`,
        "#    skip this step.) The restore Job also uploads it to pre-restore/ before it imports anything.",
        `${ns} exec ${names.primaryPod} -c ${target.liteFsContainer} -- litefs export -url http://localhost:${target.apiPort} -name ${target.database} /tmp/${target.database}`,
        `${ns} cp -c ${target.liteFsContainer} ${names.primaryPod}:/tmp/${target.database} ${saved}`,
        "",
        `# 3. Restore ${snapshot === "latest" ? "the latest snapshot" : snapshot}. For another one, set ${STEP_ENV.snapshot} below to its path from step 1.`,
        "#    The Job checks the snapshot (SQLite header, integrity_check, tables), brings it into the live database's",
        `#    journal mode, imports it into ${names.primaryPod} and waits until every pod serves it.`,
        `${ns} delete job ${names.restoreJob} --ignore-not-found --wait`,
        `kubectl create -f - <<'${HEREDOC}'`,
        job,
        HEREDOC,
        "",
        "# 4. Wait until it has finished (it fails rather than import anything doubtful), read what it did, and see",
        "#    whether it succeeded (Complete) or not (Failed).",
        `until ${ns} get job ${names.restoreJob} -o jsonpath=${shellWord(DONE)} | grep -qE 'Complete|Failed'; do sleep 5; done`,
        `${ns} logs job/${names.restoreJob} --all-containers --prefix`,
        `${ns} get job ${names.restoreJob} -o jsonpath=${shellWord(`${DONE}{"\\n"}`)}`,
    ];
}
