/** What LiteFS starts: the app and its migration (`plan/exec.ts`). */
export interface ExecArgs {
    /**
     * The app's start command, run by LiteFS as the last `exec` entry once the node is ready. LiteFS
     * splits it into words without a shell, so `&&`, `;`, `|`, `<`, `>` and `$VAR` are refused: wrap
     * such commands in `sh -c '…'`. In sidecar mode (`liteFsSidecar`) it is the app container's command,
     * split the same way and started once LiteFS has synced.
     */
    command: string;
    /**
     * A command run before the app on the primary only (`if-candidate: true`), e.g. database migrations.
     * Same splitting rules as `command`. In sidecar mode it runs in an init container of the app's image, on
     * pod-0 only, before the app. Default: none.
     */
    migrate?: string;
}
