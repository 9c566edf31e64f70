/**
 * What a file really is, from its bytes (magic numbers), checked against an allow-list and against
 * what the uploader claimed (file extension and MIME type). Works on a stream: the first few KB
 * decide most cases at once; plain text is validated to the end (UTF-8, no NUL) and Office files are
 * confirmed from the zip's central directory, kept from a bounded tail of the stream.
 */
import { readZipDirectory } from "../portfolio/zip";
import { extensionOf } from "./file-name";

export type AllowedType = "pdf" | "png" | "jpeg" | "docx" | "xlsx" | "text";

export interface TypeInfo {
  label: string;
  /** The type we store and serve. */
  mime: string;
  extensions: readonly string[];
  /** MIME types a client may claim for it (besides a generic "no idea"). */
  claimable: readonly string[];
}

export const ALLOWED_TYPES: Record<AllowedType, TypeInfo> = {
  pdf: { label: "PDF document", mime: "application/pdf", extensions: [".pdf"], claimable: ["application/pdf", "application/x-pdf"] },
  png: { label: "PNG image", mime: "image/png", extensions: [".png"], claimable: ["image/png"] },
  jpeg: { label: "JPEG image", mime: "image/jpeg", extensions: [".jpg", ".jpeg"], claimable: ["image/jpeg", "image/pjpeg", "image/jpg"] },
  docx: {
    label: "Word document (.docx)",
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: [".docx"],
    claimable: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  },
  xlsx: {
    label: "Excel workbook (.xlsx)",
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: [".xlsx"],
    claimable: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  },
  text: { label: "plain text file", mime: "text/plain; charset=utf-8", extensions: [".txt"], claimable: ["text/plain"] },
};

/** Claims that say nothing about the type (browsers send these for unknown extensions). */
const GENERIC_MIME = new Set(["", "application/octet-stream", "binary/octet-stream", "application/unknown"]);

export const ACCEPT_ATTRIBUTE = [...new Set(Object.values(ALLOWED_TYPES).flatMap((t) => [...t.extensions, t.mime.split(";")[0]!]))].join(",");
export const ALLOWED_SUMMARY = "PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) or plain text (.txt)";

/** How many leading bytes the head check wants (fewer is fine when the file is shorter). */
export const HEAD_BYTES = 8 * 1024;
/** Bytes kept from the end of a zip to read its central directory. */
export const ZIP_TAIL_BYTES = 512 * 1024;

export class FileRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileRefusedError";
  }
}

type HeadVerdict = { ok: true; type: AllowedType | "ooxml" } | { ok: false; what: string };

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** Valid UTF-8 so far (an incomplete sequence at the very end is allowed: the head is cut anywhere). */
function isUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const REFUSED_SIGNATURES: ReadonlyArray<{ sig: readonly number[]; at?: number; what: string }> = [
  { sig: [0x7f, 0x45, 0x4c, 0x46], what: "an executable program (ELF)" },
  { sig: [0xfe, 0xed, 0xfa, 0xce], what: "an executable program (Mach-O)" },
  { sig: [0xfe, 0xed, 0xfa, 0xcf], what: "an executable program (Mach-O)" },
  { sig: [0xce, 0xfa, 0xed, 0xfe], what: "an executable program (Mach-O)" },
  { sig: [0xcf, 0xfa, 0xed, 0xfe], what: "an executable program (Mach-O)" },
  { sig: [0xca, 0xfe, 0xba, 0xbe], what: "an executable program (Mach-O or Java)" },
  { sig: [0x00, 0x61, 0x73, 0x6d], what: "an executable program (WebAssembly)" },
  { sig: [0x1f, 0x8b], what: "a compressed archive (gzip)" },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: "a compressed archive (7z)" },
  { sig: ascii("Rar!\x1a\x07"), what: "a compressed archive (RAR)" },
  { sig: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: "a compressed archive (xz)" },
  { sig: [0x28, 0xb5, 0x2f, 0xfd], what: "a compressed archive (zstd)" },
  { sig: ascii("MSCF"), what: "a compressed archive (cabinet)" },
  { sig: [0x50, 0x4b, 0x05, 0x06], what: "a compressed archive (empty zip)" },
  { sig: [0x50, 0x4b, 0x07, 0x08], what: "a compressed archive (zip)" },
  { sig: ascii("ustar"), at: 257, what: "an archive (tar)" },
  { sig: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: "a legacy or password-protected Office file (save it as .docx, .xlsx or PDF)" },
];

/** The first bytes decide: an allowed type, a zip that must still prove to be .docx/.xlsx, or a refusal. */
export function classifyHead(head: Uint8Array): HeadVerdict {
  if (head.length === 0) return { ok: false, what: "empty" };
  if (startsWith(head, ascii("%PDF-"))) return { ok: true, type: "pdf" };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: "png" };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { ok: true, type: "jpeg" };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { ok: true, type: "ooxml" };
  for (const r of REFUSED_SIGNATURES) if (startsWith(head, r.sig, r.at ?? 0)) return { ok: false, what: r.what };
  if (startsWith(head, ascii("BZh")) && startsWith(head, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 4)) return { ok: false, what: "a compressed archive (bzip2)" };
  const hasNul = head.includes(0);
  if (startsWith(head, ascii("MZ")) && (hasNul || !isUtf8Prefix(head))) return { ok: false, what: "an executable program (Windows)" };
  if (hasNul || !isUtf8Prefix(head)) return { ok: false, what: "a file of a type we do not accept" };
  // Text from here on: refuse scripts and markup a browser or shell would run.
  const text = new TextDecoder().decode(head.subarray(0, 1024)).replace(/^\ufeff/, "");
  if (text.startsWith("#!")) return { ok: false, what: "a script" };
  const start = text.trimStart().slice(0, 512).toLowerCase();
  if (/^<svg[\s>]/.test(start) || (start.startsWith("<?xml") && start.includes("<svg")) || /<svg[\s>]/.test(start.slice(0, 256)))
    return { ok: false, what: "an SVG image" };
  if (/^<(!doctype\s+html|html|head|body|script|iframe|meta|!--)/.test(start) || /<(html|script|iframe)[\s>]/.test(start)) return { ok: false, what: "an HTML page" };
  if (start.startsWith("<?xml") || /^<[a-z!?]/.test(start)) return { ok: false, what: "an XML or HTML document" };
  return { ok: true, type: "text" };
}

function claimedTypeOk(type: AllowedType, claimedMime: string): boolean {
  const base = claimedMime.split(";")[0]!.trim().toLowerCase();
  return GENERIC_MIME.has(base) || ALLOWED_TYPES[type].claimable.includes(base);
}

function refuse(fileName: string, what: string): never {
  throw new FileRefusedError(
    what === "empty"
      ? `“${fileName}” is empty.`
      : `“${fileName}” was refused: its content is ${what}. Upload ${ALLOWED_SUMMARY} files.`,
  );
}

function assertAgrees(fileName: string, claimedMime: string, type: AllowedType) {
  const info = ALLOWED_TYPES[type];
  const ext = extensionOf(fileName);
  if (!info.extensions.includes(ext)) {
    throw new FileRefusedError(
      `“${fileName}” was refused: its content is a ${info.label}, but its name ${ext ? `ends in ${ext}` : "has no extension"}. Rename it to end in ${info.extensions[0]} and try again.`,
    );
  }
  if (!claimedTypeOk(type, claimedMime)) {
    throw new FileRefusedError(`“${fileName}” was refused: it was sent as ${claimedMime.split(";")[0]} but its content is a ${info.label}.`);
  }
}

/**
 * Checks one file as it streams past. Call `head()` with the first HEAD_BYTES (or the whole file
 * when shorter), `update()` with every chunk including the head, then `finish()`; each throws
 * FileRefusedError with a message for the uploader.
 */
export class ContentInspector {
  private type: AllowedType | "ooxml" | null = null;
  private decoder: TextDecoder | null = null;
  private tail: Uint8Array[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(
    readonly fileName: string,
    readonly claimedMime: string,
  ) {}

  head(head: Uint8Array): void {
    const verdict = classifyHead(head);
    if (!verdict.ok) refuse(this.fileName, verdict.what);
    this.type = verdict.type;
    if (verdict.type === "ooxml") {
      const ext = extensionOf(this.fileName);
      // Decide the expected flavour from the name now; the central directory confirms it at the end.
      const expected: AllowedType | null = ext === ".docx" ? "docx" : ext === ".xlsx" ? "xlsx" : null;
      if (!expected) refuse(this.fileName, "a zip archive");
      assertAgrees(this.fileName, this.claimedMime, expected);
    } else {
      assertAgrees(this.fileName, this.claimedMime, verdict.type);
    }
    if (verdict.type === "text") this.decoder = new TextDecoder("utf-8", { fatal: true });
  }

  update(chunk: Uint8Array): void {
    this.total += chunk.length;
    if (this.type === "text") {
      if (chunk.includes(0)) refuse(this.fileName, "binary data (not plain text)");
      try {
        this.decoder!.decode(chunk, { stream: true });
      } catch {
        refuse(this.fileName, "not valid UTF-8 text");
      }
    } else if (this.type === "ooxml") {
      this.tail.push(Uint8Array.from(chunk));
      this.tailBytes += chunk.length;
      while (this.tail.length > 1 && this.tailBytes - this.tail[0]!.length >= ZIP_TAIL_BYTES) this.tailBytes -= this.tail.shift()!.length;
    }
  }

  private result: Promise<{ type: AllowedType; mime: string }> | null = null;

  /** The type to store, once the whole file has been seen (safe to call again: same answer). */
  finish(): Promise<{ type: AllowedType; mime: string }> {
    return (this.result ??= this.decide());
  }

  private async decide(): Promise<{ type: AllowedType; mime: string }> {
    if (this.type === null) refuse(this.fileName, "empty");
    if (this.type === "text") {
      try {
        this.decoder!.decode();
      } catch {
        refuse(this.fileName, "not valid UTF-8 text");
      }
    }
    let type: AllowedType;
    if (this.type === "ooxml") {
      type = await this.officeFlavour();
      assertAgrees(this.fileName, this.claimedMime, type);
    } else type = this.type;
    return { type, mime: ALLOWED_TYPES[type].mime };
  }

  private async officeFlavour(): Promise<AllowedType> {
    const tail = new Uint8Array(this.tailBytes);
    let p = 0;
    for (const part of this.tail) {
      tail.set(part, p);
      p += part.length;
    }
    this.tail = [];
    const tailStart = this.total - tail.length;
    const directory = await readZipDirectory({
      size: this.total,
      async read(position, length) {
        if (position < tailStart) throw new FileRefusedError("zip directory too large to check");
        return tail.subarray(position - tailStart, position - tailStart + length);
      },
      async close() {},
    }).catch(() => null);
    if (!directory) refuse(this.fileName, "a damaged or unsupported zip archive");
    const names = directory.entries.map((e) => e.name);
    if (names.some((n) => n.includes("..") || n.startsWith("/"))) refuse(this.fileName, "a zip archive with unsafe paths");
    if (!names.includes("[Content_Types].xml")) refuse(this.fileName, "a zip archive");
    if (names.some((n) => n.startsWith("word/"))) return "docx";
    if (names.some((n) => n.startsWith("xl/"))) return "xlsx";
    return refuse(this.fileName, "an Office file that is neither a Word document nor an Excel workbook");
  }
}
