import * as assert from "node:assert/strict";
import { LITEFS_CONFIG_DIR } from "../../sdk/litefs/facts";
import { APP_CONTAINER_NAME, DATA_VOLUME, selectorLabels } from "../../sdk/naming";
import { planApp } from "../../sdk/plan";
import { DEFAULTS } from "../../sdk/plan/defaults";
import { planPodExtensions } from "../../sdk/plan/pod-extensions";
import { planServices } from "../../sdk/plan/services";
import type { LiteFsAppArgs } from "../../sdk/args";
import { exampleArgs } from "../support/app";
import { args, ctx, rulesOf, run } from "./support";

describe("plan/services: the read and write Services' exposure", () => {
    it("defaults both Services", () => {
        assert.deepEqual(run(planServices, args()), {
            value: {
                services: {
                    read: { type: DEFAULTS["services.read.type"], annotations: {}, labels: {} },
                    primary: { type: DEFAULTS["services.primary.type"], annotations: {}, labels: {} },
                },
            },
            problems: [],
        });
    });

    it("keeps every option given, each Service its own", () => {
        const read = {
            type: "LoadBalancer",
            annotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" },
            labels: { tier: "read" },
        } as const;
        const primary = { type: "NodePort", annotations: { note: "writes" }, labels: { tier: "write" } } as const;
        assert.deepEqual(run(planServices, args({ services: { read, primary } })), {
            value: { services: { read, primary } },
            problems: [],
        });
    });

    it("[services] refuses a bad type, annotations, labels and the app's own labels", () => {
        const rules = (services: LiteFsAppArgs["services"]) => rulesOf(run(planServices, args({ services })));
        assert.deepEqual(rules({ read: { type: "External" as never } }), ["services"]);
        assert.deepEqual(rules({ primary: { annotations: { note: 1 as never } } }), ["services"]);
        assert.deepEqual(rules({ read: { labels: { "bad key!": "x" } } }), ["services"]);
        const [own] = Object.keys(selectorLabels(ctx.name));
        assert.deepEqual(rules({ primary: { labels: { [own]: ctx.name } } }), ["services"]);
    });
});

describe("plan/pod-extensions: sidecars, init containers, volumes, mounts and envFrom", () => {
    it("is empty for minimal input", () => {
        assert.deepEqual(run(planPodExtensions, args()), {
            value: { sidecars: [], initContainers: [], volumes: [], volumeMounts: [], envFrom: [] },
            problems: [],
        });
    });

    it("keeps every spec given", () => {
        const given = {
            volumes: [
                { name: "config", configMap: { name: "app-config" } },
                { name: "uploads", emptyDir: {} },
            ],
            sidecars: [
                { name: "log-shipper", image: "docker.io/fluent/fluent-bit:3.1.9", volumeMounts: [{ name: "uploads", mountPath: "/u" }] },
            ],
            initContainers: [
                { name: "fetch-config", image: "docker.io/curlimages/curl:8.11.1", securityContext: { allowPrivilegeEscalation: false } },
            ],
            volumeMounts: [
                { name: "config", mountPath: "/config" },
                { name: "uploads", mountPath: "/app/uploads/" },
            ],
            envFrom: [{ configMapRef: { name: "app-config" } }, { secretRef: { name: "app-env", optional: true }, prefix: "APP_" }],
        };
        assert.deepEqual(run(planPodExtensions, args(given)), { value: given, problems: [] });
    });

    it("[volumes] [containers] [containers-elevated] [volume-mounts] [env-from] refuse each mistake by its rule", () => {
        const rules = (overrides: Parameters<typeof args>[0]) => rulesOf(run(planPodExtensions, args(overrides)));
        const image = "docker.io/fluent/fluent-bit:3.1.9";
        const volumes = [{ name: "config", configMap: { name: "app-config" } }];

        assert.deepEqual(rules({ volumes: {} as never }), ["volumes"]);
        assert.deepEqual(rules({ volumes: ["config" as never] }), ["volumes"]);
        assert.deepEqual(rules({ volumes: [{ name: "Config", emptyDir: {} }] }), ["volumes"]);
        assert.deepEqual(rules({ volumes: [{ name: DATA_VOLUME, emptyDir: {} }] }), ["volumes"]);
        assert.deepEqual(rules({ volumes: [...volumes, ...volumes] }), ["volumes"]);
        assert.deepEqual(rules({ volumes: [{ name: "config" }] }), ["volumes"]);
        assert.deepEqual(rules({ volumes: [{ name: "config", emptyDir: {}, secret: { secretName: "s" } }] }), ["volumes"]);

        assert.deepEqual(rules({ sidecars: "fluent-bit" as never }), ["containers"]);
        assert.deepEqual(rules({ initContainers: [null as never] }), ["containers"]);
        assert.deepEqual(rules({ sidecars: [{ name: "Shipper", image }] }), ["containers"]);
        assert.deepEqual(rules({ sidecars: [{ name: APP_CONTAINER_NAME, image }] }), ["containers"]);
        assert.deepEqual(rules({ sidecars: [{ name: "a", image }], initContainers: [{ name: "a", image }] }), ["containers"]);
        assert.deepEqual(rules({ sidecars: [{ name: "a" }] }), ["containers"]);
        assert.deepEqual(rules({ initContainers: [{ name: "a", image: "Not An Image" }] }), ["containers"]);

        const elevated = (securityContext: unknown) => rules({ sidecars: [{ name: "a", image, securityContext }] });
        assert.deepEqual(elevated({ privileged: true }), ["containers-elevated"]);
        assert.deepEqual(elevated({ capabilities: { add: ["SYS_ADMIN"] } }), ["containers-elevated"]);
        assert.deepEqual(elevated({ allowPrivilegeEscalation: true }), ["containers-elevated"]);
        assert.deepEqual(elevated({ appArmorProfile: { type: "Unconfined" } }), ["containers-elevated"]);
        assert.deepEqual(elevated({ capabilities: { add: [], drop: ["ALL"] }, appArmorProfile: { type: "RuntimeDefault" } }), []);

        assert.deepEqual(rules({ volumeMounts: {} as never }), ["volume-mounts"]);
        assert.deepEqual(rules({ sidecars: [{ name: "a", image, volumeMounts: {} }] }), ["volume-mounts"]);
        assert.deepEqual(rules({ sidecars: [{ name: "a", image, volumeMounts: [{ name: DATA_VOLUME, mountPath: "/d" }] }] }), [
            "volume-mounts",
        ]);
        assert.deepEqual(rules({ sidecars: [{ name: "a", image, volumeMounts: [{ name: "nowhere", mountPath: "/d" }] }] }), [
            "volume-mounts",
        ]);
        assert.deepEqual(rules({ volumeMounts: [{ name: "nowhere", mountPath: "/config" }] }), ["volume-mounts"]);
        assert.deepEqual(rules({ volumeMounts: [{ name: DATA_VOLUME, mountPath: "/config" }] }), ["volume-mounts"]);
        const mount = (mountPath: string) => rules({ volumes, volumeMounts: [{ name: "config", mountPath }] });
        assert.deepEqual(mount("config"), ["volume-mounts"]);
        assert.deepEqual(mount(`${DEFAULTS["litefs.data.dir"]}/x`), ["volume-mounts"]);
        assert.deepEqual(mount(DEFAULTS["litefs.fuse.dir"]), ["volume-mounts"]);
        assert.deepEqual(mount(LITEFS_CONFIG_DIR), ["volume-mounts"]);
        assert.deepEqual(mount("/"), ["volume-mounts"]);
        assert.deepEqual(mount("/var/lib"), ["volume-mounts"]);
        assert.deepEqual(mount("/var/lib/litefs-backups"), []);
        assert.deepEqual(rules({ volumes, litefs: { data: { dir: "/data" } }, volumeMounts: [{ name: "config", mountPath: "/data/" }] }), [
            "volume-mounts",
        ]);
        assert.deepEqual(
            rules({
                volumes,
                volumeMounts: [
                    { name: "config", mountPath: "/c" },
                    { name: "config", mountPath: "/c/" },
                ],
            }),
            ["volume-mounts"],
        );

        assert.deepEqual(rules({ envFrom: "app-env" as never }), ["env-from"]);
        assert.deepEqual(rules({ envFrom: [{}] }), ["env-from"]);
        assert.deepEqual(rules({ envFrom: [{ configMapRef: { name: "a" }, secretRef: { name: "b" } }] }), ["env-from"]);
        assert.deepEqual(rules({ envFrom: [{ configMapRef: { name: "a" }, name: "x" }] }), ["env-from"]);
        assert.deepEqual(rules({ envFrom: [{ secretRef: "app-env" }] }), ["env-from"]);
        assert.deepEqual(rules({ envFrom: [{ secretRef: { name: "App_Env" } }] }), ["env-from"]);
        assert.deepEqual(rules({ envFrom: [{ secretRef: { name: "a", optional: "yes" } }] }), ["env-from"]);
        assert.deepEqual(rules({ envFrom: [{ secretRef: { name: "a" }, prefix: "1-BAD" }] }), ["env-from"]);
        assert.deepEqual(rules({ envFrom: [{ secretRef: { name: "a" }, prefix: 7 }] }), ["env-from"]);
    });
});

describe("plan: warnings for sidecar and init container images that follow latest", () => {
    const warningsOf = (overrides: Partial<LiteFsAppArgs>) => {
        const result = planApp("abaci-app", exampleArgs(overrides));
        assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
        return result.warnings;
    };

    it("warns for an image without a tag or with latest, naming the entry and how to pin it", () => {
        const warnings = warningsOf({
            sidecars: [
                { name: "shipper", image: "docker.io/fluent/fluent-bit" },
                { name: "pinned", image: "docker.io/fluent/fluent-bit:3.1.9" },
            ],
            initContainers: [{ name: "wait", image: "busybox:latest" }],
        });
        assert.equal(warnings.length, 2);
        assert.match(warnings[0], /^sidecars\[0\]\.image "docker\.io\/fluent\/fluent-bit" has no tag, so it follows "latest"/);
        assert.match(warnings[0], /"docker\.io\/fluent\/fluent-bit:<version>" or "docker\.io\/fluent\/fluent-bit@sha256:<digest>"/);
        assert.match(warnings[1], /^initContainers\[0\]\.image "busybox:latest" is "latest": .*without a change Pulumi can see/);
    });

    it("does not warn for a version tag or a digest", () => {
        assert.deepEqual(
            warningsOf({
                sidecars: [{ name: "shipper", image: "docker.io/fluent/fluent-bit:3.1.9" }],
                initContainers: [{ name: "wait", image: `busybox@sha256:${"b".repeat(64)}` }],
            }),
            [],
        );
    });
});
