/**
 * One export, produced in a process of its own (started by app/reports/export-process.server.ts
 * with `DATABASE_URL` set): it receives the file path and options over IPC, writes the file,
 * reports progress, answers with the result and exits. It loads only what the export needs, not
 * the Remix build, and its garbage collection does not pause the server's pages.
 */
import "./node-env";
import { closeDatabase, getDatabase } from "../db/connection";
import type { ExportProcessMessage, ExportProcessRequest } from "../app/reports/export-process.server";
import { produceReportFile } from "../app/reports/export.server";

function send(message: ExportProcessMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, undefined, undefined, () => resolve()));
}

// The server went away (stopped, or killed): nobody waits for the file any more.
const serverGone = () => process.exit(1);
process.once("disconnect", serverGone);

process.once("message", (request: ExportProcessRequest) => {
  void (async () => {
    try {
      const produced = await produceReportFile(getDatabase(), request.filePath, {
        ...request.options,
        asOf: new Date(request.options.asOf),
        progress: (percent, message) => send({ kind: "progress", percent, message }),
      });
      await send({ kind: "done", produced });
    } catch (error) {
      process.exitCode = 1;
      await send({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    } finally {
      await closeDatabase();
      process.off("disconnect", serverGone);
      process.disconnect();
    }
  })();
});
