/**
 * Just enough of the zip format to vet and read an .xlsx: the central directory (the table of contents
 * at the end of the file) and each entry's bytes, decompressed as a stream. No ZIP64, no encryption,
 * no multi-disk archives: no workbook within our size limits needs them.
 */
import { Readable, pipeline } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { byteRange, type ByteReader } from "./source";

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  rawName: Uint8Array;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** Where the central directory starts: the entries' data must all lie before it. */
  offset: number;
}

/** Where an entry's compressed bytes are, and where the next entry's local header must start. */
export interface EntryData {
  start: number;
  end: number;
  next: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const EOCD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT = 0xffff;
export const ZIP64_MARK = 0xffffffff;
export const FLAG_ENCRYPTED = 0x1;
const FLAG_DATA_DESCRIPTOR = 0x8;
export const STORED = 0;
export const DEFLATED = 8;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Reads the End Of Central Directory record and the directory; null when they are missing or inconsistent. */
export async function readZipDirectory(reader: ByteReader): Promise<ZipDirectory | null> {
  const tailLength = Math.min(reader.size, EOCD_SIZE + MAX_COMMENT);
  const tail = await reader.read(reader.size - tailLength, tailLength);
  const t = view(tail);
  let eocd = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (t.getUint32(i, true) === EOCD_SIGNATURE && i + EOCD_SIZE + t.getUint16(i + 20, true) === tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const [disk, directoryDisk] = [t.getUint16(eocd + 4, true), t.getUint16(eocd + 6, true)];
  const count = t.getUint16(eocd + 10, true);
  const size = t.getUint32(eocd + 12, true);
  const offset = t.getUint32(eocd + 16, true);
  const eocdOffset = reader.size - tailLength + eocd;
  // A ZIP64 archive marks these fields 0xFFFF…, which fails the bounds check too.
  if (disk !== 0 || directoryDisk !== 0 || offset + size > eocdOffset) return null;

  const bytes = await reader.read(offset, size);
  const d = view(bytes);
  const entries: ZipEntry[] = [];
  let p = 0;
  while (p + CENTRAL_HEADER_SIZE <= bytes.length && d.getUint32(p, true) === CENTRAL_SIGNATURE) {
    const nameLength = d.getUint16(p + 28, true);
    const rawName = bytes.subarray(p + CENTRAL_HEADER_SIZE, p + CENTRAL_HEADER_SIZE + nameLength);
    entries.push({
      name: new TextDecoder().decode(rawName),
      rawName,
      flags: d.getUint16(p + 8, true),
      method: d.getUint16(p + 10, true),
      compressedSize: d.getUint32(p + 20, true),
      uncompressedSize: d.getUint32(p + 24, true),
      localOffset: d.getUint32(p + 42, true),
    });
    p += CENTRAL_HEADER_SIZE + nameLength + d.getUint16(p + 30, true) + d.getUint16(p + 32, true);
  }
  return p === bytes.length && entries.length === count ? { entries, offset } : null;
}

/** Finds an entry's data through its local header; null when the header disagrees with the directory. */
export async function locateEntryData(reader: ByteReader, entry: ZipEntry, directoryOffset: number): Promise<EntryData | null> {
  const header = await reader.read(entry.localOffset, LOCAL_HEADER_SIZE);
  if (header.length < LOCAL_HEADER_SIZE) return null;
  const local = view(header);
  const nameLength = local.getUint16(26, true);
  const localName = await reader.read(entry.localOffset + LOCAL_HEADER_SIZE, nameLength);
  const flags = local.getUint16(6, true);
  const consistent =
    local.getUint32(0, true) === LOCAL_SIGNATURE &&
    local.getUint16(8, true) === entry.method &&
    Buffer.from(localName).equals(entry.rawName) &&
    (flags & FLAG_DATA_DESCRIPTOR ? true : local.getUint32(18, true) === entry.compressedSize);
  if (!consistent) return null;

  const start = entry.localOffset + LOCAL_HEADER_SIZE + nameLength + local.getUint16(28, true);
  const end = start + entry.compressedSize;
  let next = end;
  if (flags & FLAG_DATA_DESCRIPTOR) {
    const descriptor = await reader.read(end, 16);
    if (descriptor.length < 12) return null;
    next += view(descriptor).getUint32(0, true) === DESCRIPTOR_SIGNATURE ? 16 : 12;
  }
  return next <= directoryOffset ? { start, end, next } : null;
}

/** The entry's decompressed bytes as a stream; a decompression error surfaces as the stream's error. */
export function entryStream(reader: ByteReader, entry: ZipEntry, data: EntryData): Readable {
  const compressed = Readable.from(byteRange(reader, data.start, data.end));
  if (entry.method === STORED) return compressed;
  return pipeline(compressed, createInflateRaw(), () => {});
}
