import { describe, expect, it } from "vitest";
import type { AnswerValue, Question } from "../../../app/domain/questionnaire/answers";
import { DEFAULT_TEMPLATE } from "../../../app/domain/questionnaire/default-template";
import {
  ANSWERS_SHEET,
  ANSWER_COLUMNS,
  COL,
  buildOfflineWorkbook,
  cellText,
  columnLetter,
  parseOfflineWorkbook,
  tableSheetName,
  type OfflineWorkbook,
  type SheetGrid,
} from "../../../app/domain/questionnaire/offline";

/** The default template as stored questions (ids = keys). */
const questions: Question[] = DEFAULT_TEMPLATE.sections.flatMap((s) =>
  s.questions.map(({ key, text, help, type, required, weight, mapsTo, ...config }) => ({
    id: key,
    key,
    sectionKey: s.key,
    sectionTitle: s.title,
    text,
    help: help ?? null,
    type,
    required,
    weight,
    mapsTo: mapsTo ?? null,
    config,
  })),
);
const byType = (type: Question["type"]) => (questions.find((q) => q.type === type && !q.config.condition) ?? questions.find((q) => q.type === type))!;

/** The workbook content as the grids a reader would produce. */
function grids(content: OfflineWorkbook): SheetGrid[] {
  const answers: SheetGrid = {
    name: ANSWERS_SHEET,
    rows: [[...ANSWER_COLUMNS], ...content.answers.map((r) => [r.section, r.key, r.question, r.type, r.allowed, r.required, r.answer, r.revision])],
  };
  return [answers, ...content.tables.map((t) => ({ name: t.name, rows: [t.columns.map((c) => c.label), t.columns.map((c) => c.key), ...t.rows] }))];
}

function setAnswer(sheets: SheetGrid[], key: string, value: unknown) {
  const row = sheets[0]!.rows.find((r) => r[COL.Key - 1] === key)!;
  row[COL.Answer - 1] = value;
}

const fieldsOf = (fields: [string, string][], name: string) => fields.filter(([k]) => k === name).map(([, v]) => v);

describe("offline workbook content", () => {
  it("writes one row per question with the answer in the sheet's conventions", () => {
    const duration = byType("duration");
    const yesNo = byType("yes_no");
    const multi = byType("multi_choice");
    const text = byType("text");
    const answers = new Map<string, AnswerValue>([
      [duration.key, 240],
      [yesNo.key, false],
      [multi.key, multi.config.options!.slice(0, 2).map((o) => o.value)],
      [text.key, "=HYPERLINK(\"http://evil\")"],
    ]);
    const content = buildOfflineWorkbook(questions, answers, new Map([[duration.key, 3]]));
    expect(content.answers).toHaveLength(questions.length);
    const row = (key: string) => content.answers.find((r) => r.key === key)!;
    expect(row(duration.key).answer).toBe(4);
    expect(row(duration.key).revision).toBe(3);
    expect(row(yesNo.key).answer).toBe("No");
    expect(row(multi.key).answer).toBe(multi.config.options!.slice(0, 2).map((o) => o.value).join(", "));
    expect(row(text.key).answer).toBe("=HYPERLINK(\"http://evil\")");
    expect(content.tables.map((t) => t.name)).toEqual(questions.filter((q) => q.type === "table").map((q) => tableSheetName(q.key)));
    expect(row(questions.find((q) => q.type === "file")!.key).editable).toBe(false);
  });

  it("reads its own output back to the same answers (round trip), matching by key not position", () => {
    const duration = byType("duration");
    const table = questions.find((q) => q.mapsTo === "sub_suppliers")!;
    const answers = new Map<string, AnswerValue>([
      [duration.key, 90],
      [table.key, [{ name: "Acme", country: "DE", supplies: "Chips", single_source: true, buffer: 2880 }]],
    ]);
    const sheets = grids(buildOfflineWorkbook(questions, answers, new Map()));
    // Shuffle the question rows: matching is by the Key column.
    const [header, ...rows] = sheets[0]!.rows;
    sheets[0]!.rows = [header!, ...rows.reverse()];
    const parsed = parseOfflineWorkbook(questions, sheets);
    expect(parsed.errors).toEqual([]);
    expect(fieldsOf(parsed.fields, `q.${duration.key}`)).toEqual(["1.5"]);
    expect(fieldsOf(parsed.fields, `q.${duration.key}.unit`)).toEqual(["h"]);
    expect(fieldsOf(parsed.fields, `q.${table.key}.0.name`)).toEqual(["Acme"]);
    expect(fieldsOf(parsed.fields, `q.${table.key}.0.buffer`)).toEqual(["48"]);
    expect(fieldsOf(parsed.fields, `q.${table.key}.0.single_source`)).toEqual(["yes"]);
  });

  it("names the sheet, row and column of every invalid cell", () => {
    const duration = byType("duration");
    const single = byType("single_choice");
    const yesNo = byType("yes_no");
    const date = byType("date") ?? questions.find((q) => q.type === "date")!;
    const table = questions.find((q) => q.mapsTo === "sub_suppliers")!;
    const sheets = grids(buildOfflineWorkbook(questions, new Map(), new Map()));
    setAnswer(sheets, duration.key, "-4");
    setAnswer(sheets, single.key, "sometimes");
    setAnswer(sheets, yesNo.key, "maybe");
    setAnswer(sheets, date.key, "31/12/2026");
    const tableSheet = sheets.find((s) => s.name === tableSheetName(table.key))!;
    tableSheet.rows.push(["Acme", "Germany", "Chips", "perhaps", "x"]);
    const parsed = parseOfflineWorkbook(questions, sheets);
    const rowOf = (key: string) => sheets[0]!.rows.findIndex((r) => r[COL.Key - 1] === key) + 1;
    const answerColumn = columnLetter(COL.Answer);
    expect(parsed.errors).toContainEqual({ sheet: "Answers", row: rowOf(duration.key), column: answerColumn, header: "Answer", message: "Enter a duration of 0 or more" });
    expect(parsed.errors).toContainEqual({ sheet: "Answers", row: rowOf(single.key), column: answerColumn, header: "Answer", message: "Choose one of the options" });
    expect(parsed.errors).toContainEqual({ sheet: "Answers", row: rowOf(yesNo.key), column: answerColumn, header: "Answer", message: "Answer yes or no" });
    expect(parsed.errors).toContainEqual({ sheet: "Answers", row: rowOf(date.key), column: answerColumn, header: "Answer", message: "Enter a date (YYYY-MM-DD)" });
    const tableErrors = parsed.errors.filter((e) => e.sheet === tableSheet.name);
    expect(tableErrors.map((e) => `${e.column}${e.row}`)).toEqual(["B3", "D3", "E3"]);
    // Invalid answers are never among the fields to save.
    expect(parsed.present).not.toContain(duration.key);
    expect(parsed.present).not.toContain(table.key);
  });

  it("reports unknown and duplicated keys on the Key column", () => {
    const sheets = grids(buildOfflineWorkbook(questions, new Map(), new Map()));
    sheets[0]!.rows.push(["x", "no_such_question", "", "", "", "", "1", 0]);
    sheets[0]!.rows.push(["x", questions[0]!.key, "", "", "", "", "Yes", 0]);
    const parsed = parseOfflineWorkbook(questions, sheets);
    expect(parsed.errors.map((e) => [e.row, e.column, e.message.slice(0, 20)])).toEqual([
      [sheets[0]!.rows.length - 1, "B", 'Unknown question key'],
      [sheets[0]!.rows.length, "B", `Question "${questions[0]!.key}" a`.slice(0, 20)],
    ]);
  });

  it("treats dates, booleans and comma lists like the web form", () => {
    expect(cellText(new Date(Date.UTC(2026, 8, 1)))).toBe("2026-09-01");
    const multi = byType("multi_choice");
    const yesNo = byType("yes_no");
    const sheets = grids(buildOfflineWorkbook(questions, new Map(), new Map()));
    const [a, b] = multi.config.options!;
    setAnswer(sheets, multi.key, `${a!.value}, ${b!.value.toUpperCase()}`);
    setAnswer(sheets, yesNo.key, true);
    const parsed = parseOfflineWorkbook(questions, sheets);
    expect(parsed.errors).toEqual([]);
    expect(fieldsOf(parsed.fields, `q.${multi.key}`)).toEqual([a!.value, b!.value]);
    expect(fieldsOf(parsed.fields, `q.${yesNo.key}`)).toEqual(["yes"]);
  });

  it("does not post hidden, unanswered questions (their stored answers are kept)", () => {
    const conditional = questions.find((q) => q.config.condition?.equals === true && q.type !== "file" && q.type !== "table")!;
    const sheets = grids(buildOfflineWorkbook(questions, new Map(), new Map()));
    setAnswer(sheets, conditional.config.condition!.questionKey, "No");
    expect(parseOfflineWorkbook(questions, sheets).present).not.toContain(conditional.key);
    setAnswer(sheets, conditional.config.condition!.questionKey, "Yes");
    expect(parseOfflineWorkbook(questions, sheets).present).toContain(conditional.key);
  });

  it("refuses a workbook without the Answers sheet", () => {
    expect(parseOfflineWorkbook(questions, [{ name: "Sheet1", rows: [] }]).errors[0]!.message).toMatch(/no sheet named "Answers"/);
  });
});
