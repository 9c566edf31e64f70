/**
 * A PDF report as data (pure): a list of blocks the renderer lays out on A4 pages. Building the
 * model first lets the renderer know every character before it embeds the subset fonts.
 */
export type Block =
  | { type: "title"; text: string }
  | { type: "heading"; text: string }
  | { type: "paragraph"; text: string; muted?: boolean }
  | { type: "facts"; rows: readonly (readonly [string, string])[] }
  | { type: "table"; columns: readonly { header: string; width: number }[]; rows: readonly (readonly string[])[]; empty?: string }
  | { type: "status"; label: string; tone: "good" | "warn" | "bad" | "unknown" }
  | { type: "pageBreak" };

export interface PdfModel {
  title: string;
  /** Shown in every page footer next to the page number. */
  footer: string;
  blocks: Block[];
}

export const PAGE_NUMBER_SAMPLE = "Page 0123456789 of";

/** Every piece of text of a model (for font subsetting). */
export function modelText(model: PdfModel): string {
  const parts: string[] = [model.title, model.footer, PAGE_NUMBER_SAMPLE, "…"];
  for (const block of model.blocks) {
    switch (block.type) {
      case "title":
      case "heading":
      case "paragraph":
        parts.push(block.text);
        break;
      case "status":
        parts.push(block.label);
        break;
      case "facts":
        for (const [k, v] of block.rows) parts.push(k, v);
        break;
      case "table":
        parts.push(...block.columns.map((c) => c.header), block.empty ?? "");
        for (const row of block.rows) parts.push(...row);
        break;
      case "pageBreak":
        break;
    }
  }
  return parts.join("\n");
}

/** Distinct characters of a text, as one string. */
export function distinctChars(text: string): string {
  return [...new Set(text)].join("");
}
