/** What LiteFS starts: the app and its migration (`plan/exec.ts`). */
export interface ExecArgs {
    /**
     * The app's start command, run by LiteFS as the last `exec` entry once the node is ready. LiteFS
     * splits it into words without a shell, so `&&`, `;`, `|`, `<`, `>` and `$VAR` are refused: wrap
     * such commands in `sh -c '…'`.
     */
    command: string;
    /**
     * A command run before the app on the primary only (`if-candidate: true`), e.g. database migrations.
     * Same splitting rules as `command`. Default: none.
     */
    migrate?: string;
}
