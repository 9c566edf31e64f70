/**
 * Text shaping helpers for PDF reports (pure): which font each character needs, how runs of one
 * script are ordered on a line (a simplified bidi: right-to-left paragraphs reverse their runs;
 * the Arabic font's own layout reverses and joins the letters inside a run), and greedy line
 * breaking that also breaks between CJK characters.
 */
export type Script = "latin" | "arabic" | "cjk";
type CharClass = Script | "neutral" | "ignore";

export const REPLACEMENT_CHAR = "\uFFFD";

export function classifyCodePoint(cp: number): CharClass {
  if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x200b || cp === 0x200c || (cp >= 0xe0020 && cp <= 0xe007f)) return "ignore";
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return "ignore";
  if (
    (cp >= 0x0600 && cp <= 0x06ff) ||
    (cp >= 0x0750 && cp <= 0x077f) ||
    (cp >= 0x08a0 && cp <= 0x08ff) ||
    (cp >= 0xfb50 && cp <= 0xfdff) ||
    (cp >= 0xfe70 && cp <= 0xfeff)
  )
    return "arabic";
  if (
    (cp >= 0x2e80 && cp <= 0x2fff) ||
    (cp >= 0x3000 && cp <= 0x31ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  )
    return "cjk";
  // Spaces and common punctuation take the script of the text around them.
  if (cp === 0x20 || cp === 0xa0 || /[\p{P}\p{Zs}]/u.test(String.fromCodePoint(cp))) return "neutral";
  return "latin";
}

export interface Run {
  script: Script;
  text: string;
}

/**
 * Splits text into runs of one script. `hasGlyph(script, char)` says whether that script's font can
 * draw the character; a character no font can draw (emoji, rare symbols) becomes U+FFFD in a latin
 * run, so rendering never fails.
 */
export function splitRuns(text: string, hasGlyph: (script: Script, char: string) => boolean): Run[] {
  const runs: Run[] = [];
  let pendingNeutral = "";
  const push = (script: Script, chars: string) => {
    const last = runs[runs.length - 1];
    if (last && last.script === script) last.text += chars;
    else runs.push({ script, text: chars });
  };
  for (const char of text) {
    const cls = classifyCodePoint(char.codePointAt(0)!);
    if (cls === "ignore") continue;
    if (cls === "neutral") {
      const last = runs[runs.length - 1];
      if (last && hasGlyph(last.script, char)) last.text += char;
      else if (!last) pendingNeutral += char;
      else push(hasGlyph("latin", char) ? "latin" : "cjk", hasGlyph("latin", char) || hasGlyph("cjk", char) ? char : REPLACEMENT_CHAR);
      continue;
    }
    let script: Script = cls;
    let out = char;
    if (!hasGlyph(script, char)) {
      const fallback = (["latin", "cjk", "arabic"] as const).find((s) => hasGlyph(s, char));
      if (fallback) script = fallback;
      else {
        script = "latin";
        out = REPLACEMENT_CHAR;
      }
    }
    if (pendingNeutral) {
      out = pendingNeutral + out;
      pendingNeutral = "";
    }
    push(script, out);
  }
  if (pendingNeutral) push("latin", pendingNeutral);
  return isRtl(runs) ? runs : detachTrailingNeutrals(runs);
}

const TRAILING_NEUTRALS = /[\p{Zs}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]+$/u;

/**
 * In a left-to-right paragraph, spaces and punctuation after an Arabic run belong to the
 * paragraph's direction: move them out of the run (which the font reverses) into a latin run.
 */
function detachTrailingNeutrals(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const trailing = run.script === "arabic" ? TRAILING_NEUTRALS.exec(run.text)?.[0] : undefined;
    const pieces: Run[] = trailing && trailing.length < run.text.length ? [{ script: "arabic", text: run.text.slice(0, -trailing.length) }, { script: "latin", text: trailing }] : [run];
    for (const piece of pieces) {
      const last = out[out.length - 1];
      if (last && last.script === piece.script) last.text += piece.text;
      else out.push({ ...piece });
    }
  }
  return out;
}

/** Is the paragraph right-to-left (its first strong character is Arabic)? */
export function isRtl(runs: readonly Run[]): boolean {
  const first = runs.find((r) => /\S/.test(r.text));
  return first?.script === "arabic";
}

/** Runs in the order they are drawn left to right. */
export function visualOrder(runs: readonly Run[]): Run[] {
  return isRtl(runs) ? [...runs].reverse() : [...runs];
}

/** Breakable pieces: words with their trailing space, and every CJK character on its own. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = "";
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (classifyCodePoint(cp) === "cjk" && cp !== 0x3001 && cp !== 0x3002 && cp !== 0xff0c) {
      if (current) tokens.push(current);
      tokens.push(char);
      current = "";
    } else if (char === " ") {
      tokens.push(current + char);
      current = "";
    } else {
      current += char;
    }
  }
  if (current) tokens.push(current);
  return tokens;
}

/**
 * Greedy line breaking. `measure` gives a text's width; a token wider than a line is split by
 * characters. Explicit newlines start a new line.
 */
export function wrapText(text: string, maxWidth: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = "";
    for (const token of tokenize(paragraph)) {
      const candidate = line + token;
      if (measure(candidate.trimEnd()) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line.trim()) lines.push(line.trimEnd());
      line = "";
      if (measure(token.trimEnd()) <= maxWidth) {
        line = token;
        continue;
      }
      // A single token longer than the line: break it by characters.
      for (const char of token) {
        if (measure(line + char) > maxWidth && line) {
          lines.push(line);
          line = "";
        }
        line += char;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
