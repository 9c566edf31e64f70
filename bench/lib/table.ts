/** Renders rows as an aligned plain-text table (for stdout and docs). */

export interface Column {
  header: string;
  align?: "left" | "right";
}

export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const pad = " ".repeat(Math.max(0, widths[i]! - width(cell)));
        return columns[i]!.align === "right" ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => "─".repeat(w))),
    ...rows.map((r) => line(columns.map((_, i) => r[i] ?? ""))),
  ].join("\n");
}

/** Renders the same rows as a Markdown table. */
export function renderMarkdownTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [
    `| ${columns.map((c) => esc(c.header)).join(" | ")} |`,
    `| ${columns.map((c) => (c.align === "right" ? "---:" : "---")).join(" | ")} |`,
    ...rows.map((r) => `| ${columns.map((_, i) => esc(r[i] ?? "")).join(" | ")} |`),
  ].join("\n");
}

/** Display width: code points, with East Asian wide characters counted twice. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) ? 2 : 1;
  }
  return w;
}
