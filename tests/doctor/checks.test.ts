import * as assert from "node:assert/strict";
import * as path from "node:path";
import { lintDockerfile } from "../../sdk/doctor/dockerfile";
import type { Finding } from "../../sdk/doctor/finding";
import { runDoctor } from "../../sdk/doctor/checks";
import { cli } from "../support/cli";

/** Fixtures are read from the source tree: they are not TypeScript, so tsc does not copy them. */
const FIXTURES = "tests/fixtures/doctor";

function doctor(...paths: string[]): Finding[] {
    return runDoctor({ paths: paths.map((p) => path.join(FIXTURES, p)), images: [], exec: [] }).findings;
}

/** The parts of a finding the fixtures pin down: where, how bad, which rule. */
function summary(findings: readonly Finding[]): string[] {
    return findings.map((f) => `${path.relative(FIXTURES, f.file)}:${f.line} ${f.severity} ${f.rule}`);
}

const run = (...args: string[]) => cli("doctor", ...args);

describe("doctor", function () {
    // The project check loads the TypeScript compiler.
    this.timeout(20_000);

    describe("a Dockerfile: each fixture is the clean one with one trap added", () => {
        const cases: [string, string, RegExp][] = [
            ["env-hostname", "23 error dockerfile/env-hostname", /^ENV HOSTNAME is set \(to "0\.0\.0\.0"\) in the image\.$/],
            ["env-litefs-cloud-token", "24 error dockerfile/env-litefs-cloud-token", /^ENV LITEFS_CLOUD_TOKEN is set in the image\.$/],
            [
                "no-fuse3",
                "13 error dockerfile/no-fuse3",
                /^the final stage \(FROM node:20-slim, line 13\) installs no fuse3 \(it installs fuse, the FUSE 2 package/,
            ],
            ["no-litefs", "13 error dockerfile/no-litefs", /^the final stage \(FROM node:20-slim, line 13\) gets no litefs binary\.$/],
            ["litefs-tag", "11 warning dockerfile/litefs-tag", /^flyio\/litefs:0\.5 is the floating tag "0\.5"\.$/],
            [
                "user-without-allow-other",
                "24 warning dockerfile/user-without-allow-other",
                /^the image runs as USER node, and fuse\.allow-other is not set\.$/,
            ],
        ];
        for (const [fixture, expected, message] of cases)
            it(`${fixture}: exactly one finding, at its line`, () => {
                const findings = doctor(`dockerfile/${fixture}.Dockerfile`);
                assert.deepEqual(summary(findings), [`dockerfile/${fixture}.Dockerfile:${expected}`]);
                assert.match(findings[0].message, message);
                assert.ok(findings[0].why.length > 0 && findings[0].fix.length > 0);
            });

        it("the clean Dockerfile (multi-stage, ENV HOSTNAME only in a build stage) gives no finding", () => {
            assert.deepEqual(doctor("dockerfile/clean.Dockerfile"), []);
        });

        it("says how to fix each trap", () => {
            assert.match(
                doctor("dockerfile/no-litefs.Dockerfile")[0].fix,
                /COPY --from=flyio\/litefs:0\.5\.14 \/usr\/local\/bin\/litefs \/usr\/local\/bin\/litefs/,
            );
            assert.match(doctor("dockerfile/no-fuse3.Dockerfile")[0].fix, /apt-get install -y --no-install-recommends fuse3/);
            assert.match(doctor("dockerfile/env-hostname.Dockerfile")[0].fix, /env HOSTNAME=0\.0\.0\.0 node server\.js/);
        });

        it("accepts a non-root USER when the litefs.yml given alongside sets fuse.allow-other", () => {
            const text =
                "FROM alpine\nRUN apk add --no-cache fuse3\nCOPY --from=flyio/litefs:0.5.14 /usr/local/bin/litefs /usr/local/bin/litefs\nUSER app\n";
            assert.deepEqual(lintDockerfile(text, "Dockerfile", { allowOther: true }).findings, []);
            assert.deepEqual(summary(lintDockerfile(text, path.join(FIXTURES, "Dockerfile"), { allowOther: false }).findings), [
                "Dockerfile:4 warning dockerfile/user-without-allow-other",
            ]);
        });

        it("reads continuation lines, the legacy ENV form and an untagged flyio/litefs", () => {
            const text =
                "FROM debian:12\nRUN apt-get update \\\n  # a comment inside the command\n  && apt-get install -y fuse3\nENV HOSTNAME 0.0.0.0\nCOPY --from=flyio/litefs /usr/local/bin/litefs /usr/local/bin/\n";
            assert.deepEqual(summary(lintDockerfile(text, path.join(FIXTURES, "Dockerfile")).findings), [
                "Dockerfile:5 error dockerfile/env-hostname",
                "Dockerfile:6 warning dockerfile/litefs-tag",
            ]);
        });
    });

    describe("a litefs.yml: each fixture is the clean one with one trap added", () => {
        const cases: [string, string, RegExp][] = [
            [
                "unknown-key",
                "12 error litefs/schema",
                /^proxy\.primary-redirect-url \[litefs-unknown-key\]: does not exist in any LiteFS version/,
            ],
            [
                "candidate-env",
                "16 error litefs/candidate-env",
                /^lease\.candidate is "\$\{LITEFS_CANDIDATE\}", left to environment expansion\.$/,
            ],
            ["candidate-quoted", "16 error litefs/candidate-quoted", /^lease\.candidate is quoted \("true"\)\.$/],
            [
                "candidate-expression",
                "16 error litefs/candidate-expression",
                /^lease\.candidate is "\$\{HOSTNAME == abaci-app-0\}", an expression LiteFS cannot evaluate\.$/,
            ],
            [
                "per-pod-hostname",
                "14 warning litefs/per-pod-hostname",
                /^lease\.hostname uses \$\{HOSTNAME\}, which differs on every pod\.$/,
            ],
            [
                "per-pod-advertise-url",
                "15 error litefs/per-pod-advertise-url",
                /^lease\.advertise-url uses \$HOSTNAME, which differs on every pod\.$/,
            ],
            ["exec-split", "18 error litefs/exec-split", /^exec\[0\]\.cmd \[exec-operator\]: contains the shell operator "&&"/],
        ];
        for (const [fixture, expected, message] of cases)
            it(`${fixture}: exactly one finding, at its line`, () => {
                const findings = doctor(`litefs/${fixture}.yml`);
                assert.deepEqual(summary(findings), [`litefs/${fixture}.yml:${expected}`]);
                assert.match(findings[0].message, message);
            });

        it("dollar: every $ that expansion would eat, at its line", () => {
            const findings = doctor("litefs/dollar.yml");
            assert.deepEqual(summary(findings), ["litefs/dollar.yml:20 error litefs/dollar", "litefs/dollar.yml:20 error litefs/dollar"]);
            assert.match(findings[0].message, /^exec\[1\]\.cmd: "\$\$" in ".*" becomes an empty string when LiteFS loads the file\.$/);
            assert.match(findings[1].message, /^exec\[1\]\.cmd: "\$0" in /);
        });

        it("suggests the quoted form of a broken candidate expression", () => {
            assert.equal(doctor("litefs/candidate-expression.yml")[0].fix, 'quote the literal: candidate: ${HOSTNAME == "abaci-app-0"}');
        });

        it("the clean file (candidate from a LiteFS expression, ${PORT} in exec) gives no finding", () => {
            assert.deepEqual(doctor("litefs/clean.yml"), []);
        });

        it("per-pod hostname and advertise-url are right under a Consul lease: no finding", () => {
            assert.deepEqual(doctor("litefs/consul-clean.yml"), []);
        });
    });

    describe("a project folder", () => {
        it("finds the migration path the build does not produce (rootDir inferred from db/)", () => {
            const findings = doctor("project-bad");
            assert.deepEqual(summary(findings), ["project-bad/litefs.yml:11 error project/exec-not-built"]);
            const [finding] = findings;
            assert.equal(
                finding.message,
                'exec[0].cmd: "node dist/db/migrate.js" runs dist/db/migrate.js, which the build does not produce.',
            );
            assert.match(
                finding.why,
                /^tsconfig\.json compiles db\/migrate\.ts to dist\/migrate\.js \(outDir dist, rootDir is not set, so tsc uses the folder common to all sources, db\)/,
            );
            assert.equal(
                finding.fix,
                'run "node dist/migrate.js", or set "rootDir": "." in tsconfig.json so that the build writes dist/db/migrate.js.',
            );
        });

        it("the clean project (rootDir set, clean Dockerfile and litefs.yml) gives no finding", () => {
            assert.deepEqual(doctor("project-clean"), []);
        });

        it("checks --exec commands too, reading absolute paths under the image's WORKDIR", () => {
            const { findings } = runDoctor({
                paths: [path.join(FIXTURES, "project-clean")],
                images: [],
                exec: ["node /app/dist/migrate.js"],
            });
            assert.deepEqual(
                findings.map((f) => [f.file, f.rule, f.fix]),
                [["--exec", "project/exec-not-built", 'run "node /app/dist/db/migrate.js".']],
            );
        });
    });

    describe("an image reference and an args file", () => {
        it("warns about :latest, an untagged image and a mutable tag; a digest is clean", () => {
            const { findings } = runDoctor({
                paths: [],
                images: ["ghcr.io/org/app:latest", "ghcr.io/org/app", "registry:5000/app:v1.2", `ghcr.io/org/app@sha256:${"a".repeat(64)}`],
                exec: [],
            });
            assert.deepEqual(
                findings.map((f) => `${f.file} ${f.severity} ${f.rule}`),
                ["--image warning image/latest", "--image warning image/latest", "--image warning image/mutable-tag"],
            );
            assert.equal(findings[2].message, 'image "registry:5000/app:v1.2" is the tag "v1.2", not a digest.');
        });

        it("reports every argument problem of an args file at its line, LITEFS_CLOUD_TOKEN included", () => {
            const findings = runDoctor({ paths: ["tests/fixtures/render/bad-args.yaml"], images: [], exec: [] }).findings;
            assert.deepEqual(
                findings.map((f) => `${f.line} ${f.severity} ${f.rule} ${f.message.split(":")[0]}`),
                [
                    "3 error args/invalid namespace [args-file]",
                    "6 error args/invalid args.port [port-range]",
                    "7 error args/invalid args.command [exec-operator]",
                    "8 error args/invalid args.replica [args-unknown]",
                    "10 error args/invalid args.env.HOSTNAME [env-hostname]",
                    "11 error args/invalid args.env.LITEFS_CLOUD_TOKEN [env-litefs-cloud-token]",
                    '5 warning image/latest image "ghcr.io/org/app',
                ],
            );
        });
    });

    describe("sidecar mode: the app image needs no litefs, fuse3 or shell", () => {
        it("the same distroless, non-root image is wrong for embedded mode (no shell, no litefs, no allow-other)", () => {
            assert.deepEqual(summary(doctor("sidecar/distroless.Dockerfile")), [
                "sidecar/distroless.Dockerfile:9 error dockerfile/no-shell",
                "sidecar/distroless.Dockerfile:9 error dockerfile/no-litefs",
                "sidecar/distroless.Dockerfile:12 warning dockerfile/user-without-allow-other",
            ]);
        });

        it("is clean beside a sidecar-mode args file (liteFsSidecar), and with --sidecar", async () => {
            assert.deepEqual(doctor("sidecar/distroless.Dockerfile", "sidecar/app.yaml"), []);
            const flag = runDoctor({ paths: [path.join(FIXTURES, "sidecar/distroless.Dockerfile")], images: [], exec: [], sidecar: true });
            assert.deepEqual(flag.findings, []);
            const out = await run(`${FIXTURES}/sidecar/distroless.Dockerfile`, "--sidecar");
            assert.equal(out.status, 0, out.stdout + out.stderr);
            assert.match(out.stdout, /no problems found/);
        });

        it("still finds ENV HOSTNAME, which gives every pod's app the same name", () => {
            const findings = doctor("sidecar/env-hostname.Dockerfile", "sidecar/app.yaml");
            assert.deepEqual(summary(findings), ["sidecar/env-hostname.Dockerfile:12 error dockerfile/env-hostname"]);
        });

        it("finds no shell only when a command starts one", () => {
            const findings = doctor("sidecar/distroless.Dockerfile", "sidecar/shell-command.yaml");
            assert.deepEqual(summary(findings), ["sidecar/distroless.Dockerfile:9 error dockerfile/no-shell"]);
            assert.match(findings[0].message, /runs "sh -c 'exec node dist\/server\.js'"/);
            assert.match(findings[0].fix, /run the program directly/);
        });

        it("ignores LITEFS_CLOUD_TOKEN in the app image, which LiteFS, in its own image, never reads", () => {
            const text = "FROM gcr.io/distroless/nodejs20-debian12\nENV LITEFS_CLOUD_TOKEN=x\n";
            assert.deepEqual(lintDockerfile(text, "Dockerfile", { sidecar: true }).findings, []);
            assert.ok(lintDockerfile(text, "Dockerfile").findings.some((f) => f.rule === "dockerfile/env-litefs-cloud-token"));
        });
    });

    describe("the command", async () => {
        it("exits 1 on errors and prints each finding with file:line, severity, what, why and fix", async () => {
            const out = await run(`${FIXTURES}/dockerfile/env-hostname.Dockerfile`);
            assert.equal(out.status, 1);
            const lines = out.stdout.split("\n");
            assert.equal(
                lines[0],
                `${FIXTURES}/dockerfile/env-hostname.Dockerfile:23: error [dockerfile/env-hostname] ENV HOSTNAME is set (to "0.0.0.0") in the image.`,
            );
            assert.match(lines[1], /^ {2}why: HOSTNAME is set by Kubernetes to the pod's own name/);
            assert.match(lines[2], /^ {2}fix: delete this ENV line; /);
            assert.match(out.stdout, /pulumi-litefs doctor: 1 error, 0 warnings in /);
        });

        it("exits 0 on warnings only, and 1 with --strict", async () => {
            assert.equal((await run(`${FIXTURES}/dockerfile/litefs-tag.Dockerfile`)).status, 0);
            assert.equal((await run(`${FIXTURES}/dockerfile/litefs-tag.Dockerfile`, "--strict")).status, 1);
        });

        it("prints a clean report and exits 0 for clean inputs", async () => {
            const out = await run(`${FIXTURES}/project-clean`, "--image", `ghcr.io/org/app@sha256:${"a".repeat(64)}`);
            assert.equal(out.status, 0, out.stdout + out.stderr);
            assert.match(
                out.stdout,
                /^pulumi-litefs doctor: no problems found in .*project-clean, .*project-clean\/Dockerfile, .*project-clean\/litefs\.yml, --image\.\n$/,
            );
        });

        it("prints JSON for CI with --json", async () => {
            const out = await run(`${FIXTURES}/project-bad`, "--json");
            assert.equal(out.status, 1);
            const report = JSON.parse(out.stdout);
            assert.equal(report.errors, 1);
            assert.equal(report.warnings, 0);
            assert.deepEqual(Object.keys(report.findings[0]).sort(), ["file", "fix", "line", "message", "rule", "severity", "why"]);
            assert.equal(report.findings[0].line, 11);
        });

        it("exits 2 for an input that does not exist or that it cannot tell apart", async () => {
            const missing = await run("no-such-folder");
            assert.equal(missing.status, 2);
            assert.match(missing.stderr, /no-such-folder does not exist/);
            const unknown = await run("package.json");
            assert.equal(unknown.status, 2);
            assert.match(unknown.stderr, /cannot tell what package\.json is/);
        });
    });
});
