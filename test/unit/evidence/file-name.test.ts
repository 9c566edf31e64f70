import { describe, expect, it } from "vitest";
import { MAX_FILE_NAME_LENGTH, contentDisposition, extensionOf, sanitizeFileName } from "../../../app/domain/evidence";

describe("file-name sanitising", () => {
  it("keeps only the last path segment", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("C:\\Users\\me\\plan.pdf")).toBe("plan.pdf");
  });

  it("drops control characters and bidi overrides", () => {
    expect(sanitizeFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(sanitizeFileName("a\u2066b\u2069c\u0000d\u001f\u007f.pdf")).toBe("abcd.pdf");
    expect(sanitizeFileName("line\r\nbreak.txt")).toBe("line break.txt");
  });

  it("keeps Chinese, Arabic and accented names", () => {
    expect(sanitizeFileName("业务连续性计划.pdf")).toBe("业务连续性计划.pdf");
    expect(sanitizeFileName("خطة استمرارية العمل.docx")).toBe("خطة استمرارية العمل.docx");
    expect(sanitizeFileName("Übersicht é.pdf")).toBe("Übersicht é.pdf");
  });

  it("never returns a hidden, empty or dot-only name, and replaces reserved characters", () => {
    expect(sanitizeFileName(".htaccess")).toBe("htaccess");
    expect(sanitizeFileName("..")).toBe("file");
    expect(sanitizeFileName("\u202E")).toBe("file");
    expect(sanitizeFileName('a<b>:"c|?*.pdf')).toBe("a_b___c___.pdf");
  });

  it("limits the length but keeps the extension", () => {
    const long = sanitizeFileName(`${"名".repeat(500)}.pdf`);
    expect(Array.from(long)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(extensionOf(long)).toBe(".pdf");
  });

  it("builds an ASCII-safe Content-Disposition with the UTF-8 name", () => {
    expect(contentDisposition('计划 "v2".pdf')).toBe(`attachment; filename="__ _v2_.pdf"; filename*=UTF-8''%E8%AE%A1%E5%88%92%20%22v2%22.pdf`);
  });
});
