import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createReadableStreamFromReadable } from "@remix-run/node";

/**
 * Headers for a file served as a download (never rendered inline). `X-Content-Type-Options:
 * nosniff` is on every response already (helmet in server/app.ts); setting it here too would send
 * it twice.
 */
export function attachmentHeaders(fileName: string, contentType: string, sizeBytes?: number): Headers {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const headers = new Headers({
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    "Cache-Control": "private, no-store",
  });
  if (sizeBytes !== undefined) headers.set("Content-Length", String(sizeBytes));
  return headers;
}

/**
 * Produces a file into a private temp directory and answers it as a streamed download; the
 * directory is removed once the body has been sent (or the client went away).
 */
export async function temporaryFileResponse(
  produce: (filePath: string) => Promise<{ fileName: string; contentType: string; sizeBytes: number }>,
): Promise<Response> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-download-"));
  const cleanup = () => void rm(dir, { recursive: true, force: true });
  try {
    const filePath = path.join(dir, "file.bin");
    const produced = await produce(filePath);
    const stream = createReadStream(filePath);
    stream.once("close", cleanup);
    return new Response(createReadableStreamFromReadable(stream), { headers: attachmentHeaders(produced.fileName, produced.contentType, produced.sizeBytes) });
  } catch (error) {
    cleanup();
    throw error;
  }
}
