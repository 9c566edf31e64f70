/**
 * Checks an upload BEFORE any parser sees it: size, content sniffing (never trust the file name) and,
 * for .xlsx, the zip structure, so that a zip bomb, a renamed program or a 200 MB file is refused with
 * a clear message instead of exhausting the server's memory, disk or time.
 */
import type { Readable } from "node:stream";
import { openBytes, sourceChunks, type ByteReader, type UploadSource } from "./source";
import { DEFLATED, FLAG_ENCRYPTED, STORED, ZIP64_MARK, entryStream, locateEntryData, readZipDirectory } from "./zip";

const MB = 1024 * 1024;

/** Uploads bigger than this are refused outright. */
export const MAX_UPLOAD_BYTES = 50 * MB;
/** Everything inside an .xlsx, once decompressed, must fit in this. */
export const MAX_UNCOMPRESSED_BYTES = 200 * MB;
/** A part compressed better than this (and bigger than the size below) is treated as a zip bomb. */
export const MAX_COMPRESSION_RATIO = 200;
export const COMPRESSION_RATIO_MIN_BYTES = 10 * MB;
/** A workbook has a few dozen parts; thousands mean an attack or not a workbook. */
export const MAX_ZIP_ENTRIES = 1_000;

export interface UploadLimits {
  maxUploadBytes: number;
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
  compressionRatioMinBytes: number;
  maxZipEntries: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxUploadBytes: MAX_UPLOAD_BYTES,
  maxUncompressedBytes: MAX_UNCOMPRESSED_BYTES,
  maxCompressionRatio: MAX_COMPRESSION_RATIO,
  compressionRatioMinBytes: COMPRESSION_RATIO_MIN_BYTES,
  maxZipEntries: MAX_ZIP_ENTRIES,
};

export type UploadCheck = { ok: true; fileType: "xlsx" | "csv" } | { ok: false; message: string };

const NOT_A_TABLE = "not an Excel workbook (.xlsx) or a CSV file";
const DAMAGED = "The file is not a valid .xlsx workbook: its zip structure is damaged or uses features we do not read.";
const ZIP_BOMB = "It was refused as a possible zip bomb.";

function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
}

const KNOWN_BINARIES: { magic: number[]; what: string }[] = [
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: "a program (ELF executable)" },
  { magic: [0x4d, 0x5a], what: "a Windows program" },
  { magic: [0x25, 0x50, 0x44, 0x46], what: "a PDF document" },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { magic: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { magic: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { magic: [0x1f, 0x8b], what: "a gzip archive" },
  { magic: [0x52, 0x61, 0x72, 0x21], what: "a RAR archive" },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: "a 7-Zip archive" },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: "a Rich Text document" },
];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Decides whether the upload may be parsed, and as what. Never throws for bad input. */
export async function checkUpload(source: UploadSource, limits: Partial<UploadLimits> = {}): Promise<UploadCheck> {
  const max = { ...DEFAULT_UPLOAD_LIMITS, ...limits };
  let reader: ByteReader;
  try {
    reader = await openBytes(source);
  } catch {
    return { ok: false, message: "The uploaded file could not be read." };
  }
  try {
    if (reader.size > max.maxUploadBytes) {
      return {
        ok: false,
        message: `The file is ${megabytes(reader.size)}; uploads are limited to ${megabytes(max.maxUploadBytes)}. Split it into smaller files.`,
      };
    }
    if (reader.size === 0) return { ok: false, message: "The file is empty." };
    const head = await reader.read(0, 512);

    if (startsWith(head, ZIP_MAGIC)) {
      const refusal = await inspectZip(reader, max);
      return refusal ? { ok: false, message: refusal } : { ok: true, fileType: "xlsx" };
    }
    if (startsWith(head, OLE2_MAGIC)) {
      return {
        ok: false,
        message:
          "This is an old-format Excel file (.xls) or a password-protected workbook. Save it as “Excel Workbook (.xlsx)” without a password and upload it again.",
      };
    }
    const binary = KNOWN_BINARIES.find((b) => startsWith(head, b.magic));
    if (binary) return { ok: false, message: `This file is ${binary.what}, ${NOT_A_TABLE}.` };
    if (/^(\uFEFF)?\s*</.test(new TextDecoder().decode(head))) {
      return { ok: false, message: `This file looks like a web page or XML, ${NOT_A_TABLE}.` };
    }
    const textProblem = await checkUtf8Text(source);
    return textProblem ? { ok: false, message: textProblem } : { ok: true, fileType: "csv" };
  } finally {
    await reader.close();
  }
}

/** A CSV must be UTF-8 text; NUL bytes only occur in binary files. */
async function checkUtf8Text(source: UploadSource): Promise<string | null> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of sourceChunks(source)) {
      if (chunk.includes(0)) return `This file is a binary file, ${NOT_A_TABLE}.`;
      decoder.decode(chunk, { stream: true });
    }
    decoder.decode();
  } catch {
    return "The file is neither an Excel workbook (.xlsx) nor UTF-8 text. Save a CSV as “CSV UTF-8” and upload it again.";
  }
  return null;
}

/**
 * Refuses what no real workbook looks like, from the central directory alone. Then it checks that the
 * entries met walking the file from its start are exactly those of the directory, and decompresses
 * each one counting (not keeping) the bytes, so a part that lies about its size is caught before the
 * parser expands it.
 */
async function inspectZip(reader: ByteReader, max: UploadLimits): Promise<string | null> {
  const directory = await readZipDirectory(reader);
  if (!directory) return DAMAGED;
  const { entries } = directory;
  if (entries.length > max.maxZipEntries) {
    return `The workbook has ${entries.length} parts (the limit is ${max.maxZipEntries}). ${ZIP_BOMB}`;
  }
  let total = 0;
  for (const entry of entries) {
    if (entry.flags & FLAG_ENCRYPTED) return "The workbook is password-protected. Remove the password and upload it again.";
    if (entry.method !== STORED && entry.method !== DEFLATED) return DAMAGED;
    if (entry.compressedSize === ZIP64_MARK || entry.uncompressedSize === ZIP64_MARK) return DAMAGED;
    total += entry.uncompressedSize;
    if (total > max.maxUncompressedBytes) {
      return `The workbook expands to more than ${megabytes(max.maxUncompressedBytes)} when opened. Split it into smaller files. ${ZIP_BOMB}`;
    }
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > max.compressionRatioMinBytes && ratio > max.maxCompressionRatio) {
      return `A part of the workbook is compressed ${Math.round(ratio)}:1, far more than real spreadsheets. ${ZIP_BOMB}`;
    }
  }
  if (!entries.some((e) => e.name === "xl/workbook.xml")) return `This is a zip archive, ${NOT_A_TABLE}.`;

  let expectedOffset = 0;
  for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    if (entry.localOffset !== expectedOffset) return DAMAGED;
    const data = await locateEntryData(reader, entry, directory.offset);
    if (!data) return DAMAGED;
    const actual = await decompressedSize(entryStream(reader, entry, data), entry.uncompressedSize);
    if (actual === "damaged") return DAMAGED;
    if (actual > entry.uncompressedSize) return `The workbook's parts are larger than its table of contents says. ${ZIP_BOMB}`;
    if (actual !== entry.uncompressedSize) return DAMAGED;
    expectedOffset = data.next;
  }
  return expectedOffset === directory.offset ? null : DAMAGED;
}

/** Counts the bytes of a stream, stopping as soon as there are more than `limit`. */
async function decompressedSize(stream: Readable, limit: number): Promise<number | "damaged"> {
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > limit) break; // leaving the loop destroys the stream: nothing more is inflated
    }
  } catch {
    return "damaged";
  }
  return size;
}
