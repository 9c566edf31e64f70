/**
 * A small streaming CSV reader (RFC 4180 plus what spreadsheet programs write): UTF-8 with or without
 * BOM; CRLF, LF or CR line ends; comma or semicolon, whichever the header line uses more; fields in
 * double quotes may hold separators, doubled quotes and line breaks. Memory holds one record at a time.
 */

export interface CsvRecord {
  /** 1-based, counting records (a quoted line break does not start a new one), as a spreadsheet shows rows. */
  number: number;
  fields: string[];
}

export class CsvFormatError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
  }
}

const MAX_HEADER_CHARS = 64 * 1024;
const NOT_UTF8 = "The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.";

/** Reads records from UTF-8 bytes. Throws CsvFormatError on bytes that are not UTF-8 or an unclosed quote. */
export async function* readCsvRecords(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder("utf-8", { fatal: true }); // drops a leading BOM
  let tokenizer: CsvTokenizer | null = null;
  let pending = "";
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new CsvFormatError(NOT_UTF8, tokenizer?.row ?? 1);
    }
    if (tokenizer) {
      yield* tokenizer.push(text);
      continue;
    }
    // The separator is decided on the header line, so wait until it is complete (or absurdly long).
    pending += text;
    const headerLine = completeFirstLine(pending) ?? (pending.length > MAX_HEADER_CHARS ? pending : null);
    if (headerLine === null) continue;
    tokenizer = new CsvTokenizer(detectSeparator(headerLine));
    yield* tokenizer.push(pending);
    pending = "";
  }
  try {
    pending += decoder.decode(); // an incomplete character at the very end throws here
  } catch {
    throw new CsvFormatError(NOT_UTF8, tokenizer?.row ?? 1);
  }
  tokenizer ??= new CsvTokenizer(detectSeparator(pending));
  yield* tokenizer.push(pending);
  yield* tokenizer.end();
}

/** The first line if a line end (outside quotes) has been seen, else null. */
function completeFirstLine(text: string): string | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) return text.slice(0, i);
  }
  return null;
}

function detectSeparator(headerLine: string): "," | ";" {
  const unquoted = headerLine.replace(/"[^"]*"/g, "");
  const count = (ch: string) => unquoted.split(ch).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

/** Undoes csvSafe() from write.ts: `'=1+2` was written for the text `=1+2`. */
function removeFormulaGuard(field: string): string {
  return /^'[=+\-@\t\r]/.test(field) ? field.slice(1) : field;
}

type State = "fieldStart" | "unquoted" | "quoted" | "quoteInQuoted";

class CsvTokenizer {
  private state: State = "fieldStart";
  private field = "";
  private fields: string[] = [];
  private skipLineFeed = false; // after a CR: a following LF belongs to the same line end
  private records = 0;

  constructor(private readonly separator: string) {}

  /** The row being read now (for error messages). */
  get row(): number {
    return this.records + 1;
  }

  *push(text: string): Generator<CsvRecord> {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (this.skipLineFeed) {
        this.skipLineFeed = false;
        if (ch === "\n") continue;
      }
      if (this.state === "quoted") {
        if (ch === '"') this.state = "quoteInQuoted";
        else this.field += ch;
        continue;
      }
      if (this.state === "quoteInQuoted") {
        if (ch === '"') {
          this.field += '"';
          this.state = "quoted";
          continue;
        }
        this.state = "unquoted"; // the quote closed the field; go on with this character
      }
      if (this.state === "fieldStart" && ch === '"') {
        this.state = "quoted";
      } else if (ch === this.separator) {
        this.endField();
      } else if (ch === "\r" || ch === "\n") {
        this.skipLineFeed = ch === "\r";
        yield this.endRecord();
      } else {
        this.field += ch;
        this.state = "unquoted";
      }
    }
  }

  *end(): Generator<CsvRecord> {
    if (this.state === "quoted") {
      throw new CsvFormatError(`A quoted field on row ${this.row} is never closed (a missing ").`, this.row);
    }
    if (this.field !== "" || this.fields.length > 0 || this.state !== "fieldStart") yield this.endRecord();
  }

  private endField(): void {
    this.fields.push(removeFormulaGuard(this.field));
    this.field = "";
    this.state = "fieldStart";
  }

  private endRecord(): CsvRecord {
    this.endField();
    const record = { number: ++this.records, fields: this.fields };
    this.fields = [];
    return record;
  }
}
