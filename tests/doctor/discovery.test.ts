import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lintDockerfile } from "../../sdk/doctor/dockerfile";
import type { Finding } from "../../sdk/doctor/finding";
import { NothingToCheckError, runDoctor } from "../../sdk/doctor/checks";
import { cli } from "../support/cli";

const FIXTURES = "tests/fixtures/doctor";

function doctor(...paths: string[]): Finding[] {
    return runDoctor({ paths: paths.map((p) => path.join(FIXTURES, p)), images: [], exec: [] }).findings;
}

const summary = (findings: readonly Finding[]) =>
    findings.map((f) => `${path.relative(FIXTURES, f.file)}:${f.line} ${f.severity} ${f.rule}`);

describe("doctor: what there is to check", function () {
    // The project check loads the TypeScript compiler.
    this.timeout(20_000);

    describe("nothing to check", () => {
        let tmp: string;
        beforeEach(() => {
            tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-doctor-"));
        });
        afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

        it("an empty folder is not a clean one: it says there was nothing to check", () => {
            assert.throws(
                () => runDoctor({ paths: [tmp], images: [], exec: [] }),
                (error: unknown) =>
                    error instanceof NothingToCheckError &&
                    error.message.startsWith(`nothing to check in ${tmp}: doctor found no Dockerfile, no litefs.yml and no args file.`),
            );
        });

        it("a folder with nothing doctor knows (a README only) exits 2 with that message, not 0", async () => {
            const out = await cli("doctor", `${FIXTURES}/nothing`);
            assert.equal(out.status, 2);
            assert.equal(out.stdout, "");
            assert.match(out.stderr, /^pulumi-litefs doctor: nothing to check in tests\/fixtures\/doctor\/nothing: /);
            assert.match(out.stderr, /args file \(YAML or JSON with name: and args:, as render takes\)/);
        });

        it("an image alone is something to check", () => {
            assert.deepEqual(runDoctor({ paths: [], images: [`ghcr.io/org/app@sha256:${"a".repeat(64)}`], exec: [] }).findings, []);
        });
    });

    describe("args files in a project folder", () => {
        it("finds deploy/app.yaml by its name: and args: keys, and checks its command against the TypeScript build", () => {
            const { inputs, findings } = runDoctor({ paths: [`${FIXTURES}/project-args`], images: [], exec: [] });
            // compose.yaml has name: but no args:, and .github is never searched.
            assert.deepEqual(inputs, [`${FIXTURES}/project-args`, `${FIXTURES}/project-args/deploy/app.yaml`]);
            assert.deepEqual(summary(findings), ["project-args/deploy/app.yaml:7 error project/exec-not-built"]);
            assert.equal(
                findings[0].message,
                'args.command: "node dist/src/server.js" runs dist/src/server.js, which the build does not produce.',
            );
            assert.equal(
                findings[0].fix,
                'run "node dist/server.js", or set "rootDir": "." in tsconfig.json so that the build writes dist/src/server.js.',
            );
        });

        it("doctor app.yaml checks migrate and command against the build of the tsconfig.json above it", () => {
            assert.deepEqual(summary(doctor("project-args/deploy/app.yaml")), [
                "project-args/deploy/app.yaml:7 error project/exec-not-built",
            ]);
        });

        it("an args file with no tsconfig.json above it gets no build check", () => {
            const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-litefs-doctor-"));
            try {
                const file = path.join(tmp, "app.yaml");
                fs.copyFileSync(`${FIXTURES}/project-args/deploy/app.yaml`, file);
                assert.deepEqual(runDoctor({ paths: [file], images: [], exec: [] }).findings, []);
            } finally {
                fs.rmSync(tmp, { recursive: true, force: true });
            }
        });
    });

    describe("a final stage without a shell", () => {
        it("distroless: the start-up script needs /bin/sh; no fuse3 advice that would need apt-get", () => {
            const findings = doctor("dockerfile/distroless.Dockerfile");
            assert.deepEqual(summary(findings), ["dockerfile/distroless.Dockerfile:11 error dockerfile/no-shell"]);
            assert.equal(findings[0].message, "the final stage (FROM gcr.io/distroless/nodejs20-debian12, line 11) has no /bin/sh.");
            assert.match(findings[0].why, /POSIX sh start-up script/);
            assert.match(findings[0].fix, /FROM node:20-bookworm-slim/);
            for (const f of findings) assert.doesNotMatch(`${f.why} ${f.fix}`, /apt-get|apk add/);
        });

        it("scratch with a busybox copied as /bin/sh: can start, but fuse3 is missing and there is no package manager", () => {
            const findings = doctor("dockerfile/scratch-busybox.Dockerfile");
            assert.deepEqual(summary(findings), ["dockerfile/scratch-busybox.Dockerfile:7 error dockerfile/no-fuse3"]);
            assert.match(findings[0].fix, /no package manager/);
            assert.doesNotMatch(findings[0].fix, /apt-get|apk add/);
        });

        it("scratch alone has no shell; distroless :debug and Chainguard -dev images have one", () => {
            const litefs = "COPY --from=flyio/litefs:0.5.14 /usr/local/bin/litefs /usr/local/bin/litefs\n";
            const rules = (from: string) => lintDockerfile(`FROM ${from}\n${litefs}`, "Dockerfile").findings.map((f) => f.rule);
            assert.deepEqual(rules("scratch"), ["dockerfile/no-shell"]);
            assert.deepEqual(rules("cgr.dev/chainguard/node:latest"), ["dockerfile/no-shell"]);
            assert.deepEqual(rules("gcr.io/distroless/base-debian12:debug"), ["dockerfile/no-fuse3"]);
            assert.deepEqual(rules("cgr.dev/chainguard/node:latest-dev"), ["dockerfile/no-fuse3"]);
        });
    });
});
