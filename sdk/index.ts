export * from "./args";
export { LiteFsAppArgsError } from "./errors";
export type { LiteFsConfig } from "./litefs/config";
export { LiteFsApp } from "./litefs-app";
export type { Problem } from "./validation/problem";
