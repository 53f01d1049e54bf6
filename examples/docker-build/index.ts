// For teams that build the image from Pulumi in CI: @pulumi/docker-build builds and pushes it, and
// LiteFsApp gets `image.ref`, the pushed tag pinned by digest (`<repository>:<tag>@sha256:…`). The pod
// template changes only when the image content does, so a rebuild rolls the pods and a no-op build doesn't.
// Copy this program into your stack (tests construct it under mocks). Log in to the registry first
// (`docker login ghcr.io`, or docker/login-action in CI), then:
//   pulumi config set repository ghcr.io/org/app
//   pulumi config set context ..     # the app's directory, relative to the Pulumi project
//   pulumi up
import * as dockerBuild from "@pulumi/docker-build";
import * as pulumi from "@pulumi/pulumi";
import { LiteFsApp } from "pulumi-litefs";

const config = new pulumi.Config();
/** Where the image is pushed, without a tag, e.g. ghcr.io/org/app. */
const repository = config.require("repository");
/** The app's directory, with its Dockerfile (like examples/github-actions/Dockerfile). Default: ".". */
const context = config.get("context") ?? ".";

const image = new dockerBuild.Image("abaci-app-image", {
    // Without a push, `ref` is a plain tag and `digest` is empty: nothing to pin the pods to.
    push: true,
    tags: [`${repository}:${pulumi.getStack()}`],
    context: { location: context },
    platforms: [dockerBuild.Platform.Linux_amd64],
});

// `ref` is unknown during preview (previews never push); the rest of the StatefulSet still previews.
// The other arguments as in examples/basic.
const app = new LiteFsApp("abaci-app", {
    image: image.ref,
    namespace: "abaci",
    port: 3000,
    command: "node server.js",
    storage: { size: "5Gi" },
});

export const imageRef = image.ref;
export const statefulSet = app.statefulSetName;
export const debugCommands = app.debugCommands;
