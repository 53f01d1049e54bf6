/**
 * Dockerfile traps for an image that runs under LiteFS: what the final stage (with the stages it builds
 * on) sets, installs and copies. Build stages only matter through what the final stage takes from them.
 */
import { isShell, splitCommand } from "../litefs/exec";
import { LITEFS_IMAGE } from "../litefs/facts";
import { RESERVED_ENV } from "../litefs/reserved-env";
import type { Finding } from "./finding";
import { isPinned, parseImageReference } from "../validation/image-reference";

export interface Instruction {
    readonly keyword: string;
    readonly args: string;
    /** 1-based line the instruction starts on. */
    readonly line: number;
}

export interface Stage {
    readonly base: string;
    readonly name?: string;
    readonly line: number;
    readonly instructions: Instruction[];
    /** The earlier stage this one is built FROM, if any. */
    readonly parent?: Stage;
}

/** Splits a Dockerfile into instructions: continuation lines joined, comments dropped, heredoc bodies kept. */
export function parseDockerfile(text: string): Instruction[] {
    const lines = text.split(/\r?\n/);
    let escapeChar = "\\";
    // Parser directives (`# escape=`` `) are only read before the first instruction or other comment.
    for (const line of lines) {
        const directive = /^#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(line);
        if (!directive) break;
        if (directive[1].toLowerCase() === "escape") escapeChar = directive[2];
    }
    const instructions: Instruction[] = [];
    for (let i = 0; i < lines.length; i++) {
        const start = i;
        if (/^\s*(#|$)/.test(lines[i])) continue;
        let text = lines[i];
        while (text.trimEnd().endsWith(escapeChar) && i + 1 < lines.length) {
            text = text.trimEnd().slice(0, -escapeChar.length);
            i++;
            while (i < lines.length && /^\s*#/.test(lines[i])) i++;
            text += ` ${lines[i] ?? ""}`;
        }
        const match = /^\s*(\w+)\s*(.*)$/s.exec(text);
        if (!match) continue;
        let args = match[2].trim();
        for (const heredoc of args.matchAll(/<<(-?)["']?([A-Za-z_]\w*)["']?/g)) {
            const body: string[] = [];
            while (++i < lines.length && (heredoc[1] ? lines[i].trim() : lines[i]) !== heredoc[2]) body.push(lines[i]);
            args += `\n${body.join("\n")}`;
        }
        instructions.push({ keyword: match[1].toUpperCase(), args, line: start + 1 });
    }
    return instructions;
}

/** Words of an instruction's arguments: the JSON array form, or whitespace-separated with quotes removed. */
function words(args: string): string[] {
    if (args.startsWith("[")) {
        try {
            const list = JSON.parse(args);
            if (Array.isArray(list)) return list.map(String);
        } catch {
            // Not valid JSON: Docker treats it as the shell form too.
        }
    }
    return [...args.matchAll(/(?:[^\s"']|"(?:[^"\\]|\\.)*"|'[^']*')+/g)].map((m) => m[0].replace(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g, "$1$2"));
}

/** Build stages, in order: each with its FROM base, `AS` name (lowercased, as Docker matches it) and instructions. */
export function stages(instructions: readonly Instruction[]): Stage[] {
    const result: Stage[] = [];
    for (const instruction of instructions) {
        if (instruction.keyword === "FROM") {
            const [base, as, name] = words(instruction.args).filter((w) => !w.startsWith("--"));
            const parent = result.find((s) => s.name === base?.toLowerCase());
            result.push({
                base: base ?? "",
                name: as?.toLowerCase() === "as" ? name?.toLowerCase() : undefined,
                line: instruction.line,
                instructions: [],
                parent,
            });
        } else result[result.length - 1]?.instructions.push(instruction);
    }
    return result;
}

/** The final stage's instructions, with those of the stages it is built FROM first. */
function finalChain(stage: Stage): Instruction[] {
    return [...(stage.parent ? finalChain(stage.parent) : []), ...stage.instructions];
}

function rootBase(stage: Stage): string {
    return stage.parent ? rootBase(stage.parent) : stage.base;
}

/** ENV's `key=value key2="v 2"` form, or the legacy `ENV key value` form. */
export function envPairs(args: string): [string, string][] {
    const parts = words(args);
    if (parts.length > 0 && !parts[0].includes("=")) return [[parts[0], parts.slice(1).join(" ")]];
    return parts.map((p) => {
        const at = p.indexOf("=");
        return [p.slice(0, at), p.slice(at + 1)];
    });
}

const INSTALL = /\b(apt-get|apt|apk|dnf|yum|microdnf|zypper)\b[^\n;&|]*\b(install|add)\b([^\n;&|]*)/g;

function installedPackages(run: string): string[] {
    return [...run.matchAll(INSTALL)].flatMap((m) =>
        m[3]
            .split(/\s+/)
            .filter((w) => w && !w.startsWith("-"))
            .map((w) => w.replace(/[=:].*$/, "")),
    );
}

const ROOT_USERS = new Set(["root", "0"]);

/**
 * Base images with no /bin/sh and no package manager: `scratch`, Google's distroless images (except their
 * `:debug` variants, which add a busybox shell) and Chainguard's (except `-dev` variants).
 */
export function isShellless(base: string): boolean {
    const parsed = parseImageReference(base);
    if (!parsed.ok) return false;
    const { repository, tag } = parsed.ref;
    if (repository === "scratch") return true;
    if (/^gcr\.io\/distroless\//.test(repository)) return !/(^|-)debug(-|$)/.test(tag ?? "");
    if (/^cgr\.dev\/chainguard\//.test(repository)) return !/(^|-)dev$/.test(tag ?? "");
    return false;
}

/** Whether a COPY or ADD puts a shell at /bin/sh (e.g. a static busybox copied as /bin/sh). */
function copiesShell(parts: readonly string[]): boolean {
    const dest = parts[parts.length - 1] ?? "";
    return dest === "/bin/sh" || (/^\/bin\/?$/.test(dest) && parts.slice(0, -1).some((s) => /(^|\/)(sh|busybox)$/.test(s)));
}

export interface DockerfileContext {
    /** `fuse.allow-other` from the litefs.yml or LiteFsApp arguments given alongside, when known. */
    readonly allowOther?: boolean;
    /**
     * Sidecar mode (`liteFsSidecar` in an args file given alongside, or `--sidecar`): LiteFS runs in its own
     * image, so this image needs neither litefs nor fuse3 nor a shell, and the mount is always allow-other.
     */
    readonly sidecar?: boolean;
    /** The commands the app image runs (`command`, `migrate`, `--exec`): in sidecar mode only a shell they call needs one. */
    readonly commands?: readonly string[];
}

export interface DockerfileLint {
    readonly findings: Finding[];
    /** The final stage's WORKDIR, to read absolute paths in commands as project paths. */
    readonly workdir?: string;
}

export function lintDockerfile(text: string, file: string, context: DockerfileContext = {}): DockerfileLint {
    const all = parseDockerfile(text);
    const built = stages(all);
    const final = built[built.length - 1];
    if (!final)
        return {
            findings: [
                {
                    severity: "error",
                    rule: "dockerfile/no-from",
                    file,
                    message: "has no FROM instruction.",
                    why: "without FROM this is not a Dockerfile docker can build.",
                    fix: "check that the path names your Dockerfile.",
                },
            ],
        };
    const findings: Finding[] = [];
    const at = (line: number) => ({ file, line });
    const chain = finalChain(final);
    const finalFrom = `the final stage (FROM ${final.base}, line ${final.line})`;

    let workdir: string | undefined;
    let user: Instruction | undefined;
    let fuse3 = false;
    let fuse2 = false;
    let litefs = /^([\w.-]+\/)?flyio\/litefs([:@]|$)/.test(rootBase(final));
    const shellless = isShellless(rootBase(final));
    let shellCopied = false;
    for (const instruction of chain) {
        const { keyword, args, line } = instruction;
        if (keyword === "ENV")
            for (const [key, value] of envPairs(args))
                // In sidecar mode LiteFS does not run in this image: its LITEFS_CLOUD_TOKEN never reaches LiteFS.
                if (key === "HOSTNAME" || (key === "LITEFS_CLOUD_TOKEN" && !context.sidecar))
                    findings.push({
                        severity: "error",
                        rule: key === "HOSTNAME" ? "dockerfile/env-hostname" : "dockerfile/env-litefs-cloud-token",
                        ...at(line),
                        message: `ENV ${key} is set${key === "HOSTNAME" ? ` (to ${JSON.stringify(value)})` : ""} in the image.`,
                        why: `${key} ${RESERVED_ENV[key].message}`,
                        fix: key === "HOSTNAME" ? `delete this ENV line; ${RESERVED_ENV.HOSTNAME.fix}` : "delete this ENV line.",
                    });
        if (keyword === "WORKDIR") workdir = words(args)[0];
        if (keyword === "USER") user = instruction;
        if (keyword === "RUN") {
            const packages = installedPackages(args);
            fuse3 ||= packages.includes("fuse3");
            fuse2 ||= packages.includes("fuse");
            litefs ||= /github\.com\/superfly\/litefs/.test(args);
        }
        if (keyword === "COPY" || keyword === "ADD") {
            const parts = words(args);
            const sources = parts.filter((p) => !p.startsWith("--")).slice(0, -1);
            litefs ||= sources.some((s) => /(^|\/)litefs$/.test(s) || /github\.com\/superfly\/litefs/.test(s));
            shellCopied ||= copiesShell(parts.filter((p) => !p.startsWith("--")));
        }
    }

    const shellCommand = context.sidecar ? context.commands?.find((c) => isShell(splitCommand(c).words[0] ?? "")) : undefined;
    if (context.sidecar && shellless && !shellCopied && shellCommand !== undefined)
        findings.push({
            severity: "error",
            rule: "dockerfile/no-shell",
            ...at(final.line),
            message: `${finalFrom} has no /bin/sh, and the app image runs ${JSON.stringify(shellCommand)}.`,
            why: 'in sidecar mode the app image needs no shell of its own, except for a command that starts one: this one stops at start-up ("exec: sh: no such file or directory").',
            fix: 'run the program directly (command: "node dist/server.js"), or build the final stage on an image with a shell.',
        });
    if (!context.sidecar && shellless && !shellCopied)
        findings.push({
            severity: "error",
            rule: "dockerfile/no-shell",
            ...at(final.line),
            message: `${finalFrom} has no /bin/sh.`,
            why:
                "pulumi-litefs starts the container with a POSIX sh start-up script: it works out the pod's role, writes its litefs.yml " +
                'and then runs litefs mount. Without /bin/sh the container cannot start ("exec: /bin/sh: no such file or directory"). ' +
                "An image without a shell has no package manager either, so fuse3 cannot be installed in it.",
            fix: "build the final stage on an image with a shell and a package manager, e.g. FROM node:20-bookworm-slim, and install fuse3 and litefs there (see examples/github-actions/Dockerfile).",
        });

    // In an image without a shell the no-shell finding says what to do: apt-get or apk cannot run there.
    if (!context.sidecar && !fuse3 && !(shellless && !shellCopied))
        findings.push({
            severity: "error",
            rule: "dockerfile/no-fuse3",
            ...at(final.line),
            message: `${finalFrom} installs no fuse3${fuse2 ? " (it installs fuse, the FUSE 2 package, whose helper is fusermount, not fusermount3)" : ""}.`,
            why: "LiteFS mounts its FUSE file system with fusermount3, from the fuse3 package. Without it the pod stops at start-up (the start-up script says fusermount3 is missing).",
            fix: shellless
                ? "this image has no package manager to install fuse3 with: build the final stage on an image that has one, e.g. FROM node:20-bookworm-slim, and install fuse3 there."
                : /alpine/.test(rootBase(final))
                  ? "add RUN apk add --no-cache fuse3 to the final stage."
                  : "add RUN apt-get update && apt-get install -y --no-install-recommends fuse3 && rm -rf /var/lib/apt/lists/* to the final stage (apk add --no-cache fuse3 on Alpine).",
        });
    if (!context.sidecar && !litefs)
        findings.push({
            severity: "error",
            rule: "dockerfile/no-litefs",
            ...at(final.line),
            message: `${finalFrom} gets no litefs binary.`,
            why: "pulumi-litefs starts the app through `litefs mount`; without litefs on PATH the pod stops at start-up.",
            fix: `add COPY --from=${LITEFS_IMAGE} /usr/local/bin/litefs /usr/local/bin/litefs to the final stage.`,
        });

    // Every flyio/litefs reference, in any stage: the final stage's binary comes from one of them.
    for (const { keyword, args, line } of all) {
        const refs =
            keyword === "FROM"
                ? words(args)
                      .filter((w) => !w.startsWith("--"))
                      .slice(0, 1)
                : keyword === "COPY"
                  ? words(args).flatMap((w) => (w.startsWith("--from=") ? [w.slice("--from=".length)] : []))
                  : [];
        for (const ref of refs) {
            const parsed = parseImageReference(ref);
            if (!parsed.ok) continue;
            const image = parsed.ref;
            if (!/^(docker\.io\/|index\.docker\.io\/)?flyio\/litefs$/.test(image.repository) || isPinned(image)) continue;
            if (image.tag !== undefined && /^\d+\.\d+\.\d+$/.test(image.tag)) continue;
            findings.push({
                severity: "warning",
                rule: "dockerfile/litefs-tag",
                ...at(line),
                message: `${ref} is ${image.tag ? `the floating tag "${image.tag}"` : "untagged (latest)"}.`,
                why: "a floating tag moves to each new LiteFS release, so two builds of this Dockerfile can ship different LiteFS versions, and a rebuilt replica can run another version than pod-0.",
                fix: `name a release, e.g. ${LITEFS_IMAGE}, or pin its digest (${LITEFS_IMAGE}@sha256:<digest>).`,
            });
        }
    }

    const runAs = user ? words(user.args)[0]?.split(":")[0] : undefined;
    // Sidecar mode mounts with allow-other always.
    if (!context.sidecar && user && runAs !== undefined && !ROOT_USERS.has(runAs) && context.allowOther !== true)
        findings.push({
            severity: "warning",
            rule: "dockerfile/user-without-allow-other",
            ...at(user.line),
            message: `the image runs as USER ${runAs}, and fuse.allow-other is ${context.allowOther === false ? "false" : "not set"}.`,
            why:
                "a FUSE mount is only open to the user who mounted it. LiteFS mounts as root (pulumi-litefs runs the container as root for FUSE, " +
                `overriding USER), so an app that runs as ${runAs} (e.g. started with su) gets "permission denied" on every database under the mount.`,
            fix: "set fuse.allow-other: true in litefs.yml (LiteFsApp: litefs: { fuse: { allowOther: true } }), or run the app as root.",
        });
    return { findings, workdir };
}
