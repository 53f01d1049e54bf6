/** This package's own package.json: the version `--version` prints and the peer ranges messages name. */
import * as fs from "node:fs";
import * as path from "node:path";

interface PackageJson {
    readonly version: string;
    readonly peerDependencies: Readonly<Record<string, string>>;
}

let cached: PackageJson | undefined;

/** Read on first use: bin/sdk/cli/ is three folders below the package root, in the repository and installed. */
export function packageJson(): PackageJson {
    cached ??= JSON.parse(fs.readFileSync(path.join(__dirname, "../../../package.json"), "utf8")) as PackageJson;
    return cached;
}
