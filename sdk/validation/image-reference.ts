/**
 * The OCI/Docker image reference grammar of distribution/reference (the parser Docker, containerd and the
 * kubelet share), used by the component and by `doctor`. Written here rather than taken from npm: the
 * packages that port it are unmaintained, and every `LiteFsApp` user would install one for sixty lines.
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ domain "/" ] path-component *( "/" path-component )      (at most 255 characters)
 *   domain    := host [ ":" port ]; the first component is a domain when it has "." or ":", or is "localhost"
 *   path-component := [a-z0-9]+ *( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )
 *   tag       := [\w][\w.-]{0,127}
 *   digest    := algorithm ":" hex, with sha256 exactly 64 lowercase hex digits
 */

export interface ImageReference {
    /** The registry host and port, when the reference names one (`ghcr.io`, `localhost:5000`). */
    readonly domain?: string;
    /** Registry and repository, e.g. `ghcr.io/org/app` or `flyio/litefs`. */
    readonly repository: string;
    readonly tag?: string;
    readonly digest?: string;
}

export type ParsedImageReference = { ok: true; ref: ImageReference } | { ok: false; reason: string };

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const SHA256 = /^sha256:[0-9a-f]{64}$/;
const NAME_MAX = 255;

export function parseImageReference(text: string): ParsedImageReference {
    const fail = (reason: string): ParsedImageReference => ({ ok: false, reason });
    if (text === "") return fail("it is empty");
    const at = text.indexOf("@");
    const digest = at >= 0 ? text.slice(at + 1) : undefined;
    const named = at >= 0 ? text.slice(0, at) : text;
    const colon = named.lastIndexOf(":");
    // A colon before the last "/" belongs to a registry port (registry:5000/app), not to a tag.
    const hasTag = colon > named.lastIndexOf("/");
    const name = hasTag ? named.slice(0, colon) : named;
    const tag = hasTag ? named.slice(colon + 1) : undefined;

    const components = name.split("/");
    const first = components[0];
    const domain =
        components.length > 1 && (/[.:]/.test(first) || first === "localhost" || first !== first.toLowerCase()) ? first : undefined;
    const path = domain === undefined ? components : components.slice(1);
    if (name.length > NAME_MAX) return fail(`its name is ${name.length} characters; at most ${NAME_MAX} are allowed`);
    if (domain !== undefined && !DOMAIN.test(domain)) return fail(`"${domain}" is not a registry host[:port]`);
    for (const component of path) {
        if (component !== component.toLowerCase() && PATH_COMPONENT.test(component.toLowerCase()))
            return fail(`the repository "${path.join("/")}" has uppercase letters; repository names are lowercase`);
        if (!PATH_COMPONENT.test(component))
            return fail(
                `"${component}" is not a repository path component (lowercase letters and digits, separated by ".", "_", "__" or "-")`,
            );
    }
    if (tag !== undefined && !TAG.test(tag))
        return fail(`the tag "${tag}" is not a tag (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")`);
    if (digest !== undefined) {
        if (!DIGEST.test(digest)) return fail(`"${digest}" is not a digest (algorithm:hex, e.g. sha256: and 64 hex digits)`);
        if (digest.startsWith("sha256:") && !SHA256.test(digest))
            return fail(`the sha256 digest "${digest}" must have exactly 64 lowercase hex digits`);
    }
    return { ok: true, ref: { domain, repository: name, tag, digest } };
}

/** Pinned: the reference names its image by a sha256 digest, so it cannot move. */
export function isPinned(ref: ImageReference): boolean {
    return ref.digest !== undefined && SHA256.test(ref.digest);
}

/** Follows `latest`: no digest, and no tag or the tag `latest`, so the image can change under the pods unseen. */
export function followsLatest(ref: ImageReference): boolean {
    return ref.digest === undefined && (ref.tag === undefined || ref.tag === "latest");
}
