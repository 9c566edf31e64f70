import { describe, expect, it } from "vitest";
import { ContentInspector, FileRefusedError, HEAD_BYTES, classifyHead } from "../../../app/domain/evidence";
import { FIXTURES } from "./fixtures";

async function inspect(bytes: Uint8Array, fileName: string, mime = "application/octet-stream", chunk = 1000) {
  const inspector = new ContentInspector(fileName, mime);
  inspector.head(bytes.subarray(0, HEAD_BYTES));
  for (let i = 0; i < bytes.length; i += chunk) inspector.update(bytes.subarray(i, i + chunk));
  return inspector.finish();
}

describe("content sniffing", () => {
  it.each([
    ["pdf", "plan.pdf", "application/pdf", "application/pdf"],
    ["png", "diagram.png", "image/png", "image/png"],
    ["jpeg", "scan.jpeg", "image/jpeg", "image/jpeg"],
    ["jpeg", "scan.JPG", "", "image/jpeg"],
    ["docx", "plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["xlsx", "test.xlsx", "application/octet-stream", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["text", "notes.txt", "text/plain; charset=utf-8", "text/plain; charset=utf-8"],
  ] as const)("accepts a real %s named %s", async (fixture, name, claimed, stored) => {
    expect((await inspect(FIXTURES[fixture], name, claimed)).mime).toBe(stored);
  });

  it.each([
    ["elf", "evil.pdf", /executable program \(ELF\)/],
    ["html", "evil.pdf", /HTML page/],
    ["svg", "logo.svg", /SVG image/],
    ["svg", "logo.txt", /SVG image/],
    ["pe", "setup.pdf", /executable program \(Windows\)/],
    ["machO", "app.pdf", /Mach-O/],
    ["script", "run.txt", /script/],
    ["gzip", "backup.pdf", /archive \(gzip\)/],
    ["sevenZip", "a.pdf", /7z/],
    ["rar", "a.pdf", /RAR/],
    ["ole", "old.doc", /legacy or password-protected Office/],
    ["zip", "bundle.zip", /zip archive/],
  ] as const)("refuses %s content named %s with a clear message", async (fixture, name, message) => {
    const attempt = inspect(FIXTURES[fixture], name);
    await expect(attempt).rejects.toBeInstanceOf(FileRefusedError);
    await expect(inspect(FIXTURES[fixture], name)).rejects.toThrow(message);
  });

  it("refuses a zip posing as a .docx (no Office parts in its directory)", async () => {
    await expect(inspect(FIXTURES.zip, "plan.docx")).rejects.toThrow(/zip archive/);
  });

  it("refuses a workbook named .docx and a document named .xlsx", async () => {
    await expect(inspect(FIXTURES.xlsx, "plan.docx")).rejects.toThrow(/Excel workbook .* ends in \.docx/);
    await expect(inspect(FIXTURES.docx, "plan.xlsx")).rejects.toThrow(/Word document .* ends in \.xlsx/);
  });

  it("requires the extension to match the content", async () => {
    await expect(inspect(FIXTURES.pdf, "plan.png")).rejects.toThrow(/PDF document, but its name ends in \.png/);
    await expect(inspect(FIXTURES.pdf, "plan")).rejects.toThrow(/has no extension/);
  });

  it("requires a specific claimed MIME type to match the content", async () => {
    await expect(inspect(FIXTURES.pdf, "plan.pdf", "text/html")).rejects.toThrow(/sent as text\/html/);
    await expect(inspect(FIXTURES.png, "a.png", "image/jpeg")).rejects.toThrow(/sent as image\/jpeg/);
  });

  it("checks plain text to the end: a NUL or invalid UTF-8 later on is refused", async () => {
    const late = new Uint8Array(HEAD_BYTES * 3).fill(0x61);
    late[HEAD_BYTES * 2] = 0;
    await expect(inspect(late, "notes.txt")).rejects.toThrow(/binary data/);
    late[HEAD_BYTES * 2] = 0xff;
    await expect(inspect(late, "notes.txt")).rejects.toThrow(/UTF-8/);
    // A multi-byte character split across chunks is fine.
    const text = new TextEncoder().encode("€".repeat(5000));
    await expect(inspect(text, "notes.txt", "text/plain", 7)).resolves.toMatchObject({ type: "text" });
  });

  it("refuses empty files and HTML hidden after whitespace", () => {
    expect(classifyHead(new Uint8Array())).toEqual({ ok: false, what: "empty" });
    expect(classifyHead(new TextEncoder().encode("\n\n   <html><body>hi"))).toEqual({ ok: false, what: "an HTML page" });
    expect(classifyHead(new TextEncoder().encode("MZ Holdings annual plan"))).toEqual({ ok: true, type: "text" });
  });
});
