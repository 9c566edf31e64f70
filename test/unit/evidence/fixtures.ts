import { strToU8, zipSync } from "fflate";

/** Small real-looking files for the content checks (built in memory, no binary fixtures in git). */
export const FIXTURES = {
  pdf: strToU8("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"),
  png: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]),
  jpeg: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]),
  docx: zipSync({
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types/>'),
    "_rels/.rels": strToU8("<Relationships/>"),
    "word/document.xml": strToU8("<w:document/>"),
  }),
  // LibreOffice writes [Content_Types].xml last: the central directory still finds it.
  xlsx: zipSync({
    "_rels/.rels": strToU8("<Relationships/>"),
    "xl/workbook.xml": strToU8("<workbook/>"),
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types/>'),
  }),
  zip: zipSync({ "readme.txt": strToU8("hello"), "payload.exe": strToU8("MZ\0\0") }),
  text: strToU8("Business continuity plan — Übersicht 业务连续性 خطة\nLine two\n"),
  elf: Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0]),
  pe: Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]),
  html: strToU8("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
  svg: strToU8('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
  script: strToU8("#!/bin/sh\nrm -rf /\n"),
  gzip: Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
  sevenZip: Uint8Array.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]),
  rar: Uint8Array.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00]),
  ole: Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
  machO: Uint8Array.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]),
};
