/**
 * Sidecar mode with the real tools: the LiteFS sidecar's start-up script under dash and busybox sh with the real
 * fusermount3 (Debian's fuse3), the machine's busybox and musl loader (Debian's `musl`) and a stand-in `litefs`
 * that saves its config; the migrate gate and the probes' commands under the real busybox.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { load } from "js-yaml";
import { checkLiteFsConfig } from "../../sdk/litefs/schema";
import { LAG_FILE, LAG_NOT_SYNCED, SIDECAR_TOOLS_DIR } from "../../sdk/litefs/facts";
import { type AppPlan, planApp } from "../../sdk/plan";
import { busybox, migrateGateCommand, mountAliveCommand, TOOLS } from "../../sdk/startup/sidecar-tools";
import { startupScript } from "../../sdk/startup/script";
import { simulateStart } from "../../sdk/startup/simulate";
import { liteFsStartupProbeCommand } from "../../sdk/k8s/litefs-sidecar";
import { exampleArgs } from "../support/app";

const which = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
const FUSERMOUNT3 = which("fusermount3");
const SHELLS = ["dash", "busybox sh"];

function sidecarPlan(overrides: Parameters<typeof exampleArgs>[0] = {}): AppPlan {
    const result = planApp("abaci-app", exampleArgs({ liteFsSidecar: {}, ...overrides }));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.plan;
}

describe("sidecar mode with the real tools", () => {
    before(function () {
        if (!FUSERMOUNT3 || !which("busybox") || fs.readdirSync("/lib").every((f) => !/^ld-musl-.*\.so\.1$/.test(f)))
            assert.fail("needs fusermount3 (fuse3), busybox and a musl loader (musl) on this machine: apt-get install fuse3 busybox musl");
    });

    const plan = sidecarPlan({ litefs: { tracing: { path: "/var/log/lite$fs/trace.log" } } });
    const script = startupScript(plan);

    for (const shell of SHELLS)
        describe(`the LiteFS sidecar's start-up script under ${shell}`, () => {
            const runs = Object.fromEntries(
                ["abaci-app-0", "abaci-app-1"].map((pod) => [
                    pod,
                    simulateStart(script, pod, { shell, realFusermount3: FUSERMOUNT3, realBusybox: true }),
                ]),
            );

            it("starts LiteFS on every pod, and writes a litefs.yml LiteFS 0.5's strict schema accepts", () => {
                for (const [pod, run] of Object.entries(runs)) {
                    assert.equal(run.exitCode, 0, `${pod}: ${run.stderr}`);
                    assert.deepEqual(run.litefsArgs, ["mount", "-config", run.litefsArgs?.[2], "-no-expand-env"]);
                    assert.deepEqual(checkLiteFsConfig(load(run.config ?? "")), [], pod);
                }
            });

            it("has no exec section, fuse.dir in a subdirectory of the shared volume, allow-other on", () => {
                for (const run of Object.values(runs)) {
                    const config = load(run.config ?? "") as Record<string, any>;
                    assert.equal(config.exec, undefined);
                    assert.deepEqual(config.fuse, { dir: "/litefs/db", "allow-other": true });
                    assert.equal(config.tracing.path, "/var/log/lite$fs/trace.log");
                }
            });

            it("keeps the constant primary and the literal candidate", () => {
                const primary = load(runs["abaci-app-0"].config ?? "") as Record<string, any>;
                const replica = load(runs["abaci-app-1"].config ?? "") as Record<string, any>;
                assert.equal(primary.lease.candidate, true);
                assert.equal(replica.lease.candidate, false);
                assert.equal(replica.lease.hostname, "abaci-app-0");
                assert.equal(replica.lease["advertise-url"], "http://abaci-app-0.abaci-app-headless.abaci.svc.cluster.local:20202");
                assert.match(script, /^ {2}candidate: (true|false)$/m);
            });

            it("clears a stale mount lazily with the real fusermount3 before exec litefs mount, and goes on when there is none", () => {
                for (const run of Object.values(runs)) {
                    assert.deepEqual(run.fusermountCalls, [["-u", "-z", "/litefs/db"]]);
                    assert.match(run.stdout, /no stale mount at \/litefs\/db/);
                }
            });

            it("copies busybox and the musl loader, executable, for the app container", () => {
                for (const run of Object.values(runs)) {
                    assert.deepEqual(Object.keys(run.tools).sort(), [TOOLS.busybox, TOOLS.loader].sort());
                    for (const [name, stat] of Object.entries(run.tools)) assert.match(stat, /^755 [1-9]\d*$/, name);
                }
            });
        });

    it("fails, naming the official image, when the LiteFS image has no musl loader", () => {
        const run = simulateStart(script.replace("/lib/ld-musl-*.so.1", "/lib/ld-musl-missing-*.so.1"), "abaci-app-0", {
            shell: "busybox sh",
            realFusermount3: FUSERMOUNT3,
            realBusybox: true,
        });
        assert.notEqual(run.exitCode, 0);
        assert.match(run.stderr, /docker\.io\/flyio\/litefs:0\.5\.14/);
        assert.equal(run.litefsArgs, undefined);
    });

    describe("the migrate gate, under the real busybox sh", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-gate-"));
        after(() => fs.rmSync(dir, { recursive: true, force: true }));
        /** Runs the gate's busybox part (the loader is tested below) with a recording migrate program. */
        function gate(pod: string | undefined, migrate: string) {
            const [, , ...argv] = migrateGateCommand(migrate, "abaci-app-0");
            const log = path.join(dir, `migrate-${pod ?? "none"}.log`);
            fs.writeFileSync(path.join(dir, "migrate"), `#!/bin/sh\nprintf '%s\\n' "$@" > ${log}\n`, { mode: 0o755 });
            const env: NodeJS.ProcessEnv = { PATH: `${dir}:/usr/bin:/bin` };
            if (pod !== undefined) env.POD_NAME = pod;
            const run = spawnSync(which("busybox"), argv, { env, encoding: "utf8" });
            return { run, args: fs.existsSync(log) ? fs.readFileSync(log, "utf8").trimEnd().split("\n") : undefined };
        }

        it("runs migrate on pod-0, with its words exactly as LiteFS's exec splitting gives them", () => {
            const { run, args } = gate("abaci-app-0", `migrate --name "add notes" 'it''s' $HOME a;b`);
            assert.equal(run.status, 0, run.stderr);
            assert.deepEqual(args, ["--name", "add notes", "its", "$HOME", "a"]);
        });

        it("succeeds without running migrate on a replica", () => {
            const { run, args } = gate("abaci-app-1", "migrate up");
            assert.equal(run.status, 0, run.stderr);
            assert.equal(args, undefined);
            assert.match(run.stdout, /replica: migrate runs on abaci-app-0 only/);
        });

        it("fails without the pod name", () => {
            const { run, args } = gate(undefined, "migrate up");
            assert.notEqual(run.status, 0);
            assert.equal(args, undefined);
        });

        it("fails the init container (so the app does not start) when migrate fails", () => {
            fs.writeFileSync(path.join(dir, "failing"), "#!/bin/sh\nexit 3\n", { mode: 0o755 });
            const [, , ...argv] = migrateGateCommand("failing", "abaci-app-0");
            const run = spawnSync(which("busybox"), argv, { env: { PATH: `${dir}:/usr/bin:/bin`, POD_NAME: "abaci-app-0" } });
            assert.equal(run.status, 3);
        });
    });

    describe("the probes' commands, under the real busybox", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-lag-"));
        after(() => fs.rmSync(dir, { recursive: true, force: true }));
        const lag = (value: number) =>
            fs.writeFileSync(path.join(dir, LAG_FILE), `${value >= 0 ? "+" : ""}${String(value).padStart(9, "0")}\n`);

        it("the sidecar's startup probe passes on the primary (+000000000) and a synced replica, not before the first sync", () => {
            const probe = liteFsStartupProbeCommand(dir);
            const run = () => spawnSync(which("busybox"), ["sh", ...probe.slice(1)]).status;
            lag(0);
            assert.equal(fs.readFileSync(path.join(dir, LAG_FILE), "utf8"), "+000000000\n");
            assert.equal(run(), 0);
            lag(420);
            assert.equal(run(), 0);
            lag(LAG_NOT_SYNCED);
            assert.equal(fs.readFileSync(path.join(dir, LAG_FILE), "utf8"), "+2147483647\n");
            assert.notEqual(run(), 0);
            fs.rmSync(path.join(dir, LAG_FILE));
            assert.notEqual(run(), 0);
        });

        it("the app's liveness check reads .lag, and fails when it can't", () => {
            const [, , ...argv] = mountAliveCommand(dir);
            lag(0);
            assert.equal(spawnSync(which("busybox"), argv).status, 0);
            fs.rmSync(path.join(dir, LAG_FILE));
            assert.notEqual(spawnSync(which("busybox"), argv).status, 0);
        });
    });

    describe("the musl loader, run explicitly, in a root with nothing but the tools (as in a distroless app image)", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-musl-"));
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("runs a program that needs Alpine's libc.musl-<arch>.so.1, as busybox does, with no /lib in the root", function () {
            for (const tool of ["musl-gcc", "patchelf"])
                if (!which(tool)) assert.fail(`needs ${tool} on this machine: apt-get install musl-tools patchelf`);
            // A program built like Alpine's busybox: linked against musl, with Alpine's libc name, and an
            // interpreter path that exists nowhere, so only the explicitly run loader can start it.
            const arch = os.arch() === "arm64" ? "aarch64" : "x86_64";
            fs.writeFileSync(
                path.join(dir, "echo.c"),
                "#include <stdio.h>\nint main(int c, char **v) { for (int i = 1; i < c; i++) puts(v[i]); return 0; }\n",
            );
            const root = path.join(dir, "root");
            fs.mkdirSync(path.join(root, SIDECAR_TOOLS_DIR.slice(1)), { recursive: true });
            const program = path.join(root, SIDECAR_TOOLS_DIR.slice(1), TOOLS.busybox);
            const build = spawnSync("musl-gcc", ["-Wl,--dynamic-linker=/nonexistent/ld.so", "-o", program, path.join(dir, "echo.c")], {
                encoding: "utf8",
            });
            assert.equal(build.status, 0, build.stderr);
            assert.equal(spawnSync("patchelf", ["--replace-needed", "libc.so", `libc.musl-${arch}.so.1`, program]).status, 0);
            // What the sidecar's start-up script copies.
            const loader = fs.readdirSync("/lib").find((f) => /^ld-musl-.*\.so\.1$/.test(f)) ?? "";
            fs.copyFileSync(path.join("/lib", loader), path.join(root, SIDECAR_TOOLS_DIR.slice(1), TOOLS.loader));
            fs.chmodSync(path.join(root, SIDECAR_TOOLS_DIR.slice(1), TOOLS.loader), 0o755);
            const command = busybox("one", "two words");
            const chroot = process.getuid?.() === 0 ? ["chroot", root] : ["unshare", "-r", "chroot", root];
            const run = spawnSync(chroot[0], [...chroot.slice(1), ...command], {
                encoding: "utf8",
                env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" },
            });
            assert.equal(run.status, 0, run.stderr);
            assert.equal(run.stdout, "one\ntwo words\n");
            const direct = spawnSync(chroot[0], [...chroot.slice(1), command[1]], {
                encoding: "utf8",
                env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" },
            });
            assert.notEqual(direct.status, 0, "the program must not start without the loader run explicitly");
        });
    });
});
