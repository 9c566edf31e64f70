import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as FontkitModule from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";
import { classifyCodePoint, type Script } from "../domain/reports/pdf-text";

/*
 * Fonts for PDF reports, shipped in public/fonts (SIL OFL, from Debian's fonts-noto-core and
 * fonts-noto-cjk): Noto Sans (Latin, Cyrillic, Greek, U+FFFD), Noto Sans Arabic, Noto Sans CJK SC.
 * Each report subsets the Latin and CJK fonts with HarfBuzz to the characters it uses (pdf-lib's own
 * subsetter drops CJK glyphs) and embeds the subset whole, so PDFs stay small (tens of KB). The
 * Arabic font (240 KB) is embedded whole: its HarfBuzz subset is not drawn by poppler (checked
 * visually), and its joining forms must survive for fontkit's shaping.
 */
const FONT_FILES = {
  latin: "NotoSans-Regular.ttf",
  latinBold: "NotoSans-Bold.ttf",
  arabic: "NotoSansArabic-Regular.ttf",
  cjk: "NotoSansCJKsc-Regular.otf",
} as const;
type FontKey = keyof typeof FONT_FILES;

function findFontDir(): string {
  const candidates: string[] = [];
  if (process.env.REPORT_FONTS_DIR) candidates.push(process.env.REPORT_FONTS_DIR);
  // From this module (app/reports when run by tsx, build/ inside the Remix bundle) up to the repo.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    candidates.push(path.join(dir, "public", "fonts"));
    dir = path.dirname(dir);
  }
  candidates.push(path.resolve("public", "fonts"));
  const found = candidates.find((c) => existsSync(path.join(c, FONT_FILES.latin)));
  if (!found) throw new Error(`PDF fonts not found (looked in ${candidates.join(", ")}); set REPORT_FONTS_DIR.`);
  return found;
}

/*
 * fontkit (≈ 30 MB resident once loaded) and subset-font (HarfBuzz wasm) are imported when the
 * first PDF is made, not with this module: the server bundle and the job runner import it, and a
 * process that never makes a PDF should not carry them. `embedFonts` loads fontkit before anything
 * calls `hasGlyph` (the renderer only exists after it).
 */
type Fontkit = typeof FontkitModule;
let fontkit: Fontkit | undefined;

async function loadFontkit(): Promise<Fontkit> {
  fontkit ??= (await import("@pdf-lib/fontkit")).default;
  return fontkit;
}

const bytesCache = new Map<FontKey, Buffer>();
const coverageCache = new Map<FontKey, { hasGlyphForCodePoint(cp: number): boolean }>();

function fontBytes(key: FontKey): Buffer {
  let bytes = bytesCache.get(key);
  if (!bytes) {
    bytes = readFileSync(path.join(findFontDir(), FONT_FILES[key]));
    bytesCache.set(key, bytes);
  }
  return bytes;
}

function coverage(key: FontKey) {
  let font = coverageCache.get(key);
  if (!font) {
    if (!fontkit) throw new Error("fonts used before embedFonts loaded fontkit");
    font = fontkit.create(fontBytes(key)) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
    coverageCache.set(key, font);
  }
  return font;
}

const SCRIPT_FONT: Record<Script, FontKey> = { latin: "latin", arabic: "arabic", cjk: "cjk" };

/** Can the font for `script` draw this character? */
export function hasGlyph(script: Script, char: string): boolean {
  return coverage(SCRIPT_FONT[script]).hasGlyphForCodePoint(char.codePointAt(0)!);
}

export interface FontSet {
  regular: Record<Script, PDFFont>;
  bold: PDFFont;
}

/** Embeds the fonts a document needs, each subset to the characters of `text`. */
export async function embedFonts(doc: PDFDocument, text: string): Promise<FontSet> {
  doc.registerFontkit(await loadFontkit());
  const { default: subsetFont } = await import("subset-font");
  const chars = [...new Set(text + "\uFFFD …·—–-0123456789")].join("");
  const needs = { arabic: false, cjk: false };
  for (const char of chars) {
    const cls = classifyCodePoint(char.codePointAt(0)!);
    if (cls === "arabic") needs.arabic = true;
    if (cls === "cjk") needs.cjk = true;
    if (cls === "latin" && !hasGlyph("latin", char) && hasGlyph("cjk", char)) needs.cjk = true;
  }
  // Latin ligatures off: the PDF's widths and text extraction stay per character.
  const embed = async (key: FontKey, features?: Record<string, boolean>) =>
    doc.embedFont(await subsetFont(fontBytes(key), chars, { targetFormat: "sfnt" }), { subset: false, features });
  const latin = await embed("latin", { liga: false });
  const bold = await embed("latinBold", { liga: false });
  const cjk = needs.cjk ? await embed("cjk") : latin;
  const arabic = needs.arabic ? await doc.embedFont(fontBytes("arabic"), { subset: false }) : latin;
  return { regular: { latin, arabic, cjk }, bold };
}
