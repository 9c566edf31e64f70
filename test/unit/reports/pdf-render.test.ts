import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderPdf } from "../../../app/reports/pdf.server";

describe("PDF renderer", () => {
  it("renders any script (emoji become a replacement glyph) and breaks long tables across pages", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => [`Supplier ${i} 😀🇩🇪`, "深圳市供应链有限公司", "شركة التوريد", "Łódź Sp. z o.o. — ООО Поставка"]);
    const bytes = await renderPdf({
      title: "Test",
      footer: "footer",
      blocks: [
        { type: "title", text: "Ünïcödé 深圳 شركة 😀" },
        { type: "table", columns: [{ header: "A", width: 2 }, { header: "B", width: 2 }, { header: "C", width: 2 }, { header: "D", width: 3 }], rows },
      ],
    });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(3);
    expect(doc.getTitle()).toBe("Test");
    // Subset fonts keep the file small even with a CJK font in it.
    expect(bytes.length).toBeLessThan(600_000);
  }, 30_000);
});
