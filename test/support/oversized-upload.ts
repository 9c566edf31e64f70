import { randomBytes } from "node:crypto";
import type { TestClient } from "./http-client";

/**
 * Streams a multipart evidence upload of `totalBytes` (a PDF that never ends) to `path`, as a
 * browser would, and reports how the server answered: its status, or "reset" when it closed the
 * connection first, and how many bytes had been produced by then (the server must stop reading
 * long before the end).
 */
export async function postOversizedPdf(client: TestClient, path: string, totalBytes: number): Promise<{ status: number | "reset"; message?: string; sent: number }> {
  const boundary = `----oversized${randomBytes(8).toString("hex")}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${client.csrfToken}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
  );
  const piece = Buffer.alloc(1024 * 1024, 0x20);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head);
    },
    pull(controller) {
      if (sent >= totalBytes) {
        controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
        controller.close();
        return;
      }
      sent += piece.length;
      controller.enqueue(piece);
    },
  });
  try {
    const response = await client.request(path, {
      method: "POST",
      body,
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, Accept: "application/json" },
      duplex: "half",
    } as RequestInit);
    const message = response.status === 413 ? ((await response.json()) as { message: string }).message : undefined;
    return { status: response.status, message, sent };
  } catch {
    return { status: "reset", sent };
  }
}
