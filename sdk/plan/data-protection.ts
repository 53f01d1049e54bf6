/** Data protection: what a Pulumi operation may do to the objects that hold or guard the data. */
import { DataProtection, type LiteFsAppArgs } from "../args";
import * as rules from "../validation/rules";
import { DEFAULTS } from "./defaults";
import type { PlanContext, Planned } from "./model";

export function planDataProtection(args: LiteFsAppArgs, _ctx: PlanContext): Planned<DataProtection> {
    const value = args.dataProtection ?? DEFAULTS.dataProtection;
    return { value, problems: rules.oneOf(value, "args.dataProtection", "data-protection", Object.values(DataProtection)) };
}
