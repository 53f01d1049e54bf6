/** Runs a CLI command in-process (no child process: a few milliseconds instead of a second), capturing its output. */
export interface CliRun {
    readonly status: number;
    readonly stdout: string;
    readonly stderr: string;
}

export async function inProcess(command: (argv: string[]) => Promise<number>, argv: string[]): Promise<CliRun> {
    const out: string[] = [];
    const err: string[] = [];
    const write = { stdout: process.stdout.write, stderr: process.stderr.write };
    process.stdout.write = (chunk: string | Uint8Array) => out.push(String(chunk)) > 0;
    process.stderr.write = (chunk: string | Uint8Array) => err.push(String(chunk)) > 0;
    try {
        const status = await command(argv);
        return { status, stdout: out.join(""), stderr: err.join("") };
    } finally {
        process.stdout.write = write.stdout;
        process.stderr.write = write.stderr;
    }
}
