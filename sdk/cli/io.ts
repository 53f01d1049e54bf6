/** Where a command writes: the process's streams for the `pulumi-litefs` binary, buffers when run in-process. */
export interface CliIo {
    out(text: string): void;
    err(text: string): void;
}

export const processIo: CliIo = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
};
