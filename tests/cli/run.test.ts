import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { BIN, cli, cliProcess, ROOT } from "../support/cli";

const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;

describe("pulumi-litefs, the command line", () => {
    it("prints its version with --version (and -v)", async () => {
        for (const flag of ["--version", "-v"]) {
            const run = await cli(flag);
            assert.equal(run.status, 0);
            assert.equal(run.stdout, `${VERSION}\n`);
        }
    });

    it("exits 2 with the usage on stderr when run bare, and 0 with it on stdout for --help", async () => {
        const bare = await cli();
        assert.equal(bare.status, 2);
        assert.equal(bare.stdout, "");
        assert.match(bare.stderr, /^Usage: pulumi-litefs <command>/);
        const help = await cli("--help");
        assert.equal(help.status, 0);
        assert.match(help.stdout, /^Usage: pulumi-litefs <command>/);
        assert.match(help.stdout, /render.*\n.*doctor.*\n.*recover/);
    });

    it("names an unknown command (with a suggestion) or option, exit 2", async () => {
        const typo = await cli("rendr", "app.yaml");
        assert.equal(typo.status, 2);
        assert.match(typo.stderr, /^pulumi-litefs: unknown command "rendr"; did you mean "render"\?\n/);
        const unknown = await cli("deploy");
        assert.match(unknown.stderr, /^pulumi-litefs: unknown command "deploy"\.\n/);
        const option = await cli("--verbose");
        assert.equal(option.status, 2);
        assert.match(option.stderr, /^pulumi-litefs: unknown option "--verbose"/);
    });

    describe("as a process (smoke tests of the binary)", () => {
        it("runs from its shebang line with the process's exit code and streams", () => {
            assert.match(fs.readFileSync(BIN, "utf8"), /^#!\/usr\/bin\/env node\n/);
            const version = cliProcess("--version");
            assert.equal(version.status, 0);
            assert.equal(version.stdout, `${VERSION}\n`);
            const bare = cliProcess();
            assert.equal(bare.status, 2);
            assert.match(bare.stderr, /^Usage: pulumi-litefs/);
        });

        it("never loads @pulumi/pulumi for --help, --version, render of an args file, doctor, recover, restore or promote", () => {
            const run = spawnSync(process.execPath, [path.join(ROOT, "bin/tests/fixtures/light-cli.fixture.js")], {
                cwd: ROOT,
                encoding: "utf8",
            });
            assert.equal(run.status, 0, run.stderr);
            const { codes, pulumi } = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}");
            assert.deepEqual(codes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            assert.deepEqual(pulumi, []);
        });
    });
});
