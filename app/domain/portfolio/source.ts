/**
 * An uploaded file, in memory or on disk. Big uploads should be spooled to disk (spoolUpload) so the
 * request never holds them in memory; everything downstream reads either kind the same way.
 */
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";

export type UploadSource = Uint8Array | { path: string };

const CHUNK_BYTES = 64 * 1024;

/** Random access to the bytes, for the zip directory checks. */
export interface ByteReader {
  readonly size: number;
  read(position: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function openBytes(source: UploadSource): Promise<ByteReader> {
  if (source instanceof Uint8Array) {
    return {
      size: source.length,
      read: async (position, length) => source.subarray(position, Math.min(position + length, source.length)),
      close: async () => {},
    };
  }
  const handle = await open(source.path, "r");
  const { size } = await handle.stat();
  return {
    size,
    async read(position, length) {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      return buffer.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}

/** The bytes from start to end (exclusive) in chunks, without holding them all. */
export async function* byteRange(reader: ByteReader, start: number, end: number): AsyncGenerator<Uint8Array> {
  for (let position = start; position < end; position += CHUNK_BYTES) {
    yield await reader.read(position, Math.min(CHUNK_BYTES, end - position));
  }
}

export async function* sourceChunks(source: UploadSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let position = 0; position < source.length; position += CHUNK_BYTES) {
      yield source.subarray(position, position + CHUNK_BYTES);
    }
    return;
  }
  for await (const chunk of createReadStream(source.path, { highWaterMark: CHUNK_BYTES })) yield chunk as Buffer;
}

export type SpoolResult = { path: string; size: number; remove(): Promise<void> } | { tooLarge: true };

/**
 * Writes an upload (e.g. the `data` of a Remix multipart handler) to a temporary file, stopping as
 * soon as it passes maxBytes, so a 200 MB upload costs neither 200 MB of memory nor of disk.
 */
export async function spoolUpload(chunks: AsyncIterable<Uint8Array>, maxBytes: number, dir = tmpdir()): Promise<SpoolResult> {
  const filePath = path.join(dir, `portfolio-upload-${randomBytes(8).toString("hex")}`);
  const remove = () => rm(filePath, { force: true });
  const out = createWriteStream(filePath, { flags: "wx", mode: 0o600 });
  let size = 0;
  try {
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size > maxBytes) {
        out.destroy();
        await remove();
        return { tooLarge: true };
      }
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    await remove();
    throw error;
  }
  return { path: filePath, size, remove };
}
