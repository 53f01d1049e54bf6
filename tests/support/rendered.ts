/** Reading what `pulumi-litefs render` wrote: its objects' labels, and an `-o DIR` folder. */
import * as fs from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";

export type Doc = { kind: string; metadata: { name: string } };

/** `Kind/name` of each object. */
export const labels = (docs: Doc[]) => docs.map((d) => `${d.kind}/${d.metadata.name}`);

/** The kustomization.yaml render wrote into `dir`. */
export const kustomization = (dir: string) =>
    load(fs.readFileSync(path.join(dir, "kustomization.yaml"), "utf8")) as Record<string, unknown>;

/** The numbered object files of `dir`, in apply order. */
export const numbered = (dir: string) =>
    fs
        .readdirSync(dir)
        .filter((f) => /^\d+-/.test(f))
        .sort();
