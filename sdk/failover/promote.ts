/**
 * The switchover procedure, filled in for one app: a POSIX sh script whose every step is a command and whose
 * checks stop it (exit 1, saying why) before anything unsafe. The component's `promoteCommands` output,
 * `pulumi-litefs promote` (which prints it, or runs it with `--execute`) and docs/failover.md all print these lines.
 *
 * Static lease (LiteFS v0.5.14 has no handoff for it: lease.go `StaticLeaser.AcquireExisting` and
 * `StaticLease.Handoff` return "not supported"; LiteFS reads litefs.yml only at start): the new primary is a
 * new `primaryOrdinal` and a restart. The order never runs two primaries:
 *   1. `pulumi up` with the new primaryOrdinal moves the write Service to the new primary's pod, which is not
 *      the primary yet, so writes fail instead of reaching a replica; the rollout stops at the first pod it
 *      replaces (a replica of the new primary cannot sync yet; the new primary's start-up guard waits).
 *   2. The old primary's copy is exported while it still runs: a replica ahead of its primary is reset with a
 *      snapshot (http/server.go `Server.streamDB` clears its position; store.go `Store.processLTXStreamFrame`
 *      deletes its other LTX files), so its unreplicated writes would be dropped silently when it rejoins.
 *   3. The old primary is fenced: its pod is deleted and comes back from the new revision, as a replica.
 *   4. Only then the new primary starts (its pod is deleted unless the rollout replaced it already); its start-up
 *      guard waits anyway while any other pod's LiteFS is a candidate (sdk/startup/script.ts).
 * Positions are compared before the new primary starts when it can still be read, and the new primary's log is
 * checked afterwards for LiteFS's reset of the old primary.
 * Consul lease: a handoff without restarts. `litefs run -promote` on the candidate (cmd/litefs/run.go) posts to
 * its own `/promote`, which asks the primary to hand its Consul session over on the replication stream
 * (http/server.go `handlePostPromote`, `handlePostHandoff`; store.go `Store.Handoff`).
 */
import { PRIMARY_ORDINAL_ANNOTATION, ROLE_LABEL } from "../naming";
import type { AppParts } from "../plan/command-parts";
import { forOrdinals } from "../shell-loop";

/** What the procedure needs to know about an app. */
export interface PromoteTarget {
    readonly name: string;
    readonly namespace: string;
    readonly replicas: number;
    readonly apiPort: number;
    readonly fuseDir: string;
    readonly database: string;
    /** The container that runs LiteFS (`kubectl exec -c`). */
    readonly liteFsContainer: string;
    /** The static primary's ordinal now (ignored under Consul). */
    readonly primaryOrdinal: number;
    /** Pod i's DNS name through the headless Service, `$i` allowed (the Consul lease's hostnames). */
    podFqdn(ordinal: number | string): string;
    readonly lease: { readonly type: "static" } | { readonly type: "consul"; readonly candidates: number };
}

/** The parts of a plan the procedure reads (the CLI's flags give them without a whole plan). */
export type PromoteSource = Pick<
    AppParts,
    "name" | "namespace" | "replicas" | "apiPort" | "fuseDir" | "database" | "names" | "lease" | "podLayout"
>;

export function promoteTarget(plan: PromoteSource): PromoteTarget {
    const { name, namespace, replicas, apiPort, fuseDir, database, names, lease, podLayout } = plan;
    return {
        name,
        namespace,
        replicas,
        apiPort,
        fuseDir,
        database,
        liteFsContainer: podLayout.litefs.name,
        primaryOrdinal: names.primaryOrdinal,
        podFqdn: names.podFqdn,
        lease: lease.type === "consul" ? { type: "consul", candidates: lease.candidates } : { type: "static" },
    };
}

/** Why a procedure cannot be made for `to`, or undefined when it can. */
export function promoteRefusal(target: PromoteTarget, to: number): string | undefined {
    const last = target.replicas - 1;
    if (last < 1) return `${target.name} has one pod (replicas is 1): there is no other pod to promote.`;
    if (!Number.isInteger(to) || to < 0 || to > last) return `--to must be the ordinal of one of ${target.name}'s pods, 0 to ${last}.`;
    if (target.lease.type === "consul") {
        if (to >= target.lease.candidates)
            return `${target.name}-${to} is not a candidate for the Consul lease (failover.candidates is ${target.lease.candidates}): choose 0 to ${target.lease.candidates - 1}.`;
        return undefined;
    }
    if (to === target.primaryOrdinal) return `${target.name}-${to} is the primary already (primaryOrdinal is ${to}).`;
    return undefined;
}

/** The pod's position in the database: `<txid>/<checksum>`, 16 hex digits each (fuse/pos_node.go `PosNode.Read`). */
function prelude(target: PromoteTarget, title: string, to: number): string[] {
    const sts = target.name;
    return [
        `# ${title}`,
        "# Every step is a command; a check that fails stops the script (exit 1) and says why. Run it with sh, or let",
        "# `pulumi-litefs promote ... --execute` run it. Read each step's comment first.",
        "set -eu",
        `ns=${target.namespace} sts=${sts} to=${to}`,
        `poll=\${PROMOTE_POLL_SECONDS:-5}`,
        'k() { kubectl -n "$ns" "$@"; }',
        'fail() { echo "promote: STOPPED: $*" >&2; exit 1; }',
        `# A pod's position in ${target.database}: "<txid>/<checksum>", 16 hex digits each (empty when its LiteFS does not answer).`,
        `pos() { k exec "$sts-$1" -c ${target.liteFsContainer} -- cat ${target.fuseDir}/${target.database}-pos 2>/dev/null || true; }`,
        'txid() { if [ -n "$1" ]; then echo $((0x${1%%/*})); else echo -1; fi; }',
        "",
    ];
}

/**
 * Step: every pod's position, read once (`<ordinal>:<position>` words), and the check that the new primary holds the
 * highest transaction id of them all but the pods `skip` names.
 */
function positions(target: PromoteTarget, step: number, skip: string, why: string): string[] {
    return [
        `# ${step}. Every pod's position in ${target.database}. ${why}`,
        `positions=$(${forOrdinals(0, target.replicas - 1)} echo "$i:$(pos $i)"; done)`,
        'for p in $positions; do echo "$sts-${p%%:*}: ${p#*:}"; done',
        'new=$(pos "$to")',
        '[ -n "$new" ] || fail "$sts-$to\'s LiteFS does not answer: the pod to promote must be running"',
        "for p in $positions; do",
        `  i=\${p%%:*}`,
        `  [ "$i" = "$to" ]${skip} && continue`,
        '  [ "$(txid "${p#*:}")" -le "$(txid "$new")" ] ||',
        '    fail "$sts-$i holds a later transaction than $sts-$to: promote $sts-$i instead, or wait until $sts-$to has caught up"',
        "done",
        "",
    ];
}

function staticProcedure(target: PromoteTarget, to: number): string[] {
    const from = target.primaryOrdinal;
    const c = target.liteFsContainer;
    const last = target.replicas - 1;
    const api = `http://localhost:${target.apiPort}`;
    const jsonpath = (path: string) => `-o 'jsonpath={${path}}'`;
    const annotation = PRIMARY_ORDINAL_ANNOTATION.replace(/\./g, "\\.");
    return [
        ...prelude(
            target,
            `Switchover of LiteFsApp ${target.name} (namespace ${target.namespace}): the static primary moves from ${target.name}-${from} to ${target.name}-${to}.`,
            to,
        ),
        `from=${from}`,
        `candidate() { k exec "$sts-$1" -c ${c} -- litefs run -url ${api} -if-candidate -- echo candidate 2>/dev/null || true; }`,
        `revision() { k get pod "$sts-$1" ${jsonpath(".metadata.labels.controller-revision-hash")} 2>/dev/null || true; }`,
        `updated() { k get statefulset "$sts" ${jsonpath(".status.updateRevision")}; }`,
        "",
        "# 1. No staged rollout: with updatePartition above 0 a deleted pod would come back at the old revision, still the",
        "#    primary. The old primary should answer as a candidate (if its node is down, its pod is fenced in step 4).",
        `[ "$(k get statefulset "$sts" ${jsonpath(".spec.updateStrategy.rollingUpdate.partition")})" = 0 ] ||`,
        '  fail "updatePartition is not 0: finish or undo the staged rollout first"',
        '[ "$(candidate "$from")" = candidate ] || echo "promote: $sts-$from\'s LiteFS does not answer as the primary; it is fenced below all the same"',
        "",
        ...positions(
            target,
            2,
            ' || [ "$i" = "$from" ]',
            "The new primary must hold the latest transaction of every replica (the old primary is ahead by what it has not streamed yet).",
        ),
        `# 3. Now set primaryOrdinal: ${to} in the program and run \`pulumi up\` (in another terminal; it finishes with step 8). The write`,
        `#    Service selects ${target.name}-${to} at once: it has no endpoints until ${target.name}-${to} is the primary, so writes fail instead of`,
        "#    reaching a replica. The rollout stops at the first pod it replaces: a replica waiting for the new primary, or the",
        "#    new primary itself, whose start-up guard waits while the old primary runs.",
        `until [ "$(k get statefulset "$sts" ${jsonpath(`.metadata.annotations.${annotation}`)})" = "$to" ] &&`,
        `  [ "$(k get statefulset "$sts" ${jsonpath(".status.observedGeneration")})" = "$(k get statefulset "$sts" ${jsonpath(".metadata.generation")})" ]; do`,
        '  echo "promote: waiting for pulumi up with primaryOrdinal: $to"',
        '  sleep "$poll"',
        "done",
        "",
        "# 4. Save the old primary's copy while it is still the primary, again until its position holds still: when it",
        "#    rejoins, LiteFS resets a replica that is ahead of its new primary with a snapshot, dropping the transactions the",
        "#    new primary never received (kubectl cp needs tar in the image). A primary whose LiteFS does not answer cannot be saved.",
        'old=$(pos "$from")',
        'if [ -n "$old" ]; then',
        "  until",
        `    k exec "$sts-$from" -c ${c} -- litefs export -url ${api} -name ${target.database} /tmp/${target.database} &&`,
        `      k cp -c ${c} "$sts-$from:/tmp/${target.database}" "./$sts-$from.${target.database}.before-promote" &&`,
        '      [ "$(pos "$from")" = "$old" ]',
        '  do old=$(pos "$from"); done',
        "else",
        '  echo "promote: $sts-$from\'s LiteFS does not answer: its copy cannot be saved, and what it did not stream is lost"',
        "fi",
        "",
        "# 5. Fence the old primary: delete its pod. The StatefulSet recreates it from the new revision (it has a partition),",
        "#    so it comes back as a replica of the new primary. A pod on a node that is down stays Terminating: then, only",
        "#    once you know the node is gone, delete it with --force --grace-period=0 and run this again.",
        'k delete pod "$sts-$from" --wait=true --timeout=180s || fail "$sts-$from did not stop within 180s (kubectl get pod,node)"',
        'until [ "$(revision "$from")" = "$(updated)" ]; do sleep "$poll"; done',
        '[ "$(candidate "$from")" != candidate ] || fail "$sts-$from came back as a primary: is the new revision applied?"',
        "",
        "# 6. Compare the new primary, still a disconnected replica unless the rollout replaced it, with the old primary's",
        "#    last position. Set PROMOTE_ACCEPT_LOSS=1 (--accept-loss) to go on without the transactions it lacks (they are",
        "#    in the copy above); or set primaryOrdinal back and run pulumi up to keep the old primary.",
        'new=$(pos "$to")',
        'if [ -n "$old" ] && [ -n "$new" ] && { [ "$(txid "$old")" -gt "$(txid "$new")" ] || { [ "$(txid "$old")" = "$(txid "$new")" ] && [ "$old" != "$new" ]; }; }; then',
        `  [ "\${PROMOTE_ACCEPT_LOSS:-}" = 1 ] || fail "$sts-$from ($old) holds transactions $sts-$to ($new) never received; they are in ./$sts-$from.${target.database}.before-promote"`,
        "fi",
        "",
        "# 7. Start the new primary: delete its pod unless the rollout replaced it already. It comes back from the new",
        "#    revision as the static primary as soon as no other pod's LiteFS is a candidate (its start-up guard).",
        '[ "$(revision "$to")" = "$(updated)" ] || k delete pod "$sts-$to" --wait=true --timeout=180s',
        'k wait --for=condition=Ready "pod/$sts-$to" --timeout=30m',
        '[ "$(candidate "$to")" = candidate ] || fail "$sts-$to is Ready but its LiteFS is not the primary"',
        "",
        "# 8. The rollout goes on by itself, from the highest ordinal down. Wait for it:",
        'k rollout status "statefulset/$sts" --timeout=30m',
        "",
        "# 9. Every pod follows the new primary: .primary, on a connected replica, names the primary's hostname.",
        forOrdinals(0, last),
        '  [ "$i" = "$to" ] && continue',
        `  [ "$(k exec "$sts-$i" -c ${c} -- cat ${target.fuseDir}/.primary 2>/dev/null)" = "$sts-$to" ] || fail "$sts-$i does not follow $sts-$to"`,
        "done",
        "",
        "# 10. When the old primary rejoined, did LiteFS reset it for holding transactions the new one lacks (http/server.go",
        "#     Server.streamDB logs it on the primary)? Then they are only in the copy saved in step 4.",
        `if k logs "$sts-$to" -c ${c} | grep -E "exceeds primary transaction id|caught up but checksum is mismatched"; then`,
        `  [ "\${PROMOTE_ACCEPT_LOSS:-}" = 1 ] || fail "the cluster dropped transactions of $sts-$from; they are in ./$sts-$from.${target.database}.before-promote"`,
        "fi",
        'echo "promote: $sts-$to is the primary, and every pod follows it."',
    ];
}

function consulProcedure(target: PromoteTarget, to: number): string[] {
    const c = target.liteFsContainer;
    const last = target.replicas - 1;
    const role = ROLE_LABEL.replace(/\./g, "\\.");
    return [
        ...prelude(
            target,
            `Switchover of LiteFsApp ${target.name} (namespace ${target.namespace}) under the Consul lease: ${target.name}-${to} takes the lease by handoff.`,
            to,
        ),
        `label() { k get pod "$sts-$1" -o 'jsonpath={.metadata.labels.${role}}'; }`,
        "",
        "# 1. Who holds the lease now (the labeller's label).",
        `k get pods -l '${ROLE_LABEL}=primary,app.kubernetes.io/instance=${target.name}' -o name`,
        "",
        ...positions(target, 2, "", "The new primary must hold the latest transaction of every replica."),
        "# 3. Hand over: LiteFS on the candidate asks the primary for its Consul session (POST /promote).",
        `k exec "$sts-$to" -c ${c} -- litefs run -url http://localhost:${target.apiPort} -promote -- true`,
        "",
        "# 4. The labeller moves the write Service: wait for the label.",
        'until [ "$(label "$to")" = primary ]; do sleep "$poll"; done',
        "",
        "# 5. Every pod follows the new primary: .primary names its FQDN (its lease.hostname).",
        forOrdinals(0, last),
        '  [ "$i" = "$to" ] && continue',
        `  [ "$(k exec "$sts-$i" -c ${c} -- cat ${target.fuseDir}/.primary 2>/dev/null)" = "${target.podFqdn("$to")}" ] || fail "$sts-$i does not follow $sts-$to"`,
        "done",
        'echo "promote: $sts-$to holds the lease, and every pod follows it."',
    ];
}

/** The procedure as lines, or a refusal as one comment line. */
export function promoteCommands(target: PromoteTarget, to: number): string[] {
    const refusal = promoteRefusal(target, to);
    if (refusal) return [`# Switchover of LiteFsApp ${target.name}: ${refusal}`];
    return target.lease.type === "consul" ? consulProcedure(target, to) : staticProcedure(target, to);
}

/**
 * The pod the component's `promoteCommands` output is made for: the next pod after the static primary (a
 * replica), or pod-1 under Consul. `pulumi-litefs promote --to N` makes it for any other.
 */
export function defaultPromoteOrdinal(target: PromoteTarget): number {
    return target.lease.type === "consul" ? 1 : (target.primaryOrdinal + 1) % Math.max(target.replicas, 1);
}
