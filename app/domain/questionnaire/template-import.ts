import { cellText, type SheetGrid } from "./offline";
import type { ChoiceOption, QuestionType, SupplierFieldMapping, TableColumn, TemplateDefinition, TemplateQuestion, TemplateSection } from "./default-template";

/*
 * A questionnaire template from a spreadsheet: one row per question, in order, with the columns
 *   section | key | text | type | options | required | weight | help | condition | maps_to
 * (optional: good_answer). Pure: takes a plain cell grid, returns the definition or per-row errors.
 *
 * - section: the section title; consecutive rows with the same title form one section.
 * - options: choices as `value = Label = score` separated by new lines or `;` (label and score
 *   optional); for a table, its columns as `key = Label = type` (type text|number|duration|yes_no|country).
 * - required / good_answer: yes/no. weight: a number ≥ 0 (default 1).
 * - condition: `question_key = value`: an EARLIER yes_no question (= yes/no) or single_choice (= an option value).
 */

export const TEMPLATE_COLUMNS = ["section", "key", "text", "type", "options", "required", "weight", "help", "condition", "maps_to"] as const;
const QUESTION_TYPES: readonly QuestionType[] = ["yes_no", "single_choice", "multi_choice", "text", "number", "date", "duration", "file", "table"];
const MAPPINGS: readonly SupplierFieldMapping[] = ["declared_rto", "declared_rpo", "last_dr_test_date", "sub_suppliers", "alternates"];
const COLUMN_TYPES: readonly TableColumn["type"][] = ["text", "number", "duration", "yes_no", "country"];
/** Which question type each supplier mapping needs. */
const MAPPING_TYPES: Record<SupplierFieldMapping, QuestionType> = {
  declared_rto: "duration",
  declared_rpo: "duration",
  last_dr_test_date: "date",
  sub_suppliers: "table",
  alternates: "table",
};
export const MAX_TEMPLATE_QUESTIONS = 500;

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export type TemplateImportResult = { ok: true; definition: TemplateDefinition; questionCount: number } | { ok: false; errors: RowError[] };

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

export function slugify(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 60) || "section"
  );
}

function yesNo(text: string): boolean | null {
  const lower = text.toLowerCase();
  if (["yes", "y", "true", "1", "x"].includes(lower)) return true;
  if (["no", "n", "false", "0", ""].includes(lower)) return false;
  return null;
}

function splitList(text: string): string[] {
  return text
    .split(/[\n;]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function parts(item: string): string[] {
  return item.split("=").map((p) => p.trim());
}

export function parseTemplateSheet(sheet: SheetGrid, meta: { key: string; name: string; description: string }): TemplateImportResult {
  const errors: RowError[] = [];
  const header = (sheet.rows[0] ?? []).map((h) => cellText(h).toLowerCase().replace(/[\s-]+/g, "_"));
  const at = (name: string) => header.indexOf(name);
  for (const required of ["section", "key", "text", "type"]) {
    if (at(required) < 0) errors.push({ row: 1, column: required, message: `Missing column "${required}"` });
  }
  if (errors.length) return { ok: false, errors };

  const sections: TemplateSection[] = [];
  const seen = new Map<string, { row: number; question: TemplateQuestion }>();
  let count = 0;
  for (let r = 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const get = (name: string) => (at(name) < 0 ? "" : cellText(cells[at(name)]));
    const rowNumber = r + 1;
    if (TEMPLATE_COLUMNS.every((c) => get(c) === "")) continue;
    const problem = (column: string, message: string) => errors.push({ row: rowNumber, column, message });
    if (++count > MAX_TEMPLATE_QUESTIONS) {
      problem("key", `At most ${MAX_TEMPLATE_QUESTIONS} questions`);
      break;
    }

    const sectionTitle = get("section");
    const key = get("key");
    const text = get("text");
    const typeText = get("type").toLowerCase();
    if (!sectionTitle) problem("section", "Give the section title");
    if (!KEY.test(key)) problem("key", "The key must be snake_case (a–z, 0–9, _), starting with a letter, at most 63 characters");
    else if (seen.has(key)) problem("key", `Key "${key}" is already used on row ${seen.get(key)!.row}`);
    if (!text) problem("text", "Give the question text");
    else if (text.length > 2000) problem("text", "Keep the question under 2,000 characters");
    const type = QUESTION_TYPES.find((t) => t === typeText);
    if (!type) problem("type", `Unknown type "${typeText.slice(0, 40)}": use one of ${QUESTION_TYPES.join(", ")}`);

    const required = yesNo(get("required"));
    if (required === null) problem("required", "Write yes or no");
    const weightText = get("weight");
    const weight = weightText === "" ? 1 : Number(weightText.replace(",", "."));
    if (!Number.isFinite(weight) || weight < 0 || weight > 1000) problem("weight", "The weight must be a number from 0 to 1000");

    const question: TemplateQuestion = { key, text, type: type ?? "text", required: required ?? false, weight: Number.isFinite(weight) ? weight : 0 };
    const help = get("help");
    if (help) question.help = help.slice(0, 4000);

    const optionsText = get("options");
    if (type === "single_choice" || type === "multi_choice") {
      const options: ChoiceOption[] = [];
      for (const item of splitList(optionsText)) {
        const [value = "", label, scoreText] = parts(item);
        if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(value)) {
          problem("options", `Option value "${value.slice(0, 40)}" must be lower-case letters, digits, _ or - (no commas)`);
          continue;
        }
        if (options.some((o) => o.value === value)) problem("options", `Option "${value}" is listed twice`);
        const option: ChoiceOption = { value, label: label || value };
        if (scoreText !== undefined && scoreText !== "") {
          const score = Number(scoreText.replace(",", "."));
          if (!Number.isFinite(score) || score < 0 || score > 1) problem("options", `Score of option "${value}" must be between 0 and 1`);
          else option.score = score;
        }
        options.push(option);
      }
      if (options.length < 2) problem("options", "A choice question needs at least two options (value = Label = score, one per line)");
      question.options = options;
    } else if (type === "table") {
      const columns: TableColumn[] = [];
      for (const item of splitList(optionsText)) {
        const [columnKey = "", label, columnType = "text"] = parts(item);
        const kind = COLUMN_TYPES.find((t) => t === columnType.toLowerCase());
        if (!KEY.test(columnKey)) problem("options", `Table column key "${columnKey.slice(0, 40)}" must be snake_case`);
        else if (!kind) problem("options", `Table column "${columnKey}" has unknown type "${columnType.slice(0, 20)}": use ${COLUMN_TYPES.join(", ")}`);
        else if (columns.some((c) => c.key === columnKey)) problem("options", `Table column "${columnKey}" is listed twice`);
        else columns.push({ key: columnKey, label: label || columnKey, type: kind });
      }
      if (columns.length === 0) problem("options", "A table needs its columns (key = Label = type, one per line)");
      question.columns = columns;
    } else if (optionsText && type) {
      problem("options", `A ${type} question has no options`);
    }

    const goodText = get("good_answer");
    if (goodText) {
      const good = yesNo(goodText);
      if (type !== "yes_no") problem("good_answer", "Only a yes_no question has a good answer");
      else if (good === null) problem("good_answer", "Write yes or no");
      else question.goodAnswer = good;
    }

    const conditionText = get("condition");
    if (conditionText) {
      const [parentKey = "", equalsText = "", ...rest] = parts(conditionText);
      const parent = seen.get(parentKey)?.question;
      if (rest.length || !parentKey || !equalsText) problem("condition", "Write the condition as: earlier_question_key = value");
      else if (!parent) {
        problem("condition", parentKey === key ? "A question cannot depend on itself" : `The condition must refer to an earlier question; "${parentKey.slice(0, 63)}" is not above this row`);
      } else if (parent.type === "yes_no") {
        const equals = yesNo(equalsText);
        if (equals === null || equalsText === "") problem("condition", `"${parentKey}" is a yes/no question: the condition value must be yes or no`);
        else question.condition = { questionKey: parentKey, equals };
      } else if (parent.type === "single_choice") {
        if (!parent.options?.some((o) => o.value === equalsText)) problem("condition", `"${equalsText.slice(0, 40)}" is not an option of "${parentKey}"`);
        else question.condition = { questionKey: parentKey, equals: equalsText };
      } else {
        problem("condition", `A condition can only depend on a yes_no or single_choice question ("${parentKey}" is ${parent.type})`);
      }
    }

    const mapsText = get("maps_to");
    if (mapsText) {
      const mapsTo = MAPPINGS.find((m) => m === mapsText.toLowerCase());
      if (!mapsTo) problem("maps_to", `Unknown supplier field "${mapsText.slice(0, 40)}": use one of ${MAPPINGS.join(", ")}`);
      else if (type && MAPPING_TYPES[mapsTo] !== type) problem("maps_to", `${mapsTo} needs a ${MAPPING_TYPES[mapsTo]} question`);
      else question.mapsTo = mapsTo;
    }

    if (KEY.test(key) && !seen.has(key)) seen.set(key, { row: rowNumber, question });
    const last = sections.at(-1);
    if (last && last.title === sectionTitle) last.questions.push(question);
    else {
      const base = slugify(sectionTitle);
      let sectionKey = base;
      for (let i = 2; sections.some((s) => s.key === sectionKey); i++) sectionKey = `${base}_${i}`;
      sections.push({ key: sectionKey, title: sectionTitle, questions: [question] });
    }
  }
  if (count === 0 && errors.length === 0) errors.push({ row: 2, column: "key", message: "The sheet has no questions" });
  if (errors.length) return { ok: false, errors };
  return { ok: true, definition: { key: meta.key, name: meta.name, description: meta.description, sections }, questionCount: count };
}
