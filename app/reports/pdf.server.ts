import type { Color, PDFDocument, PDFFont, PDFPage } from "pdf-lib";
import { modelText, type Block, type PdfModel } from "../domain/reports/pdf-model";
import { splitRuns, visualOrder, wrapText, type Run } from "../domain/reports/pdf-text";
import { embedFonts, hasGlyph, type FontSet } from "./fonts.server";

/*
 * Renders a PdfModel on A4 pages: text in any script (font per run, right-to-left paragraphs),
 * tables whose header repeats on every page and whose rows never split across pages (a row taller
 * than a page is cut with an ellipsis), and "Page n of N" footers.
 */
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN = 48;
const FOOTER_H = 28;
const BODY = 9.5;
const LINE = 1.32;
const CELL_PAD = 4;

/** The report's colours, made with pdf-lib's `rgb` once renderPdf has loaded pdf-lib. */
function palette(rgb: (red: number, green: number, blue: number) => Color) {
  return {
    tones: {
      good: rgb(0.2, 0.55, 0.3),
      warn: rgb(0.85, 0.55, 0.1),
      bad: rgb(0.75, 0.15, 0.15),
      unknown: rgb(0.45, 0.45, 0.45),
    },
    ink: rgb(0.1, 0.1, 0.12),
    muted: rgb(0.4, 0.4, 0.45),
    rule: rgb(0.8, 0.82, 0.86),
    headerBg: rgb(0.12, 0.23, 0.37),
    zebra: rgb(0.96, 0.97, 0.98),
    white: rgb(1, 1, 1),
  };
}

class Renderer {
  page!: PDFPage;
  y = 0;
  readonly runsCache = new Map<string, Run[]>();

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: FontSet,
    readonly colours: ReturnType<typeof palette>,
  ) {
    this.newPage();
  }

  newPage() {
    this.page = this.doc.addPage([PAGE_W, PAGE_H]);
    this.y = PAGE_H - MARGIN;
  }

  get bottom() {
    return MARGIN + FOOTER_H;
  }

  ensure(height: number) {
    if (this.y - height < this.bottom) this.newPage();
  }

  runs(text: string): Run[] {
    let runs = this.runsCache.get(text);
    if (!runs) {
      runs = visualOrder(splitRuns(text, hasGlyph));
      if (this.runsCache.size > 5_000) this.runsCache.clear();
      this.runsCache.set(text, runs);
    }
    return runs;
  }

  fontFor(run: Run, bold: boolean): PDFFont {
    return bold && run.script === "latin" ? this.fonts.bold : this.fonts.regular[run.script];
  }

  width(text: string, size: number, bold = false): number {
    let total = 0;
    for (const run of this.runs(text)) total += this.fontFor(run, bold).widthOfTextAtSize(run.text, size);
    return total;
  }

  drawLine(text: string, x: number, y: number, size: number, options: { bold?: boolean; color?: Color } = {}) {
    let cursor = x;
    for (const run of this.runs(text)) {
      const font = this.fontFor(run, options.bold ?? false);
      this.page.drawText(run.text, { x: cursor, y, size, font, color: options.color ?? this.colours.ink });
      cursor += font.widthOfTextAtSize(run.text, size);
    }
  }

  wrap(text: string, maxWidth: number, size: number, bold = false): string[] {
    return wrapText(text, maxWidth, (t) => this.width(t, size, bold));
  }

  paragraph(text: string, size: number, options: { bold?: boolean; color?: Color; gapAfter?: number } = {}) {
    const lineH = size * LINE;
    for (const line of this.wrap(text, PAGE_W - 2 * MARGIN, size, options.bold)) {
      this.ensure(lineH);
      this.y -= size;
      this.drawLine(line, MARGIN, this.y, size, options);
      this.y -= lineH - size;
    }
    this.y -= options.gapAfter ?? 4;
  }

  table(block: Extract<Block, { type: "table" }>) {
    const total = block.columns.reduce((a, c) => a + c.width, 0);
    const widths = block.columns.map((c) => ((PAGE_W - 2 * MARGIN) * c.width) / total);
    const lineH = BODY * LINE;
    const maxLines = Math.floor((PAGE_H - 2 * MARGIN - FOOTER_H - 3 * lineH) / lineH);
    const layoutRow = (cells: readonly string[], bold: boolean) => {
      const lines = widths.map((w, i) => {
        const wrapped = this.wrap(cells[i] ?? "", w - 2 * CELL_PAD, BODY, bold);
        return wrapped.length > maxLines ? [...wrapped.slice(0, maxLines - 1), "…"] : wrapped;
      });
      const height = Math.max(1, ...lines.map((l) => l.length)) * lineH + 2 * CELL_PAD;
      return { lines, height };
    };
    const header = layoutRow(block.columns.map((c) => c.header), true);
    const drawRow = (row: ReturnType<typeof layoutRow>, kind: "header" | "odd" | "even") => {
      const top = this.y;
      if (kind !== "odd") {
        this.page.drawRectangle({ x: MARGIN, y: top - row.height, width: PAGE_W - 2 * MARGIN, height: row.height, color: kind === "header" ? this.colours.headerBg : this.colours.zebra });
      }
      let x = MARGIN;
      row.lines.forEach((lines, i) => {
        lines.forEach((line, n) => {
          this.drawLine(line, x + CELL_PAD, top - CELL_PAD - BODY - n * lineH + 1.5, BODY, {
            bold: kind === "header",
            color: kind === "header" ? this.colours.white : this.colours.ink,
          });
        });
        x += widths[i]!;
      });
      this.page.drawLine({ start: { x: MARGIN, y: top - row.height }, end: { x: PAGE_W - MARGIN, y: top - row.height }, thickness: 0.4, color: this.colours.rule });
      this.y = top - row.height;
    };
    this.ensure(header.height + lineH * 2 + 2 * CELL_PAD);
    drawRow(header, "header");
    if (block.rows.length === 0) {
      this.paragraph(block.empty ?? "None.", BODY, { color: this.colours.muted });
    }
    block.rows.forEach((cells, index) => {
      const row = layoutRow(cells, false);
      if (this.y - row.height < this.bottom) {
        this.newPage();
        drawRow(header, "header");
      }
      drawRow(row, index % 2 ? "even" : "odd");
    });
    this.y -= 10;
  }

  facts(rows: readonly (readonly [string, string])[]) {
    const labelW = 170;
    const lineH = BODY * LINE;
    for (const [label, value] of rows) {
      const lines = this.wrap(value, PAGE_W - 2 * MARGIN - labelW, BODY);
      this.ensure(lines.length * lineH + 2);
      const top = this.y;
      this.drawLine(label, MARGIN, top - BODY, BODY, { bold: true, color: this.colours.muted });
      lines.forEach((line, n) => this.drawLine(line, MARGIN + labelW, top - BODY - n * lineH, BODY));
      this.y = top - lines.length * lineH - 2;
    }
    this.y -= 8;
  }

  block(block: Block) {
    switch (block.type) {
      case "title":
        this.paragraph(block.text, 22, { bold: true, gapAfter: 10 });
        break;
      case "heading":
        this.ensure(60);
        this.y -= 8;
        this.paragraph(block.text, 13.5, { bold: true, gapAfter: 6 });
        break;
      case "paragraph":
        this.paragraph(block.text, BODY, { color: block.muted ? this.colours.muted : this.colours.ink });
        break;
      case "facts":
        this.facts(block.rows);
        break;
      case "table":
        this.table(block);
        break;
      case "status": {
        const size = 13;
        const w = this.width(block.label, size, true) + 20;
        this.ensure(size + 16);
        this.page.drawRectangle({ x: MARGIN, y: this.y - size - 10, width: w, height: size + 10, color: this.colours.tones[block.tone] });
        this.drawLine(block.label, MARGIN + 10, this.y - size - 3, size, { bold: true, color: this.colours.white });
        this.y -= size + 22;
        break;
      }
      case "pageBreak":
        this.newPage();
        break;
    }
  }

  footers(footer: string) {
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      this.page = page;
      page.drawLine({ start: { x: MARGIN, y: MARGIN + 12 }, end: { x: PAGE_W - MARGIN, y: MARGIN + 12 }, thickness: 0.4, color: this.colours.rule });
      const label = `Page ${index + 1} of ${pages.length}`;
      const room = PAGE_W - 2 * MARGIN - this.width(label, 8) - 16;
      const lines = this.wrap(footer, room - this.width("…", 8), 8);
      this.drawLine(lines.length > 1 ? `${lines[0]}…` : footer, MARGIN, MARGIN, 8, { color: this.colours.muted });
      this.drawLine(label, PAGE_W - MARGIN - this.width(label, 8), MARGIN, 8, { color: this.colours.muted });
    });
  }
}

/** Renders the model to PDF bytes. */
export async function renderPdf(model: PdfModel, options: { creationDate?: Date } = {}): Promise<Uint8Array> {
  // Loaded here, not with the module: the server bundle imports this file, most processes never make a PDF.
  const { PDFDocument, rgb } = await import("pdf-lib");
  const doc = await PDFDocument.create();
  doc.setTitle(model.title, { showInWindowTitleBar: true });
  doc.setProducer("Resilience portal");
  doc.setCreator("Resilience portal");
  if (options.creationDate) doc.setCreationDate(options.creationDate);
  const fonts = await embedFonts(doc, modelText(model));
  const renderer = new Renderer(doc, fonts, palette(rgb));
  for (const block of model.blocks) renderer.block(block);
  renderer.footers(model.footer);
  return doc.save();
}
