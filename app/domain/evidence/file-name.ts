/**
 * File names as the uploader sent them are untrusted: they may carry a path, control characters,
 * or bidirectional overrides that make `invoice‮fdp.exe` read as `invoiceexe.pdf`. We keep letters of
 * every script (Chinese and Arabic names are legitimate) and drop everything that changes how a name
 * is displayed or where it points.
 */
export const MAX_FILE_NAME_LENGTH = 180;

// C0/C1 controls, DEL, bidi embeddings/overrides/isolates and marks, zero-width and BOM characters.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;
// Characters no file system or Content-Disposition header should see.
const RESERVED = /[<>:"/\\|?*]/g;

/** The last path segment, cleaned; never empty (falls back to `file`), at most MAX_FILE_NAME_LENGTH characters. */
export function sanitizeFileName(raw: string, fallback = "file"): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? "";
  let name = lastSegment.normalize("NFC").replace(/[\t\r\n]+/g, " ").replace(INVISIBLE, "").replace(RESERVED, "_").replace(/\s+/g, " ").trim();
  // No hidden files or names made only of dots (".", "..").
  name = name.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (!name) name = fallback;
  return truncateKeepingExtension(name, MAX_FILE_NAME_LENGTH);
}

/** Lower-case extension with its dot (`.pdf`), or "" when there is none. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot).toLowerCase() : "";
}

function truncateKeepingExtension(name: string, max: number): string {
  const chars = Array.from(name); // by code point, so no surrogate pair is cut in half
  if (chars.length <= max) return name;
  const ext = extensionOf(name);
  const extChars = ext.length <= 10 ? Array.from(ext) : [];
  return chars.slice(0, max - extChars.length).join("").trimEnd() + extChars.join("");
}

/** A Content-Disposition value that old and new browsers read correctly for any Unicode name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
