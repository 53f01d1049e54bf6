import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { load } from "js-yaml";
import { simulateStart } from "../../sdk/startup/simulate";
import { type Constructed, construct, exampleArgs, startupScriptOf } from "../support/app";

/** Every POSIX shell this machine has: images ship dash, busybox ash or bash as /bin/sh. */
const SHELLS = ["sh", "dash", "bash", "busybox sh"].filter((shell) => {
    const [command, ...args] = shell.split(" ");
    return spawnSync(command, [...args, "-c", "true"]).status === 0;
});

describe("start-up script (run under sh with a stub litefs)", () => {
    let app: Constructed;
    let script: string;
    before(async () => {
        app = await construct("abaci-app", exampleArgs({ litefs: { tracing: { path: "/var/log/lite$fs/trace.log" } } }));
        script = startupScriptOf(app);
    });

    for (const shell of SHELLS) {
        describe(`under ${shell}`, () => {
            const pods = ["abaci-app-0", "abaci-app-1", "abaci-app-2"];
            const configs: Record<string, any> = {};
            before(() => {
                for (const pod of pods) {
                    const run = simulateStart(script, pod, shell);
                    assert.equal(run.exitCode, 0, `${pod} under ${shell} failed: ${run.stderr}`);
                    assert.ok(run.config, `${pod} wrote no config`);
                    configs[pod] = load(run.config);
                }
            });

            it("names pod-0 as the primary's hostname and advertise-url on every pod", () => {
                for (const pod of pods) {
                    assert.equal(configs[pod].lease.type, "static");
                    assert.equal(configs[pod].lease.hostname, "abaci-app-0");
                    assert.equal(
                        configs[pod].lease["advertise-url"],
                        "http://abaci-app-0.abaci-app-headless.abaci.svc.cluster.local:20202",
                    );
                }
            });

            it("makes candidate the boolean true only on pod-0", () => {
                assert.equal(configs["abaci-app-0"].lease.candidate, true);
                assert.equal(configs["abaci-app-1"].lease.candidate, false);
                assert.equal(configs["abaci-app-2"].lease.candidate, false);
            });

            it("renders nothing else differently between pods", () => {
                const without = (c: any) => ({ ...c, lease: { ...c.lease, candidate: undefined } });
                assert.deepEqual(without(configs["abaci-app-1"]), without(configs["abaci-app-0"]));
                assert.deepEqual(without(configs["abaci-app-2"]), without(configs["abaci-app-0"]));
            });

            it("runs migrate on the candidate only, then the app", () => {
                assert.deepEqual(configs["abaci-app-1"].exec, [
                    { cmd: "node dist/db/migrate.js", "if-candidate": true },
                    { cmd: "node server.js" },
                ]);
            });

            it("keeps a $ in a value verbatim: neither the shell nor LiteFS expands it", () => {
                assert.equal(configs["abaci-app-1"].tracing.path, "/var/log/lite$fs/trace.log");
            });
        });
    }

    it("starts litefs mount with the written config and env expansion off", () => {
        const run = simulateStart(script, "abaci-app-1");
        assert.equal(run.litefsArgs?.[0], "mount");
        assert.equal(run.litefsArgs?.[1], "-config");
        assert.match(run.litefsArgs?.[2] ?? "", /\/litefs\.yml$/);
        assert.equal(run.litefsArgs?.[3], "-no-expand-env");
        assert.equal(run.litefsArgs?.length, 4);
    });

    it("fails, and renders no config, without the pod name", () => {
        const run = simulateStart(script, undefined);
        assert.notEqual(run.exitCode, 0);
        assert.equal(run.config, undefined);
        assert.match(run.stderr, /POD_NAME is not set/);
    });

    it("fails, and renders no config, for an empty pod name", () => {
        const run = simulateStart(script, "");
        assert.notEqual(run.exitCode, 0);
        assert.equal(run.config, undefined);
    });

    for (const pod of ["other-app-0", "abaci-app-", "abaci-app-x", "abaci-app-0-extra", "abaci-app-1a"]) {
        it(`refuses the pod name ${JSON.stringify(pod)}, which is not a pod of this StatefulSet`, () => {
            const run = simulateStart(script, pod);
            assert.notEqual(run.exitCode, 0);
            assert.equal(run.config, undefined);
            assert.match(run.stderr, /is not a pod of StatefulSet abaci-app/);
        });
    }

    it("says how to fix an image without litefs", () => {
        const run = simulateStart(script.replace("command -v litefs", "command -v litefs-missing-from-image"), "abaci-app-0");
        assert.notEqual(run.exitCode, 0);
        assert.match(run.stderr, /COPY --from=flyio\/litefs/);
    });

    it("says how to fix an image without fusermount3", () => {
        const run = simulateStart(script.replace("command -v fusermount3", "command -v fusermount3-missing"), "abaci-app-0");
        assert.notEqual(run.exitCode, 0);
        assert.match(run.stderr, /fuse3/);
    });

    it("is valid POSIX sh syntax", () => {
        const check = spawnSync("sh", ["-n", "-c", script]);
        assert.equal(check.status, 0, String(check.stderr));
    });
});
