export type * from "./args";
export { LiteFsApp } from "./litefs-app";
export { LiteFsAppArgsError } from "./errors";
export type { Problem } from "./validation/problem";
export type { LiteFsConfig } from "./litefs/config";
