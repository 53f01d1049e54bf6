/**
 * A stand-in kubectl with a little cluster behind it, for running the promote procedure's checks for real under
 * sh: a StatefulSet (partition, update revision, the primary-ordinal annotation that `pulumi up` changes after a
 * few polls) and pods, each with a revision, a position in the database, whether its LiteFS answers and whether
 * it is a candidate. `delete pod` brings a pod back from the update revision, a candidate only if it is the new
 * primary (as the StatefulSet controller and the start-up script do); `rollout status` moves every pod to the update
 * revision, following the new primary. Every call is logged.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const STUB = `#!/bin/sh
S=$KUBECTL_STATE
printf 'kubectl' >> "$S/log"; for a in "$@"; do printf ' %s' "$a" >> "$S/log"; done; printf '\\n' >> "$S/log"
[ "$1" = -n ] && shift 2
cmd=$1; shift
case "$cmd" in
  get)
    kind=$1; name=$2; query="$*"
    case "$kind:$query" in
      statefulset:*partition*) cat "$S/partition" ;;
      statefulset:*primary-ordinal*)
        n=$(($(cat "$S/polls") + 1)); echo "$n" > "$S/polls"
        if [ "$n" -ge 3 ]; then
          # pulumi up applied the new revision: the rollout replaces its first pod, which then waits.
          for f in "$S"/*.rolls; do [ -f "$f" ] || continue; pod=$(basename "$f" .rolls); echo new > "$S/$pod.revision"; touch "$S/$pod.down"; rm "$f"; done
          cat "$S/new-ordinal"
        else cat "$S/old-ordinal"; fi ;;
      statefulset:*updateRevision*) echo new ;;
      statefulset:*eneration*) echo 2 ;;
      pod:*controller-revision-hash*) cat "$S/$name.revision" ;;
      pod:*role*) cat "$S/$name.role" 2>/dev/null ;;
      pods:*) for f in "$S"/*.role; do [ "$(cat "$f")" = primary ] && echo "pod/$(basename "$f" .role)"; done ;;
    esac ;;
  exec)
    pod=$1
    while [ "$1" != -- ]; do shift; done; shift
    [ -f "$S/$pod.down" ] && exit 1
    case "$*" in
      *-pos) cat "$S/$pod.pos" ;;
      */.primary) cat "$S/$pod.primary" 2>/dev/null || exit 1 ;;
      *-if-candidate*) if [ -f "$S/$pod.candidate" ]; then echo candidate; fi ;;
      *-promote*) for f in "$S"/*.role; do echo replica > "$f"; done; echo primary > "$S/$pod.role" ;;
      "litefs export"*) : ;;
    esac ;;
  cp) src=$3; dest=$4; echo "copy of $src" > "$dest" ;;
  delete)
    pod=$2
    [ -f "$S/$pod.stuck" ] && exit 1
    echo new > "$S/$pod.revision"; rm -f "$S/$pod.down" "$S/$pod.candidate"
    # The new primary's start-up guard passes once no other pod is a candidate: it starts as the primary.
    new=$(cat "$S/new-primary")
    if [ "$(cat "$S/$new.revision" 2>/dev/null)" = new ] && ! ls "$S"/*.candidate >/dev/null 2>&1; then
      rm -f "$S/$new.down"; touch "$S/$new.candidate"
    fi ;;
  logs) cat "$S/$1.log" 2>/dev/null ;;
  wait) : ;;
  rollout)
    new=$(cat "$S/new-primary")
    for f in "$S"/*.revision; do
      pod=$(basename "$f" .revision); echo new > "$f"
      if [ "$pod" != "$new" ]; then echo "$new" > "$S/$pod.primary"; fi
    done ;;
esac
exit 0
`;

export interface StubPod {
    /** `<txid>/<checksum>` as the pos file reads (16 hex digits each). */
    readonly pos: string;
    readonly candidate?: boolean;
    readonly down?: boolean;
    /** `delete pod` fails (its node is down: the pod stays Terminating). */
    readonly stuck?: boolean;
    readonly role?: "primary" | "replica";
    /** What its .primary file holds. */
    readonly primary?: string;
    /** The rollout replaces it as soon as `pulumi up` applies the new revision (it then waits: its LiteFS does not answer). */
    readonly rolls?: boolean;
    /** What `kubectl logs` prints for it. */
    readonly log?: string;
}

export interface StubCluster {
    readonly partition?: number;
    readonly oldOrdinal: number;
    readonly newOrdinal: number;
    /** The pod that becomes the primary when it restarts (its start-up guard passes). */
    readonly newPrimary: string;
    readonly pods: Readonly<Record<string, StubPod>>;
}

export interface ClusterRun {
    readonly code: number;
    readonly stderr: string;
    readonly stdout: string;
    /** The kubectl calls, in order. */
    readonly calls: string[];
    /** The files the script wrote in its working directory. */
    readonly files: string[];
}

/** A scratch directory with the stub kubectl over `cluster`: the environment that puts it first on PATH, and its log. */
export function stubCluster(cluster: StubCluster): {
    env: Record<string, string>;
    work: string;
    calls(): string[];
    files(): string[];
    remove(): void;
} {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-cluster-"));
    const state = path.join(dir, "state");
    const work = path.join(dir, "work");
    fs.mkdirSync(state);
    fs.mkdirSync(work);
    fs.writeFileSync(path.join(dir, "kubectl"), STUB, { mode: 0o755 });
    const put = (file: string, value: string) => fs.writeFileSync(path.join(state, file), `${value}\n`);
    fs.writeFileSync(path.join(state, "log"), "");
    put("partition", String(cluster.partition ?? 0));
    put("polls", "0");
    put("old-ordinal", String(cluster.oldOrdinal));
    put("new-ordinal", String(cluster.newOrdinal));
    put("new-primary", cluster.newPrimary);
    for (const [pod, p] of Object.entries(cluster.pods)) {
        put(`${pod}.revision`, "old");
        if (p.rolls) put(`${pod}.rolls`, "");
        if (p.log) put(`${pod}.log`, p.log);
        put(`${pod}.pos`, p.pos);
        if (p.candidate) put(`${pod}.candidate`, "");
        if (p.down) put(`${pod}.down`, "");
        if (p.stuck) put(`${pod}.stuck`, "");
        if (p.role) put(`${pod}.role`, p.role);
        if (p.primary) put(`${pod}.primary`, p.primary);
    }
    return {
        env: { PATH: `${dir}:${process.env.PATH}`, KUBECTL_STATE: state, PROMOTE_POLL_SECONDS: "0" },
        work,
        calls: () => fs.readFileSync(path.join(state, "log"), "utf8").split("\n").filter(Boolean),
        files: () => fs.readdirSync(work).sort(),
        remove: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
}

/** Runs `script` under sh in a scratch directory with the stub kubectl over `cluster`. */
export function runAgainstCluster(script: string, cluster: StubCluster, env: Record<string, string> = {}): ClusterRun {
    const stub = stubCluster(cluster);
    try {
        const run = spawnSync("sh", ["-c", script], { cwd: stub.work, encoding: "utf8", timeout: 20_000, env: { ...stub.env, ...env } });
        if (run.error) throw run.error;
        return { code: run.status ?? 1, stderr: run.stderr, stdout: run.stdout, calls: stub.calls(), files: stub.files() };
    } finally {
        stub.remove();
    }
}
