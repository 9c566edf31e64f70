import { cellText, type SheetGrid } from "./offline";
import type { TemplateDefinition, TemplateQuestion, TemplateSection } from "./default-template";
import { KEY_PATTERN, MAX_TEMPLATE_QUESTIONS, QUESTION_FIELD_NAMES, sectionKeys, validateQuestionFields, type QuestionFields } from "./template-question";

export { MAX_TEMPLATE_QUESTIONS, slugify } from "./template-question";

/*
 * A questionnaire template from a spreadsheet: one row per question, in order, with the columns
 *   section | key | text | type | options | required | weight | help | condition | maps_to
 * (optional: good_answer). Pure: takes a plain cell grid, returns the definition or per-row errors.
 * Each row is checked by validateQuestionFields (template-question.ts), the same rules as the
 * template builder; the field syntax is described there.
 *
 * - section: the section title; consecutive rows with the same title form one section.
 */

export const TEMPLATE_COLUMNS = ["section", "key", "text", "type", "options", "required", "weight", "help", "condition", "maps_to"] as const;

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export type TemplateImportResult = { ok: true; definition: TemplateDefinition; questionCount: number } | { ok: false; errors: RowError[] };

export function parseTemplateSheet(sheet: SheetGrid, meta: { key: string; name: string; description: string }): TemplateImportResult {
  const errors: RowError[] = [];
  const header = (sheet.rows[0] ?? []).map((h) => cellText(h).toLowerCase().replace(/[\s-]+/g, "_"));
  const at = (name: string) => header.indexOf(name);
  for (const required of ["section", "key", "text", "type"]) {
    if (at(required) < 0) errors.push({ row: 1, column: required, message: `Missing column "${required}"` });
  }
  if (errors.length) return { ok: false, errors };

  const rows: { section: string; question: TemplateQuestion }[] = [];
  const seen = new Map<string, { row: number; question: TemplateQuestion }>();
  const earlier = new Map<string, TemplateQuestion>();
  let count = 0;
  for (let r = 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const get = (name: string) => (at(name) < 0 ? "" : cellText(cells[at(name)]));
    const rowNumber = r + 1;
    if (TEMPLATE_COLUMNS.every((c) => get(c) === "")) continue;
    if (++count > MAX_TEMPLATE_QUESTIONS) {
      errors.push({ row: rowNumber, column: "key", message: `At most ${MAX_TEMPLATE_QUESTIONS} questions` });
      break;
    }
    const fields = Object.fromEntries(QUESTION_FIELD_NAMES.map((name) => [name, get(name)])) as unknown as QuestionFields;
    const { question, section, problems } = validateQuestionFields(fields, {
      earlier,
      keyUsedAt: (key) => (seen.has(key) ? `on row ${seen.get(key)!.row}` : undefined),
      here: "this row",
    });
    for (const p of problems) errors.push({ row: rowNumber, column: p.field, message: p.message });
    if (KEY_PATTERN.test(question.key) && !seen.has(question.key)) {
      seen.set(question.key, { row: rowNumber, question });
      earlier.set(question.key, question);
    }
    rows.push({ section, question });
  }
  if (count === 0 && errors.length === 0) errors.push({ row: 2, column: "key", message: "The sheet has no questions" });
  if (errors.length) return { ok: false, errors };
  const keys = sectionKeys(rows.map((r) => r.section));
  const sections: TemplateSection[] = [];
  rows.forEach(({ section, question }, i) => {
    const last = sections.at(-1);
    if (last && last.key === keys[i]) last.questions.push(question);
    else sections.push({ key: keys[i]!, title: section, questions: [question] });
  });
  return { ok: true, definition: { key: meta.key, name: meta.name, description: meta.description, sections }, questionCount: count };
}
