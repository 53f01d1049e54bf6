import * as assert from "node:assert/strict";
import { construct, DIGEST_IMAGE, exampleArgs, STATEFULSET } from "./support/app";
import { problemAt, refused } from "./support/refused";

describe("gotchas refused before anything is created", () => {
    it("[env-hostname] refuses HOSTNAME in env, saying why and how to set it for the app only", async () => {
        const error = await refused("abaci-app", exampleArgs({ env: { HOSTNAME: "0.0.0.0" } }));
        problemAt(error, "args.env.HOSTNAME", /pod's own name/, /env HOSTNAME=0\.0\.0\.0 node server\.js/);
    });

    it('[exec-operator] refuses "npm run migrate && node server.js", suggesting migrate: (sh -c would migrate on every replica)', async () => {
        const error = await refused("abaci-app", exampleArgs({ command: "npm run migrate && node server.js", migrate: undefined }));
        problemAt(
            error,
            "args.command",
            /shell operator "&&"/,
            /^move the first step to migrate: migrate: "npm run migrate", command: "node server\.js"\. migrate runs once, on pod-0, before the app; .*read-only/,
        );
        assert.doesNotMatch(error.problems[0].fix, /sh -c '/);
        const again = await refused("abaci-app", exampleArgs({ command: "node dist/db/migrate.js && node server.js" }));
        problemAt(again, "args.command", /"&&"/, /^remove it from command: migrate already runs "node dist\/db\/migrate\.js"/);
    });

    for (const [command, operator] of [
        ["node server.js && node worker.js", "&&"],
        ["node server.js; echo done", ";"],
        ["node server.js | tee log", "|"],
        ["node server.js > /tmp/log", ">"],
        ["node server.js < input", "<"],
        ["node server.js &", "&"],
    ]) {
        it(`[exec-operator] refuses "${operator}" in command and suggests sh -c`, async () => {
            const error = await refused("abaci-app", exampleArgs({ command }));
            problemAt(
                error,
                "args.command",
                new RegExp(`shell operator "${operator.replace(/[|]/g, "\\|")}"`),
                new RegExp(`sh -c '${command.replace(/[|.]/g, "\\$&")}'`),
            );
        });
    }

    it("[exec-operator] refuses an operator in migrate too", async () => {
        const error = await refused("abaci-app", exampleArgs({ migrate: "npm run build && node dist/db/migrate.js" }));
        problemAt(error, "args.migrate", /only "npm run build" would run/, /sh -c/);
    });

    it("accepts the suggested sh -c form", async () => {
        const c = await construct(
            "shell-app",
            exampleArgs({ namespace: "shell-app", command: "sh -c 'node migrate.js && exec node server.js'" }),
        );
        assert.equal(c.one(STATEFULSET).inputs.metadata.name, "shell-app");
    });

    it("[exec-variable] refuses $VAR in a command that runs without a shell", async () => {
        const error = await refused("abaci-app", exampleArgs({ command: "node server.js --port $PORT" }));
        problemAt(error, "args.command", /literally/, /sh -c 'node server\.js --port \$PORT'/);
    });

    it("[env-litefs-cloud-token] refuses LITEFS_CLOUD_TOKEN: LiteFS Cloud is gone", async () => {
        const error = await refused("abaci-app", exampleArgs({ env: { LITEFS_CLOUD_TOKEN: "x" } }));
        problemAt(error, "args.env.LITEFS_CLOUD_TOKEN", /retired/, /remove it/);
    });

    it("[litefs-unknown-key] refuses primary-redirect-url from a JS caller: it never existed", async () => {
        const error = await refused("abaci-app", { ...exampleArgs(), proxy: { primaryRedirectUrl: "http://x" } });
        problemAt(error, "args.proxy.primaryRedirectUrl", /does not exist in any LiteFS version/, /remove it/);
    });

    it("[litefs-managed-key] refuses LiteFS keys pulumi-litefs manages, naming the argument to use", async () => {
        const error = await refused("abaci-app", {
            ...exampleArgs(),
            litefs: { lease: { candidate: true, hostname: "x" }, exec: "x", http: { addr: ":9" } },
        });
        problemAt(error, "args.litefs.lease.candidate", /managed by pulumi-litefs: it is computed per pod/, /remove it/);
        problemAt(error, "args.litefs.lease.hostname", /pod-0's name/, /remove it/);
        problemAt(error, "args.litefs.exec", /`command` and `migrate`/, /remove it/);
        problemAt(error, "args.litefs.http.addr", /set `apiPort` instead/, /remove it/);
    });
});

/**
 * The input rules, one or more cases per row of the input-rules table (docs/input-rules.md): each test title starts
 * with the row's id in brackets, and a test below checks that the table and these titles match.
 */
describe("input rules: bad input refused before anything is created", () => {
    type Case = [id: string, what: string, name: string, args: unknown, path: string, message: RegExp, fix: RegExp];
    const app = "abaci-app";
    const withLiteFs = (litefs: unknown) => ({ ...exampleArgs(), litefs });
    const cases: Case[] = [
        ["args-object", "arguments that are not an object", app, null, "args", /must be an object/, /image, port, command/],
        [
            "args-unknown",
            "a misspelt argument, suggesting the right one",
            app,
            { ...exampleArgs(), replica: 3 },
            "args.replica",
            /not a known argument/,
            /"replicas"/,
        ],
        [
            "args-unknown",
            "a misspelt nested argument",
            app,
            { ...exampleArgs(), storage: { sise: "5Gi" } },
            "args.storage.sise",
            /not a known argument/,
            /"size"/,
        ],
        ["name-dns-label", "an instance name with capitals", "Abaci_App", exampleArgs(), "name", /DNS label/, /"abaci-app"/],
        ["name-dns-label", "an instance name starting with a digit", "1app", exampleArgs(), "name", /starting with a letter/, /"app"/],
        ["name-length", "an instance name too long for pod labels", `a${"b".repeat(52)}`, exampleArgs(), "name", /at most 52/, /shorter/],
        [
            "namespace-dns-label",
            "a namespace that is not a DNS label",
            app,
            exampleArgs({ namespace: "Abaci" }),
            "args.namespace",
            /DNS label/,
            /"abaci"/,
        ],
        [
            "namespace-dns-label",
            "a namespace longer than 63 characters",
            app,
            exampleArgs({ namespace: "n".repeat(64) }),
            "args.namespace",
            /at most 63/,
            /shorter/,
        ],
        [
            "cluster-domain",
            "a cluster domain with capitals",
            app,
            exampleArgs({ clusterDomain: "Cluster.Local" }),
            "args.clusterDomain",
            /DNS subdomain/,
            /"cluster.local"/,
        ],
        [
            "cluster-domain",
            "a cluster domain label longer than 63 characters",
            app,
            exampleArgs({ clusterDomain: `${"c".repeat(64)}.local` }),
            "args.clusterDomain",
            /at most 63/,
            /shorten/,
        ],
        [
            "pod-dns-name",
            "a pod DNS name longer than 253 characters",
            `a${"b".repeat(50)}`,
            exampleArgs({ namespace: "n".repeat(63), clusterDomain: `${"c".repeat(60)}.${"d".repeat(60)}` }),
            "args.namespace",
            /abbb+-2\.abbb+-headless\.n+\.svc\.c+\.d+ \d+ characters long; DNS names may have at most 253/,
            /shorten the instance name, the namespace or the cluster domain/,
        ],
        [
            "boolean-args",
            "createNamespace as a string",
            app,
            { ...exampleArgs(), createNamespace: "yes" },
            "args.createNamespace",
            /true or false/,
            /unquoted/,
        ],
        [
            "boolean-args",
            "networkPolicy as a string",
            app,
            { ...exampleArgs(), networkPolicy: "false" },
            "args.networkPolicy",
            /true or false/,
            /unquoted/,
        ],
        ["replicas", "zero replicas", app, exampleArgs({ replicas: 0 }), "args.replicas", /at least 1/, /e\.g\. 2/],
        ["replicas", "fractional replicas", app, exampleArgs({ replicas: 1.5 }), "args.replicas", /whole number/, /e\.g\. 2/],
        ["replicas", "replicas as a YAML string", app, { ...exampleArgs(), replicas: "3" }, "args.replicas", /whole number/, /unquoted: 3/],
        [
            "replicas",
            "more replicas than the cap",
            app,
            exampleArgs({ replicas: 5001 }),
            "args.replicas",
            /at most 5000, got 5001/,
            /at most 5000/,
        ],
        ["image-required", "a missing image", app, { ...exampleArgs(), image: undefined }, "args.image", /required/, /@sha256/],
        [
            "image-whitespace",
            "an image with a space",
            app,
            exampleArgs({ image: "ghcr.io/org/app :v1" }),
            "args.image",
            /whitespace/,
            /"ghcr\.io\/org\/app"/,
        ],
        [
            "image-reference",
            "a malformed image reference (uppercase repository, short digest)",
            app,
            exampleArgs({ image: "ghcr.io/Acme/Notes@sha256:abc" }),
            "args.image",
            /not an image reference: .*lowercase/,
            /@sha256:<64 hex digits>/,
        ],
        ["port-range", "port 0", app, exampleArgs({ port: 0 }), "args.port", /1 to 65535/, /3000/],
        ["port-range", "port 70000", app, exampleArgs({ port: 70000 }), "args.port", /1 to 65535/, /3000/],
        ["port-range", "a missing port", app, { ...exampleArgs(), port: undefined }, "args.port", /port number/, /3000/],
        ["port-range", "a quoted port", app, { ...exampleArgs(), port: "3000" }, "args.port", /port number/, /unquoted: 3000/],
        ["port-range", "an API port out of range", app, exampleArgs({ apiPort: 65536 }), "args.apiPort", /1 to 65535/, /^e\.g\. 20202\.$/],
        [
            "port-clash",
            "the app port on the LiteFS API port",
            app,
            exampleArgs({ port: 20202 }),
            "args.port",
            /^is 20202, which is LiteFS's API port \(apiPort\) by default \(you did not set it\)/,
            /another port for args\.port, e\.g\. 3000, or set apiPort to another port/,
        ],
        [
            "port-clash",
            "the proxy on the app port",
            app,
            exampleArgs({ proxy: { port: 3000 } }),
            "args.proxy.port",
            /same port as args\.port/,
            /another port/,
        ],
        [
            "port-clash",
            "the proxy on the LiteFS API port",
            app,
            exampleArgs({ proxy: { port: 20202 } }),
            "args.proxy.port",
            /LiteFS's API port \(apiPort\) by default \(you did not set it\)/,
            /another port/,
        ],
        [
            "exec-required",
            "a missing command",
            app,
            { ...exampleArgs(), command: undefined },
            "args.command",
            /non-empty/,
            /node server\.js/,
        ],
        ["exec-required", "a blank migrate", app, exampleArgs({ migrate: "  " }), "args.migrate", /non-empty/, /node server\.js/],
        [
            "exec-quoting",
            "unbalanced quotes",
            app,
            exampleArgs({ command: "node 'server.js" }),
            "args.command",
            /unterminated quote/,
            /quoting/,
        ],
        [
            "exec-quoting",
            "an unquoted parenthesis",
            app,
            exampleArgs({ command: "node server.js (x)" }),
            "args.command",
            /unquoted "\("/,
            /quoting/,
        ],
        [
            "database-name",
            "a database path",
            app,
            exampleArgs({ database: "db/sqlite.db" }),
            "args.database",
            /plain file name/,
            /"sqlite\.db"/,
        ],
        [
            "database-suffix",
            "a database named like a LiteFS side file",
            app,
            exampleArgs({ database: "app-wal" }),
            "args.database",
            /suffix/,
            /"sqlite\.db"/,
        ],
        [
            "storage-size",
            "a storage size with a space",
            app,
            exampleArgs({ storage: { size: "5 GB" } }),
            "args.storage.size",
            /quantity, a number with a binary suffix \(Ki, Mi, Gi, Ti\)/,
            /"5Gi"/,
        ],
        [
            "storage-size",
            "a storage size as a number",
            app,
            { ...exampleArgs(), storage: { size: 5 } },
            "args.storage.size",
            /quantity/,
            /"5Gi"/,
        ],
        [
            "storage-size-positive",
            "a storage size of zero",
            app,
            exampleArgs({ storage: { size: "0Gi" } }),
            "args.storage.size",
            /greater than zero/,
            /"5Gi"/,
        ],
        [
            "storage-size-positive",
            'a storage size "5" (a number without a unit counts bytes)',
            app,
            exampleArgs({ storage: { size: "5" } }),
            "args.storage.size",
            /a number without a unit counts bytes, so this asks for a 5-byte volume/,
            /"5Gi"/,
        ],
        [
            "storage-size-positive",
            "a storage size under 1Mi",
            app,
            exampleArgs({ storage: { size: "500Ki" } }),
            "args.storage.size",
            /less than 1Mi/,
            /"5Gi"/,
        ],
        [
            "storage-class",
            "a storage class that is not a DNS subdomain",
            app,
            exampleArgs({ storage: { storageClassName: "Local_Path" } }),
            "args.storage.storageClassName",
            /DNS subdomain/,
            /"local-path"/,
        ],
        [
            "env-name",
            "an env name starting with a digit",
            app,
            exampleArgs({ env: { "1PORT": "x" } }),
            "args.env.1PORT",
            /not a valid environment variable name/,
            /"_1PORT"/,
        ],
        [
            "env-name",
            "an env name with a space",
            app,
            exampleArgs({ env: { "MY VAR": "x" } }),
            "args.env.MY VAR",
            /not a valid environment variable name/,
            /"MY_VAR"/,
        ],
        [
            "env-reserved",
            "the variables pulumi-litefs sets",
            app,
            exampleArgs({ env: { POD_NAME: "x" } }),
            "args.env.POD_NAME",
            /downward API/,
            /remove it/,
        ],
        [
            "env-reserved",
            "LITEFS_CANDIDATE",
            app,
            exampleArgs({ env: { LITEFS_CANDIDATE: "true" } }),
            "args.env.LITEFS_CANDIDATE",
            /exported by the start-up script/,
            /read it in the app/,
        ],
        [
            "env-reserved",
            "LITEFS_CONFIG_DIR in secretEnv",
            app,
            exampleArgs({ secretEnv: { LITEFS_CONFIG_DIR: { secretName: "s", key: "k" } } }),
            "args.secretEnv.LITEFS_CONFIG_DIR",
            /where the start-up script writes/,
            /remove it/,
        ],
        ["env-value", "a numeric env value", app, { ...exampleArgs(), env: { PORT: 3000 } }, "args.env.PORT", /must be a string/, /"3000"/],
        ["env-value", "a null env value", app, { ...exampleArgs(), env: { PORT: null } }, "args.env.PORT", /no value/, /remove it/],
        ["env-value", "env as a list", app, { ...exampleArgs(), env: ["A=1"] }, "args.env", /map of variable names/, /NODE_ENV/],
        [
            "env-duplicate",
            "a variable in both env and secretEnv",
            app,
            exampleArgs({ env: { API_KEY: "x" }, secretEnv: { API_KEY: { secretName: "app-keys", key: "api" } } }),
            "args.secretEnv.API_KEY",
            /also set in args\.env\.API_KEY/,
            /keep one of args\.env\.API_KEY and args\.secretEnv\.API_KEY/,
        ],
        [
            "secret-env-ref",
            "a Secret name that is not a DNS subdomain",
            app,
            exampleArgs({ secretEnv: { API_KEY: { secretName: "App_Keys", key: "api" } } }),
            "args.secretEnv.API_KEY.secretName",
            /DNS subdomain/,
            /"app-keys"/,
        ],
        [
            "secret-env-ref",
            "a Secret key with a space",
            app,
            exampleArgs({ secretEnv: { API_KEY: { secretName: "app-keys", key: "api key" } } }),
            "args.secretEnv.API_KEY.key",
            /Secret key/,
            /kubectl get secret/,
        ],
        [
            "secret-env-ref",
            "a Secret reference given as a string",
            app,
            { ...exampleArgs(), secretEnv: { API_KEY: "app-keys/api" } },
            "args.secretEnv.API_KEY",
            /Secret reference/,
            /secretName/,
        ],
        [
            "secret-env-ref",
            "a misspelt Secret reference key",
            app,
            { ...exampleArgs(), secretEnv: { API_KEY: { name: "app-keys", key: "api" } } },
            "args.secretEnv.API_KEY.name",
            /not a known argument/,
            /known here: secretName, key, optional/,
        ],
        [
            "litefs-unknown-key",
            "an unknown LiteFS option from a JS caller",
            app,
            withLiteFs({ data: { retentionn: "10m" } }),
            "args.litefs.data.retentionn",
            /not a LiteFS 0\.5 key/,
            /"retention"/,
        ],
        [
            "litefs-unknown-key",
            "an unknown top-level LiteFS key from YAML",
            app,
            withLiteFs({ "skip-sync": true }),
            "args.litefs.skip-sync",
            /not a LiteFS 0\.5 key/,
            /"skipSync"/,
        ],
        [
            "litefs-duration",
            "a bare-number duration",
            app,
            withLiteFs({ data: { retention: 600 } }),
            "args.litefs.data.retention",
            /bare number 600/,
            /"600s"/,
        ],
        [
            "litefs-duration",
            "a duration with a space",
            app,
            exampleArgs({ proxy: { maxLag: "10 s" } }),
            "args.proxy.maxLag",
            /Go duration/,
            /"10s"/,
        ],
        [
            "litefs-duration",
            "a duration in days",
            app,
            withLiteFs({ http: { snapshotTimeout: "1d" } }),
            "args.litefs.http.snapshotTimeout",
            /Go duration/,
            /no spaces or days/,
        ],
        [
            "litefs-value-type",
            "a quoted boolean",
            app,
            withLiteFs({ exitOnError: "false" }),
            "args.litefs.exitOnError",
            /quoted boolean/,
            /unquoted/,
        ],
        [
            "litefs-value-type",
            "a log format LiteFS refuses",
            app,
            withLiteFs({ log: { format: "xml" } }),
            "args.litefs.log.format",
            /"text", "json"/,
            /use one of/,
        ],
        [
            "litefs-value-type",
            "a quoted integer",
            app,
            withLiteFs({ tracing: { maxSize: "64" } }),
            "args.litefs.tracing.maxSize",
            /integer/,
            /unquoted: 64/,
        ],
        [
            "litefs-value-type",
            "a passthrough that is not a list",
            app,
            exampleArgs({ proxy: { passthrough: "*.png" as never } }),
            "args.proxy.passthrough",
            /list of strings/,
            /\[/,
        ],
        [
            "dir-absolute",
            "a relative data dir",
            app,
            withLiteFs({ data: { dir: "data" } }),
            "args.litefs.data.dir",
            /absolute/,
            /"\/var\/lib\/litefs"/,
        ],
        [
            "dir-absolute",
            "a fuse dir with ..",
            app,
            withLiteFs({ fuse: { dir: "/litefs/../x" } }),
            "args.litefs.fuse.dir",
            /without "\." or "\.\." parts/,
            /"\/litefs"/,
        ],
        [
            "fuse-dir-data-dir",
            "fuse.dir equal to data.dir",
            app,
            withLiteFs({ fuse: { dir: "/var/lib/litefs" } }),
            "args.litefs.fuse.dir",
            /separate directories/,
            /keep the defaults/,
        ],
        [
            "fuse-dir-data-dir",
            "fuse.dir equal to data.dir but for a trailing slash",
            app,
            withLiteFs({ fuse: { dir: "/data/" }, data: { dir: "/data" } }),
            "args.litefs.fuse.dir",
            /separate directories/,
            /keep the defaults/,
        ],
        [
            "fuse-dir-data-dir",
            "data.dir inside fuse.dir",
            app,
            withLiteFs({ data: { dir: "/litefs/data" } }),
            "args.litefs.fuse.dir",
            /neither inside the other/,
            /keep the defaults/,
        ],
        [
            "dir-config-overlap",
            "a data dir over the litefs.yml directory",
            app,
            withLiteFs({ data: { dir: "/etc/litefs" } }),
            "args.litefs.data.dir",
            /overlaps \/etc\/litefs/,
            /another directory/,
        ],
        [
            "dir-system",
            "a data dir mounted over /usr",
            app,
            withLiteFs({ data: { dir: "/usr" } }),
            "args.litefs.data.dir",
            /hides the image's own \/usr/,
            /"\/var\/lib\/litefs"/,
        ],
        [
            "dir-system",
            "a fuse dir mounted over /dev",
            app,
            withLiteFs({ fuse: { dir: "/dev" } }),
            "args.litefs.fuse.dir",
            /hides the image's own \/dev/,
            /"\/litefs"/,
        ],
        [
            "labels",
            "an invalid label value",
            app,
            exampleArgs({ labels: { team: "web team" } }),
            "args.labels.team",
            /invalid label value/,
            /annotation/,
        ],
        [
            "labels",
            "an invalid label name",
            app,
            exampleArgs({ labels: { "-team": "web" } }),
            "args.labels.-team",
            /not a valid Kubernetes label name/,
            /example\.com\/team/,
        ],
        [
            "labels-selector",
            "a label overriding the selector",
            app,
            exampleArgs({ labels: { "app.kubernetes.io/instance": "x" } }),
            "args.labels.app.kubernetes.io/instance",
            /selector/,
            /another label name/,
        ],
        [
            "pod-annotations",
            "a numeric annotation",
            app,
            { ...exampleArgs(), podAnnotations: { "example.com/rev": 3 } },
            "args.podAnnotations.example.com/rev",
            /must be a string/,
            /"3"/,
        ],
        [
            "resources",
            "a CPU request that is not a quantity",
            app,
            exampleArgs({ resources: { requests: { cpu: "half" } } }),
            "args.resources.requests.cpu",
            /quantity, a number of CPUs \("0\.5", "2"\) or millicores with the suffix m \("500m"\)/,
            /"500m"/,
        ],
        [
            "resources",
            "a memory limit as a number",
            app,
            { ...exampleArgs(), resources: { limits: { memory: 512 } } },
            "args.resources.limits.memory",
            /quantity/,
            /"512Mi"/,
        ],
        [
            "image-pull-policy",
            "an unknown pull policy",
            app,
            exampleArgs({ imagePullPolicy: "Sometimes" as never }),
            "args.imagePullPolicy",
            /IfNotPresent/,
            /exact case/,
        ],
        [
            "image-pull-secrets",
            "a pull secret that is not a DNS subdomain",
            app,
            exampleArgs({ imagePullSecrets: ["GHCR"] }),
            "args.imagePullSecrets[0]",
            /DNS subdomain/,
            /"ghcr"/,
        ],
        [
            "data-protection",
            "an unknown data protection",
            app,
            exampleArgs({ dataProtection: "keep" as never }),
            "args.dataProtection",
            /"retain", "protect" or "none"/,
            /exact case/,
        ],
        [
            "service-account-name",
            "a service account name with a space",
            app,
            exampleArgs({ serviceAccountName: "app sa" }),
            "args.serviceAccountName",
            /DNS subdomain/,
            /"app-sa"/,
        ],
        [
            "fuse-mode",
            "an unknown FUSE mode",
            app,
            exampleArgs({ fuseAccess: { mode: "device-plugin" as never } }),
            "args.fuseAccess.mode",
            /"privileged" or "devicePlugin"/,
            /exact case/,
        ],
        [
            "fuse-device-resource",
            "a device resource without a domain",
            app,
            exampleArgs({ fuseAccess: { mode: "devicePlugin", deviceResource: "fuse" } }),
            "args.fuseAccess.deviceResource",
            /extended resource name/,
            /"smarter-devices\/fuse"/,
        ],
        [
            "fuse-device-resource",
            "a device resource in privileged mode",
            app,
            exampleArgs({ fuseAccess: { deviceResource: "squat.ai/fuse" } }),
            "args.fuseAccess.deviceResource",
            /only applies with fuseAccess\.mode "devicePlugin"/,
            /mode: "devicePlugin"/,
        ],
        [
            "fuse-device-resource",
            "an AppArmor setting in privileged mode",
            app,
            exampleArgs({ fuseAccess: { mode: "privileged", appArmorUnconfined: false } }),
            "args.fuseAccess.appArmorUnconfined",
            /only applies/,
            /remove it/,
        ],
    ];
    for (const [id, what, name, args, path, message, fix] of cases) {
        it(`[${id}] refuses ${what}`, async () => {
            problemAt(await refused(name, args), path, message, fix, id);
        });
    }

    it("mounts the data claim at data.dir itself, so LiteFS's data is on the volume by construction (not a rule: docs/input-rules.md)", async () => {
        const c = await construct("on-volume", exampleArgs({ namespace: "on-volume", litefs: { data: { dir: "/data/litefs/" } } }));
        const sts = c.one(STATEFULSET).inputs;
        const mounts: { name: string; mountPath: string }[] = sts.spec.template.spec.containers[0].volumeMounts;
        assert.deepEqual(
            mounts.find((m) => m.mountPath === "/data/litefs"),
            { name: "litefs-data", mountPath: "/data/litefs" },
        );
        assert.deepEqual(
            sts.spec.volumeClaimTemplates.map((t: { metadata: { name: string } }) => t.metadata.name),
            ["litefs-data"],
        );
        assert.ok(
            !mounts.some(
                (m) =>
                    m.name !== "litefs-data" && (m.mountPath.startsWith("/data/litefs/") || "/data/litefs".startsWith(`${m.mountPath}/`)),
            ),
        );
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
