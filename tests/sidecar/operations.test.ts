/**
 * Sidecar mode beyond the pod: `render` of the example args file, the example stack, and everything that targets
 * LiteFS (recovery, restore and debug commands, alert runbooks, backups, metrics) naming the `litefs` container.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { load, loadAll } from "js-yaml";
import type { LiteFsAppArgs } from "../../sdk";
import { construct, DIGEST_IMAGE, EXAMPLE_BACKUP, exampleArgs, STATEFULSET } from "../support/app";
import { cli, ROOT } from "../support/cli";
import { registered, settle } from "../support/mocks";

const SIDECAR_ARGS_FILE = "examples/sidecar/app.yaml";
const PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
const CRONJOB = "kubernetes:batch/v1:CronJob";

describe("sidecar mode: render, operations and the example", () => {
    it("renders the sidecar example args file: valid objects, exactly the component's, and each pod's litefs.yml without exec", async () => {
        const out = await cli("render", SIDECAR_ARGS_FILE, "--litefs");
        assert.equal(out.status, 0, out.stderr);
        const rendered = loadAll(out.stdout).filter(Boolean) as Record<string, any>[];
        const sts = rendered.find((o) => o.kind === "StatefulSet");
        assert.deepEqual(
            sts?.spec.template.spec.initContainers.map((c: any) => [c.name, c.restartPolicy]),
            [
                ["litefs", "Always"],
                ["migrate", undefined],
            ],
        );
        assert.match(
            out.stdout,
            /# litefs\.yml that notes-0 \(primary\) writes at start-up:\n# fuse:\n# {3}dir: \/litefs\/db\n# {3}allow-other: true\n/,
        );
        assert.doesNotMatch(out.stdout, /^# exec:/m);
        const { name, args } = load(fs.readFileSync(path.join(ROOT, SIDECAR_ARGS_FILE), "utf8")) as { name: string; args: LiteFsAppArgs };
        const component = await construct(name, args);
        assert.deepEqual(component.one(STATEFULSET).inputs, sts);
    });

    it("the recovery and debug commands exec into the litefs container, where LiteFS and its busybox are", async () => {
        const out = await cli("recover", SIDECAR_ARGS_FILE);
        assert.equal(out.status, 0, out.stderr);
        assert.match(out.stdout, /kubectl -n notes exec notes-\$i -c litefs -- cat \/var\/lib\/litefs\/clusterid/);
        assert.doesNotMatch(out.stdout, /-c app\b/);
        const c = await construct("notes", exampleArgs({ namespace: "notes", liteFsSidecar: {} }));
        const debug = await settle(c.app.debugCommands);
        assert.match(debug, /-c litefs -- cat \/litefs\/db\/\.primary/);
        assert.doesNotMatch(debug, /-c app\b/);
    });

    it("backups, restore commands, metrics and alert runbooks work the same way, naming the litefs container", async () => {
        const c = await construct(
            "watched",
            exampleArgs({ namespace: "watched", liteFsSidecar: {}, backup: EXAMPLE_BACKUP, metrics: { prometheusRule: true } }),
        );
        const restore = await settle(c.app.restoreCommands);
        assert.doesNotMatch(restore, /-c app\b/);
        assert.ok(c.resources.some((r) => r.type === CRONJOB));
        const rules = JSON.stringify(c.one(PROMETHEUS_RULE).inputs.spec);
        assert.match(rules, /-c litefs/);
        assert.doesNotMatch(rules, /-c app\b/);
        const pod = c.one(STATEFULSET).inputs.spec.template.spec;
        // The metrics sidecar reaches LiteFS's API on localhost: the pod shares one network namespace.
        assert.deepEqual(
            pod.initContainers.find((x: any) => x.name === "litefs").ports.map((p: any) => p.containerPort),
            [20202],
        );
        assert.ok(pod.containers.some((x: any) => x.name === "metrics"));
    });

    it("the example stack (examples/sidecar) constructs: the user's image unprivileged, LiteFS from the official image", async () => {
        pulumi.runtime.setConfig(`${pulumi.getProject()}:image`, DIGEST_IMAGE);
        const start = registered.length;
        const stack = await import("../../examples/sidecar/index.js");
        await settle(stack.statefulSet);
        const sts = registered.slice(start).find((r) => r.type === STATEFULSET);
        const pod = sts?.inputs.spec.template.spec;
        assert.equal(pod.containers[0].image, DIGEST_IMAGE);
        assert.deepEqual(pod.containers[0].command, ["/nodejs/bin/node", "dist/server.js"]);
        assert.deepEqual(pod.containers[0].securityContext, { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
        assert.equal(pod.initContainers[0].image, "docker.io/flyio/litefs:0.5.14");
        assert.equal(pod.initContainers[0].securityContext.privileged, true);
    });
});
