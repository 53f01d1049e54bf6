import * as assert from "node:assert/strict";
import type { LiteFsOptions, ProxyArgs } from "../../sdk";
import { splitCommand } from "../../sdk/litefs/exec";
import { camelToKebab, litefsOptionsToConfig, proxyArgsToConfig } from "../../sdk/litefs/options";
import { checkLiteFsConfig, specAt } from "../../sdk/litefs/schema";

type DeepRequired<T> = {
    [K in keyof T]-?: NonNullable<T[K]> extends object
        ? NonNullable<T[K]> extends unknown[]
            ? NonNullable<T[K]>
            : DeepRequired<NonNullable<T[K]>>
        : NonNullable<T[K]>;
};

/** Every option set, so the compiler fails this file when an option is added without being listed here. */
const EVERY_OPTION: DeepRequired<LiteFsOptions> = {
    exitOnError: true,
    skipSync: false,
    strictVerify: false,
    data: { dir: "/var/lib/litefs", compress: true, retention: "10m", retentionMonitorInterval: "1m" },
    fuse: { dir: "/litefs", allowOther: false, debug: false },
    http: { snapshotTimeout: "1m" },
    lease: { reconnectDelay: "1s" },
    log: { format: "json", timestamp: true, debug: false },
    tracing: { enabled: true, path: "/var/log/litefs/trace.log", maxSize: 64, maxCount: 8, compress: true },
};
const EVERY_PROXY_OPTION: Required<ProxyArgs> = {
    port: 8080,
    maxLag: "10s",
    passthrough: ["*.png"],
    primaryRedirectTimeout: "5s",
    readTimeout: "0s",
    readHeaderTimeout: "10s",
    writeTimeout: "0s",
    idleTimeout: "30s",
    debug: false,
};

function leafPaths(value: object, prefix: string[] = []): string[][] {
    return Object.entries(value).flatMap(([k, v]) =>
        typeof v === "object" && v !== null && !Array.isArray(v) ? leafPaths(v, [...prefix, k]) : [[...prefix, k]],
    );
}

describe("LiteFS config model", () => {
    it("maps every litefs option onto a real LiteFS 0.5 key", () => {
        const { settings: config, problems } = litefsOptionsToConfig(EVERY_OPTION);
        assert.deepEqual(problems, []);
        for (const path of leafPaths(EVERY_OPTION)) assert.ok(specAt(path.map(camelToKebab)), `${path.join(".")} is not a LiteFS key`);
        assert.equal(config.data?.["retention-monitor-interval"], "1m");
        assert.equal(config.tracing?.["max-count"], 8);
    });

    it("maps every proxy option except port onto proxy.*", () => {
        const { settings: config, problems } = proxyArgsToConfig(EVERY_PROXY_OPTION);
        assert.deepEqual(problems, []);
        assert.equal("port" in config, false);
        for (const key of Object.keys(config)) assert.ok(specAt(["proxy", key]), `proxy.${key} is not a LiteFS key`);
        assert.equal(Object.keys(config).length, Object.keys(EVERY_PROXY_OPTION).length - 1);
    });

    const valid = {
        fuse: { dir: "/litefs" },
        data: { dir: "/var/lib/litefs" },
        lease: { type: "static", hostname: "a-0", "advertise-url": "http://a-0.a-headless.n.svc.cluster.local:20202", candidate: true },
        exec: [{ cmd: "node server.js" }],
    };
    const withKey = (path: string, value: unknown) => {
        const copy = structuredClone(valid) as Record<string, any>;
        const keys = path.split(".");
        let node = copy;
        for (const key of keys.slice(0, -1)) node = node[key] ??= {};
        node[keys.at(-1) as string] = value;
        return copy;
    };

    it("accepts a complete static-lease document", () => {
        assert.deepEqual(checkLiteFsConfig(valid), []);
    });

    const refused: [string, unknown, string, RegExp][] = [
        [
            "primary-redirect-url",
            withKey("proxy.primary-redirect-url", "http://x"),
            "proxy.primary-redirect-url",
            /does not exist in any LiteFS version/,
        ],
        ["a misspelt key", withKey("lease.advertise-uri", "http://x"), "lease.advertise-uri", /did you mean "advertise-url"/],
        ["a quoted candidate", withKey("lease.candidate", "true"), "lease.candidate", /quoted boolean/],
        ["an empty candidate", withKey("lease.candidate", ""), "lease.candidate", /quoted boolean/],
        ["an integer duration", withKey("lease.reconnect-delay", 1), "lease.reconnect-delay", /bare number/],
        ["a malformed duration", withKey("data.retention", "10 minutes"), "data.retention", /Go duration/],
        ["an unknown lease type", withKey("lease.type", "k8s"), "lease.type", /"static", "consul"/],
        ["fuse.dir equal to data.dir", withKey("fuse.dir", "/var/lib/litefs/"), "fuse.dir", /must differ from data.dir/],
        ["a proxy without db", withKey("proxy", { target: "localhost:3000", addr: ":8080" }), "proxy.db", /required when proxy.target/],
        ["an exec entry with an unknown key", withKey("exec", [{ cmd: "x", shell: true }]), "exec[0].shell", /not a LiteFS exec key/],
        [
            "a static lease without advertise-url",
            withKey("lease.advertise-url", undefined),
            "lease.advertise-url",
            /required with a static lease/,
        ],
    ];
    for (const [what, config, path, message] of refused) {
        it(`refuses ${what}, as LiteFS would`, () => {
            const problems = checkLiteFsConfig(config);
            const problem = problems.find((p) => p.path === path);
            assert.ok(problem, `no problem at ${path}: ${JSON.stringify(problems)}`);
            assert.match(problem.message + (problem.fix ?? ""), message);
        });
    }
});

describe("exec command splitting (as go-shellwords does for LiteFS)", () => {
    const cases: [string, string[], string?][] = [
        ["node server.js", ["node", "server.js"]],
        ["  node   server.js  ", ["node", "server.js"]],
        [`sh -c 'a && b'`, ["sh", "-c", "a && b"]],
        [`sh -c "a; b"`, ["sh", "-c", "a; b"]],
        [`node "my app.js"`, ["node", "my app.js"]],
        [`echo a\\ b`, ["echo", "a b"]],
        ["a && b", ["a"], "&&"],
        ["a;b", ["a"], ";"],
        ["a 2>err", ["a"], ">"],
        ["a || b", ["a"], "||"],
    ];
    for (const [line, words, operator] of cases) {
        it(`splits ${JSON.stringify(line)}`, () => {
            const split = splitCommand(line);
            assert.deepEqual(split.words, words);
            assert.equal(split.operator, operator);
            assert.equal(split.error, undefined);
        });
    }
    it("refuses unbalanced quotes and bare parentheses", () => {
        assert.match(splitCommand(`node "x`).error ?? "", /unterminated/);
        assert.match(splitCommand("node (x)").error ?? "", /unquoted "\("/);
    });
});
