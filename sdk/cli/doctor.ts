/** `pulumi-litefs doctor`: lints what the user brings for the traps that break LiteFS on Kubernetes. */
import { formatJson, formatText } from "../doctor/finding";
import { DoctorInputError, runDoctor } from "../doctor/checks";
import { parseCommandLine } from "./command-line";
import type { CliIo } from "./io";

export const DOCTOR_USAGE = `Usage: pulumi-litefs doctor [path...] [--image REF]... [--exec CMD]... [--sidecar] [--json] [--strict]

Checks, offline, what you bring to a LiteFS deployment for the traps that break it. Each path is one of:
  a project folder   its Dockerfile, every litefs.yml and every args file (YAML or JSON with name: and
                     args:) in it; with a tsconfig.json, that the scripts LiteFS runs (exec, migrate,
                     command) are files the TypeScript build writes
  a Dockerfile       ENV HOSTNAME or LITEFS_CLOUD_TOKEN, no fuse3, no litefs binary, a floating
                     flyio/litefs tag, a non-root USER without fuse.allow-other, a final stage without
                     /bin/sh (distroless, scratch)
  a litefs.yml       unknown keys, a quoted or \${VAR} lease.candidate, per-pod hostname/advertise-url,
                     shell operators in exec, a $ that environment expansion would eat
  an args file       a LiteFsApp args file (as render takes): every argument problem, and the image
A litefs.yml or args file given by path has its commands checked against the build of the nearest
tsconfig.json in its folder or above. With no path (and no --image), the current folder is checked.

Options:
      --image REF    an image reference to check: a mutable tag or :latest instead of a digest (repeatable)
      --exec CMD     a command LiteFS will run, checked against the project's build output (repeatable)
      --sidecar      the app runs with LiteFS in a sidecar (liteFsSidecar, as an args file given says by
                     itself): the image needs no litefs, fuse3 or shell (unless a command starts one)
      --json         print the findings as JSON, for CI
      --strict       exit 1 on warnings too

Exit codes: 0 no errors; 1 errors found (or warnings, with --strict); 2 wrong usage, unreadable input, or\nnothing doctor knows how to check.
`;

export async function doctorCommand(argv: string[], io: CliIo): Promise<number> {
    const cli = parseCommandLine(
        argv,
        DOCTOR_USAGE,
        {
            image: { type: "string", multiple: true },
            exec: { type: "string", multiple: true },
            sidecar: { type: "boolean" },
            json: { type: "boolean" },
            strict: { type: "boolean" },
        },
        io,
    );
    if (typeof cli === "number") return cli;
    const images = (cli.values.image as string[] | undefined) ?? [];
    const exec = (cli.values.exec as string[] | undefined) ?? [];
    const paths = cli.positionals.length > 0 || images.length > 0 ? cli.positionals : ["."];
    let report: ReturnType<typeof runDoctor>;
    try {
        report = runDoctor({ paths, images, exec, sidecar: cli.values.sidecar === true });
    } catch (error) {
        if (!(error instanceof DoctorInputError)) throw error;
        io.err(`pulumi-litefs doctor: ${error.message}\n`);
        return 2;
    }
    const { inputs, skipped, findings } = report;
    io.out(cli.values.json ? formatJson(findings, inputs, skipped) : formatText(findings, inputs, skipped));
    const errors = findings.filter((f) => f.severity === "error").length;
    return errors > 0 || (cli.values.strict && findings.length > 0) ? 1 : 0;
}
