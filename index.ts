// The package's TypeScript entry point at the root, for `pulumi package add` (other Pulumi languages).
// The SDK's schema analyzer looks for the source of `exports["."]`/`main` by swapping .js for .ts
// (bin/sdk/index.ts, which does not exist), then for ./index.ts: this file. The npm entry stays bin/sdk.
export * from "./sdk";
