/**
 * Loaded by mocha before any spec (see .mocharc.json). mocha re-emits unhandled rejections with
 * process.emit and, with no listener, drops them: an assertion failing inside `.apply` would pass.
 * Rethrowing makes it fail the run.
 */
import "./support/mocks";

process.on("unhandledRejection", (reason) => {
    throw reason;
});
