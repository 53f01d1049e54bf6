/**
 * `npm run bench`: performance numbers, printed, never asserted (tests stay fast and stable). Run on an idle
 * machine; each case runs in fresh processes and the median is shown.
 *   1. N LiteFsApps vs the same Kubernetes objects written by hand, under Pulumi's mocks
 *   2. 100 LiteFsApps with replicas 300 vs replicas 3 (CPU and memory)
 *   3. each CLI command vs `node -e 0`
 *   4. what a consumer installs for LiteFsApp beyond @pulumi/pulumi and @pulumi/kubernetes
 * Options: --runs N (default 5), --apps N (default 100), --skip-install.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { LiteFsApp, type LiteFsAppArgs } from "../sdk";
import { appManifests, type AppManifests } from "../sdk/k8s/manifests";
import { planApp } from "../sdk/plan";

/** Compiled to bin/scripts/bench.js. */
const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/sdk/cli/main.js");

/** Worker: constructs `apps` apps (component or by hand) under mocks and prints what it cost. */
interface Sample {
    readonly ms: number;
    readonly cpuMs: number;
    readonly heapMb: number;
    readonly rssMb: number;
}

/** The plan of an app the bench only builds with valid arguments. */
function manifestsOf(name: string, args: LiteFsAppArgs): AppManifests {
    const result = planApp(name, args);
    if (!result.ok) throw new Error(`bench arguments refused: ${JSON.stringify(result.problems)}`);
    return appManifests(result.plan);
}

async function worker(mode: string, apps: number, replicas: number): Promise<void> {
    let registered = 0;
    let expected = Infinity;
    // Resolved by the mocks when the last object registers: no polling, which would add CPU of its own.
    let allRegistered = () => {};
    const done = new Promise<void>((resolve) => (allRegistered = resolve));
    pulumi.runtime.setMocks(
        {
            newResource: (a) => {
                if (++registered >= expected) allRegistered();
                return { id: `${a.name}-id`, state: a.inputs };
            },
            call: (a) => a.inputs,
        },
        "bench",
        "bench",
        false,
    );
    const args = (i: number): LiteFsAppArgs => ({
        image: `ghcr.io/org/app@sha256:${"a".repeat(64)}`,
        namespace: `ns-${i}`,
        replicas,
        port: 3000,
        command: "node server.js",
        migrate: "node dist/db/migrate.js",
        env: { NODE_ENV: "production" },
    });
    // By hand: the objects are literals the user wrote, so they exist before the clock starts.
    const literals = mode === "byhand" ? Array.from({ length: apps }, (_, i) => manifestsOf(`app-${i}`, args(i))) : [];
    // How many objects each app registers, counted before the clock starts: the component plus its children.
    const count = Array.from({ length: apps }, (_, i) =>
        mode === "component" ? 1 + Object.values(manifestsOf(`app-${i}`, args(i))).filter(Boolean).length : 7,
    ).reduce((a, b) => a + b, 0);
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < apps; i++) {
        const name = `app-${i}`;
        if (mode === "component") {
            new LiteFsApp(name, args(i));
            continue;
        }
        const m = literals[i];
        const ns = new k8s.core.v1.Namespace(`${name}-namespace`, m.namespace ?? {});
        const opts = { dependsOn: [ns] };
        const headless = new k8s.core.v1.Service(`${name}-headless`, m.headlessService, opts);
        new k8s.networking.v1.NetworkPolicy(`${name}-network-policy`, m.networkPolicy ?? {}, opts);
        new k8s.apps.v1.StatefulSet(`${name}-statefulset`, m.statefulSet(undefined), { dependsOn: [ns, headless] });
        new k8s.core.v1.Service(`${name}-read`, m.readService, opts);
        new k8s.core.v1.Service(`${name}-primary`, m.primaryService, opts);
        new k8s.policy.v1.PodDisruptionBudget(`${name}-pdb`, m.podDisruptionBudget, opts);
    }
    expected = count;
    if (registered >= expected) allRegistered();
    await done;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    console.log(
        JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, heapMb: heapUsed / 2 ** 20, rssMb: rss / 2 ** 20, registered }),
    );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n: number, digits = 0) => n.toFixed(digits);

function runWorker(mode: string, apps: number, replicas: number): Sample {
    const out = execFileSync(process.execPath, ["--expose-gc", __filename, "--worker", mode, String(apps), String(replicas)], {
        encoding: "utf8",
    });
    return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
}

/** Alternates the cases run by run, so a noisy moment hits each of them alike. */
function compare<T>(cases: (() => T)[], runs: number): T[][] {
    const results: T[][] = cases.map(() => []);
    for (let r = 0; r < runs; r++) cases.forEach((c, i) => results[i].push(c()));
    return results;
}

function wallMs(argv: string[]): number {
    const t0 = process.hrtime.bigint();
    const run = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: "utf8" });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (run.status !== 0 && run.status !== 1) throw new Error(`${argv.join(" ")} exited ${run.status}: ${run.stderr}`);
    return ms;
}

function du(dir: string): { kb: number; files: number } {
    const out = execFileSync("du", ["-sk", "--apparent-size", dir], { encoding: "utf8" });
    const files = Number(execFileSync("sh", ["-c", `find "${dir}" -type f | wc -l`], { encoding: "utf8" }).trim());
    return { kb: Number(out.split("\t")[0]), files };
}

function install(dir: string, packages: string[]): { kb: number; files: number } {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench-consumer", version: "1.0.0", private: true }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", ...packages], {
        cwd: dir,
        stdio: "ignore",
    });
    return du(path.join(dir, "node_modules"));
}

async function main() {
    const flag = (name: string, fallback: number) => {
        const at = process.argv.indexOf(name);
        return at > 0 ? Number(process.argv[at + 1]) : fallback;
    };
    const runs = flag("--runs", 5);
    const apps = flag("--apps", 100);
    console.log(`pulumi-litefs bench: medians of ${runs} runs, ${os.cpus().length} CPUs, Node ${process.version}\n`);

    const [component, byHand] = compare([() => runWorker("component", apps, 3), () => runWorker("byhand", apps, 3)], runs);
    const row = (label: string, results: Sample[]) =>
        `  ${label.padEnd(26)} ${fmt(median(results.map((r) => r.ms))).padStart(6)} ms  ${fmt(median(results.map((r) => r.cpuMs))).padStart(6)} ms CPU  ${fmt(median(results.map((r) => r.heapMb)), 1).padStart(6)} MB heap`;
    console.log(`1. ${apps} apps under mocks (construct until every object is registered)`);
    console.log(row("LiteFsApp", component));
    console.log(row("the same objects by hand", byHand));
    const ratioOf = (a: Sample[], b: Sample[], key: keyof Sample) => fmt(median(a.map((r) => r[key])) / median(b.map((r) => r[key])), 3);
    console.log(
        `  ratio: ${ratioOf(component, byHand, "cpuMs")}x CPU, ${ratioOf(component, byHand, "heapMb")}x heap, ${ratioOf(component, byHand, "ms")}x wall\n`,
    );

    const [many, few] = compare([() => runWorker("component", apps, 300), () => runWorker("component", apps, 3)], runs);
    console.log(`2. ${apps} LiteFsApps, replicas 300 vs 3`);
    console.log(row("replicas: 300", many));
    console.log(row("replicas: 3", few));
    console.log(
        `  ratio: ${ratioOf(many, few, "cpuMs")}x CPU, ${ratioOf(many, few, "heapMb")}x heap, ${ratioOf(many, few, "rssMb")}x RSS\n`,
    );

    const example = `image=ghcr.io/abaci/app@sha256:${"0123456789abcdef".repeat(4)}`;
    const commands: [string, string[]][] = [
        ["node -e 0", ["-e", "0"]],
        ["--help", [BIN, "--help"]],
        ["--version", [BIN, "--version"]],
        ["render app.yaml", [BIN, "render", "examples/basic/app.yaml"]],
        ["render app.yaml --litefs", [BIN, "render", "examples/basic/app.yaml", "--litefs"]],
        ["doctor Dockerfile", [BIN, "doctor", "examples/github-actions/Dockerfile"]],
        ["doctor app.yaml", [BIN, "doctor", "examples/basic/app.yaml"]],
        ["doctor project (loads tsc)", [BIN, "doctor", "tests/fixtures/doctor/project-clean"]],
        ["recover app.yaml", [BIN, "recover", "examples/basic/app.yaml"]],
        ["recover <name> flags", [BIN, "recover", "abaci-app", "--replicas", "3"]],
        ["render program (Pulumi)", [BIN, "render", "bin/examples/basic", "--config", example]],
    ];
    const times = compare<number>(
        commands.map(
            ([, argv]) =>
                () =>
                    wallMs(argv),
        ),
        runs,
    ).map(median);
    console.log("3. CLI commands, whole process wall time");
    commands.forEach(([label], i) =>
        console.log(`  ${label.padEnd(26)} ${fmt(times[i]).padStart(6)} ms  ${fmt(times[i] / times[0], 1)}x node -e 0`),
    );
    console.log("");

    if (process.argv.includes("--skip-install")) return;
    console.log("4. consumer install footprint (npm install from the registry cache, no scripts)");
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-bench-"));
    try {
        const pack = JSON.parse(
            execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], { cwd: ROOT, encoding: "utf8" }),
        );
        const tarball = path.join(tmp, pack[0].filename);
        const peers = ["@pulumi/pulumi@^3.248.0", "@pulumi/kubernetes@^4.34.2"];
        const base = install(path.join(tmp, "peers-only"), peers);
        const withApp = install(path.join(tmp, "with-litefs"), [...peers, tarball]);
        const withModels = install(path.join(tmp, "with-render"), [...peers, tarball, "kubernetes-models@^4.5.1"]);
        const line = (label: string, r: { kb: number; files: number }) =>
            `  ${label.padEnd(44)} ${fmt(r.kb / 1024, 1).padStart(7)} MiB ${String(r.files).padStart(7)} files`;
        console.log(line("@pulumi/pulumi + @pulumi/kubernetes", base));
        console.log(line("+ pulumi-litefs", withApp));
        console.log(line("+ pulumi-litefs + kubernetes-models (render)", withModels));
        console.log(`  pulumi-litefs adds ${fmt((withApp.kb - base.kb) / 1024, 2)} MiB, ${withApp.files - base.files} files`);
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

if (process.argv[2] === "--worker") void worker(process.argv[3], Number(process.argv[4]), Number(process.argv[5]));
else
    main().catch((error) => {
        console.error(error);
        process.exitCode = 1;
    });
