import * as assert from "node:assert/strict";
import { DIGEST_IMAGE, construct, exampleArgs } from "./support/app";
import { problemAt, refused } from "./support/refused";

describe("gotchas refused before anything is created", () => {
    it("refuses HOSTNAME in env, saying why and how to set it for the app only", async () => {
        const error = await refused("abaci-app", exampleArgs({ env: { HOSTNAME: "0.0.0.0" } }));
        problemAt(error, "args.env.HOSTNAME", /pod's own name/, /env HOSTNAME=0\.0\.0\.0 node server\.js/);
    });

    for (const [command, operator] of [
        ["node dist/db/migrate.js && node server.js", "&&"],
        ["node server.js; echo done", ";"],
        ["node server.js | tee log", "|"],
        ["node server.js > /tmp/log", ">"],
        ["node server.js < input", "<"],
        ["node server.js &", "&"],
    ]) {
        it(`refuses "${operator}" in command and suggests sh -c`, async () => {
            const error = await refused("abaci-app", exampleArgs({ command }));
            problemAt(error, "args.command", new RegExp(`shell operator "${operator.replace(/[|]/g, "\\|")}"`), new RegExp(`sh -c '${command.replace(/[|.]/g, "\\$&")}'`));
        });
    }

    it("refuses an operator in migrate too", async () => {
        const error = await refused("abaci-app", exampleArgs({ migrate: "npm run build && node dist/db/migrate.js" }));
        problemAt(error, "args.migrate", /only "npm run build" would run/, /sh -c/);
    });

    it("accepts the suggested sh -c form", async () => {
        const c = await construct("shell-app", exampleArgs({ namespace: "shell-app", command: "sh -c 'node migrate.js && exec node server.js'" }));
        assert.equal(c.resources.length, 7);
    });

    it("refuses $VAR in a command that runs without a shell", async () => {
        const error = await refused("abaci-app", exampleArgs({ command: "node server.js --port $PORT" }));
        problemAt(error, "args.command", /literally/, /sh -c 'node server\.js --port \$PORT'/);
    });

    it("refuses unbalanced quotes", async () => {
        const error = await refused("abaci-app", exampleArgs({ command: "node 'server.js" }));
        problemAt(error, "args.command", /unterminated quote/);
    });

    it("refuses LITEFS_CLOUD_TOKEN and the variables pulumi-litefs sets", async () => {
        const error = await refused("abaci-app", exampleArgs({ env: { LITEFS_CLOUD_TOKEN: "x", POD_NAME: "x", LITEFS_CANDIDATE: "true" } }));
        problemAt(error, "args.env.LITEFS_CLOUD_TOKEN", /retired/);
        problemAt(error, "args.env.POD_NAME", /downward API/);
        problemAt(error, "args.env.LITEFS_CANDIDATE", /exported by the start-up script/);
    });

    it("refuses primary-redirect-url from a JS caller: it never existed", async () => {
        const error = await refused("abaci-app", { ...exampleArgs(), proxy: { primaryRedirectUrl: "http://x" } });
        problemAt(error, "args.proxy.primaryRedirectUrl", /not a LiteFS 0\.5 key/);
    });

    it("refuses LiteFS keys pulumi-litefs manages, naming the argument to use", async () => {
        const error = await refused("abaci-app", { ...exampleArgs(), litefs: { lease: { candidate: true, hostname: "x" }, exec: "x" } });
        problemAt(error, "args.litefs.lease.candidate", /managed by pulumi-litefs: it is computed per pod/);
        problemAt(error, "args.litefs.lease.hostname", /pod-0's name/);
        problemAt(error, "args.litefs.exec", /`command` and `migrate`/);
    });

    it("refuses a quoted boolean and a bare-number duration in LiteFS options", async () => {
        const error = await refused("abaci-app", { ...exampleArgs(), litefs: { exitOnError: "false", data: { retention: 600 } } });
        problemAt(error, "args.litefs.exitOnError", /quoted boolean/, /unquoted/);
        problemAt(error, "args.litefs.data.retention", /bare number 600/, /"600s"/);
    });

    it("refuses a misspelt argument, suggesting the right one", async () => {
        const error = await refused("abaci-app", { ...exampleArgs(), replica: 3 });
        problemAt(error, "args.replica", /not a known argument/, /"replicas"/);
    });
});

describe("bad input refused before anything is created", () => {
    const cases: [string, string, unknown, string, RegExp][] = [
        ["an instance name with capitals", "Abaci_App", exampleArgs(), "name", /DNS label/],
        ["an instance name starting with a digit", "1app", exampleArgs(), "name", /starting with a letter/],
        ["an instance name too long for pod labels", `a${"b".repeat(52)}`, exampleArgs(), "name", /at most 52/],
        ["a namespace that is not a DNS label", "abaci-app", exampleArgs({ namespace: "Abaci" }), "args.namespace", /DNS label/],
        ["zero replicas", "abaci-app", exampleArgs({ replicas: 0 }), "args.replicas", /at least 1/],
        ["fractional replicas", "abaci-app", exampleArgs({ replicas: 1.5 }), "args.replicas", /whole number/],
        ["port 0", "abaci-app", exampleArgs({ port: 0 }), "args.port", /1 to 65535/],
        ["port 70000", "abaci-app", exampleArgs({ port: 70000 }), "args.port", /1 to 65535/],
        ["a missing port", "abaci-app", { ...exampleArgs(), port: undefined }, "args.port", /port number/],
        ["the app port on the LiteFS API port", "abaci-app", exampleArgs({ port: 20202 }), "args.apiPort", /same port as args.port/],
        ["the proxy on the app port", "abaci-app", exampleArgs({ proxy: { port: 3000 } }), "args.proxy.port", /same port as args.port/],
        ["a missing image", "abaci-app", { ...exampleArgs(), image: undefined }, "args.image", /required/],
        ["a missing command", "abaci-app", { ...exampleArgs(), command: undefined }, "args.command", /non-empty/],
        ["a database path", "abaci-app", exampleArgs({ database: "db/sqlite.db" }), "args.database", /plain file name/],
        ["a storage size without a unit format", "abaci-app", exampleArgs({ storage: { size: "5 GB" } }), "args.storage.size", /quantity/],
        ["a numeric env value", "abaci-app", { ...exampleArgs(), env: { PORT: 3000 } }, "args.env.PORT", /must be a string/],
        ["fuse.dir equal to data.dir", "abaci-app", exampleArgs({ litefs: { fuse: { dir: "/var/lib/litefs" } } }), "args.litefs.fuse.dir", /separate directories/],
        ["a relative data dir", "abaci-app", exampleArgs({ litefs: { data: { dir: "data" } } }), "args.litefs.data.dir", /absolute/],
        ["a label overriding the selector", "abaci-app", exampleArgs({ labels: { "app.kubernetes.io/instance": "x" } }), "args.labels.app.kubernetes.io/instance", /selector/],
        ["an unknown pull policy", "abaci-app", exampleArgs({ imagePullPolicy: "Sometimes" }), "args.imagePullPolicy", /IfNotPresent/],
        ["a log format LiteFS refuses", "abaci-app", exampleArgs({ litefs: { log: { format: "xml" } } }), "args.litefs.log.format", /"text", "json"/],
    ];
    for (const [what, name, args, path, message] of cases) {
        it(`refuses ${what}`, async () => {
            problemAt(await refused(name, args), path, message);
        });
    }

    it("refuses a pod DNS name longer than 253 characters", async () => {
        const error = await refused(`a${"b".repeat(50)}`, exampleArgs({ namespace: "n".repeat(63), clusterDomain: `${"c".repeat(60)}.${"d".repeat(60)}` }));
        problemAt(error, "args.namespace", /at most 253/);
    });

    it("reports every problem at once, one line each", async () => {
        const error = await refused("abaci-app", exampleArgs({ replicas: 0, port: 0, env: { HOSTNAME: "x" } }));
        assert.equal(error.problems.length, 3);
        assert.match(error.message, /LiteFsApp "abaci-app" has 3 invalid arguments; nothing was created:\n {2}- /);
    });

    it("is a RunError, so pulumi prints it without a stack trace", async () => {
        const error = await refused("abaci-app", exampleArgs({ replicas: 0 }));
        const pulumi = await import("@pulumi/pulumi");
        assert.ok(pulumi.RunError.isInstance(error));
    });
});

describe("image pinning", () => {
    let warnings: string[];
    let original: typeof console.warn;
    beforeEach(() => {
        warnings = [];
        original = console.warn;
        // Without an engine (as under mocks), pulumi.log.warn writes to console.warn.
        console.warn = (...args: unknown[]) => warnings.push(args.join(" "));
    });
    afterEach(() => {
        console.warn = original;
    });

    it("warns when the image is a mutable tag", async () => {
        await construct("tagged", exampleArgs({ namespace: "tagged", image: "ghcr.io/org/app:latest" }));
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /"ghcr\.io\/org\/app:latest" is not pinned by digest/);
        assert.match(warnings[0], /pulumi up` does nothing/);
    });

    it("warns when an Output image resolves to a mutable tag", async () => {
        const pulumi = await import("@pulumi/pulumi");
        await construct("tagged-output", exampleArgs({ namespace: "tagged-output", image: pulumi.output("ghcr.io/org/app:v1") }));
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /"ghcr\.io\/org\/app:v1" is not pinned by digest/);
    });

    it("does not warn for a digest-pinned image", async () => {
        await construct("pinned", exampleArgs({ namespace: "pinned", image: DIGEST_IMAGE }));
        assert.deepEqual(warnings, []);
    });
});
