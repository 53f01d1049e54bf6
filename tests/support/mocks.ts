/**
 * Pulumi runtime mocks, installed once for the whole run (mocha loads this through tests/setup).
 * Every registered resource is recorded so tests can assert on what a component created.
 */
import * as pulumi from "@pulumi/pulumi";
import { unwrapSecrets } from "../../sdk/render/capture";

export interface Registered {
    readonly type: string;
    readonly name: string;
    /** Inputs with Pulumi secrets unwrapped to their values. */
    readonly inputs: Record<string, any>;
    /** Inputs as the engine would receive them: secrets wrapped in the secret signature. */
    readonly raw: Record<string, any>;
    readonly custom: boolean;
}

export { isSecretValue } from "../../sdk/render/capture";

export const registered: Registered[] = [];

/** Outputs a provider computes (e.g. docker-build's `ref`), by resource type; tests add what they need. */
export const computedOutputs: Record<string, (inputs: Record<string, any>) => Record<string, any>> = {};

const waiters: { count: number; resolve: () => void }[] = [];

/** Resolves once `count` resources in all have registered: no timers, the mock monitor wakes it. */
export function registeredCount(count: number): Promise<void> {
    if (registered.length >= count) return Promise.resolve();
    return new Promise((resolve) => waiters.push({ count, resolve }));
}

pulumi.runtime.setMocks(
    {
        newResource(args) {
            registered.push({
                type: args.type,
                name: args.name,
                inputs: unwrapSecrets(args.inputs),
                raw: args.inputs,
                custom: args.custom ?? true,
            });
            for (const waiter of waiters.filter((w) => registered.length >= w.count)) {
                waiters.splice(waiters.indexOf(waiter), 1);
                waiter.resolve();
            }
            return {
                id: args.custom ? `${args.name}-id` : undefined,
                state: { ...args.inputs, ...computedOutputs[args.type]?.(args.inputs) },
            };
        },
        call(args) {
            throw new Error(`unexpected invoke ${args.token} under mocks`);
        },
    },
    "pulumi-litefs-tests",
    "test",
    false,
);

/** Resolves an Output to a promise, so assertions run outside `.apply` (where mocha would lose them). */
export function settle<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise<T>((resolve) => output.apply((value) => resolve(value)));
}
