import type { ChoiceOption, QuestionType, SupplierFieldMapping, TableColumn, TemplateQuestion } from "./default-template";

/*
 * One template question as text fields, and the rules a question must follow. Shared by the
 * spreadsheet import (one row per question) and the template builder (one form per question), so
 * both accept and refuse exactly the same things. Pure: no I/O.
 *
 * Field syntax (the same in a sheet cell and in a form field):
 * - options: choices as `value = Label = score` separated by new lines or `;` (label and score
 *   optional); for a table, its columns as `key = Label = type` (type text|number|duration|yes_no|country).
 * - required / good_answer: yes/no. weight: a whole number from 0 to 1000 (default 1).
 * - condition: `question_key = value`: an EARLIER yes_no question (= yes/no) or single_choice (= an option value).
 * - maps_to: a supplier field, with the question type it needs (MAPPING_TYPES).
 */

export const QUESTION_TYPES: readonly QuestionType[] = ["yes_no", "single_choice", "multi_choice", "text", "number", "date", "duration", "file", "table"];
export const SUPPLIER_MAPPINGS: readonly SupplierFieldMapping[] = ["declared_rto", "declared_rpo", "last_dr_test_date", "sub_suppliers", "alternates"];
export const COLUMN_TYPES: readonly TableColumn["type"][] = ["text", "number", "duration", "yes_no", "country"];
/** Which question type each supplier mapping needs. */
export const MAPPING_TYPES: Record<SupplierFieldMapping, QuestionType> = {
  declared_rto: "duration",
  declared_rpo: "duration",
  last_dr_test_date: "date",
  sub_suppliers: "table",
  alternates: "table",
};
export const MAX_TEMPLATE_QUESTIONS = 500;
export const MAX_QUESTION_TEXT = 2000;
export const MAX_HELP_TEXT = 4000;
export const MAX_SECTION_TITLE = 200;

export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
const OPTION_VALUE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** A question's fields as text: the sheet's columns, the builder form's inputs. */
export interface QuestionFields {
  section: string;
  key: string;
  text: string;
  type: string;
  options: string;
  required: string;
  weight: string;
  help: string;
  condition: string;
  maps_to: string;
  good_answer: string;
}
export type QuestionFieldName = keyof QuestionFields;
export const QUESTION_FIELD_NAMES: readonly QuestionFieldName[] = ["section", "key", "text", "type", "options", "required", "weight", "help", "condition", "maps_to", "good_answer"];

export interface FieldProblem {
  field: QuestionFieldName;
  message: string;
}

export interface QuestionContext {
  /** The questions above this one, by key: a condition may refer only to these. */
  earlier: ReadonlyMap<string, TemplateQuestion>;
  /** Where another question already uses this key ("on row 3"), or undefined when it is free. */
  keyUsedAt(key: string): string | undefined;
  /** How messages name this question's place: "this row", "this question". */
  here: string;
}

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

/** Section keys for questions in order: consecutive questions with the same title share one section. */
export function sectionKeys(titles: readonly string[]): string[] {
  const keys: string[] = [];
  const used = new Set<string>();
  titles.forEach((title, i) => {
    if (i > 0 && titles[i - 1] === title) {
      keys.push(keys[i - 1]!);
      return;
    }
    const base = slugify(title);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}_${n}`;
    used.add(key);
    keys.push(key);
  });
  return keys;
}

export function parseYesNo(text: string): boolean | null {
  const lower = text.trim().toLowerCase();
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

/**
 * Checks one question's fields and builds the question. Problems come in field order; the question
 * is returned even with problems (best effort), so callers can keep checking what follows.
 */
export function validateQuestionFields(fields: QuestionFields, context: QuestionContext): { question: TemplateQuestion; section: string; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: QuestionFieldName, message: string) => problems.push({ field, message });
  const section = fields.section.trim();
  const key = fields.key.trim();
  const text = fields.text.trim();
  const typeText = fields.type.trim().toLowerCase();

  if (!section) problem("section", "Give the section title");
  else if (section.length > MAX_SECTION_TITLE) problem("section", `Keep the section title under ${MAX_SECTION_TITLE} characters`);
  if (!KEY_PATTERN.test(key)) problem("key", "The key must be snake_case (a–z, 0–9, _), starting with a letter, at most 63 characters");
  else {
    const usedAt = context.keyUsedAt(key);
    if (usedAt) problem("key", `Key "${key}" is already used ${usedAt}`);
  }
  if (!text) problem("text", "Give the question text");
  else if (text.length > MAX_QUESTION_TEXT) problem("text", "Keep the question under 2,000 characters");
  const type = QUESTION_TYPES.find((t) => t === typeText);
  if (!type) problem("type", `Unknown type "${typeText.slice(0, 40)}": use one of ${QUESTION_TYPES.join(", ")}`);

  const required = parseYesNo(fields.required);
  if (required === null) problem("required", "Write yes or no");
  const weightText = fields.weight.trim();
  const weight = weightText === "" ? 1 : Number(weightText.replace(",", "."));
  // Whole points: the stored weight is an integer.
  if (!Number.isInteger(weight) || weight < 0 || weight > 1000) problem("weight", "The weight must be a whole number from 0 to 1000");

  const question: TemplateQuestion = { key, text, type: type ?? "text", required: required ?? false, weight: Number.isInteger(weight) ? weight : 0 };
  const help = fields.help.trim();
  if (help.length > MAX_HELP_TEXT) problem("help", "Keep the help text under 4,000 characters");
  else if (help) question.help = help;

  const optionsText = fields.options;
  if (type === "single_choice" || type === "multi_choice") {
    const options: ChoiceOption[] = [];
    for (const item of splitList(optionsText)) {
      const [value = "", label, scoreText] = parts(item);
      if (!OPTION_VALUE.test(value)) {
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
      if (!KEY_PATTERN.test(columnKey)) problem("options", `Table column key "${columnKey.slice(0, 40)}" must be snake_case`);
      else if (!kind) problem("options", `Table column "${columnKey}" has unknown type "${columnType.slice(0, 20)}": use ${COLUMN_TYPES.join(", ")}`);
      else if (columns.some((c) => c.key === columnKey)) problem("options", `Table column "${columnKey}" is listed twice`);
      else columns.push({ key: columnKey, label: label || columnKey, type: kind });
    }
    if (columns.length === 0) problem("options", "A table needs its columns (key = Label = type, one per line)");
    question.columns = columns;
  } else if (optionsText.trim() && type) {
    problem("options", `A ${type} question has no options`);
  }

  const goodText = fields.good_answer.trim();
  if (goodText) {
    const good = parseYesNo(goodText);
    if (type !== "yes_no") problem("good_answer", "Only a yes_no question has a good answer");
    else if (good === null) problem("good_answer", "Write yes or no");
    else question.goodAnswer = good;
  }

  const conditionText = fields.condition.trim();
  if (conditionText) {
    const [parentKey = "", equalsText = "", ...rest] = parts(conditionText);
    const parent = context.earlier.get(parentKey);
    if (rest.length || !parentKey || !equalsText) problem("condition", "Write the condition as: earlier_question_key = value");
    else if (!parent) {
      problem(
        "condition",
        parentKey === key ? "A question cannot depend on itself" : `The condition must refer to an earlier question; "${parentKey.slice(0, 63)}" is not above ${context.here}`,
      );
    } else if (parent.type === "yes_no") {
      const equals = parseYesNo(equalsText);
      if (equals === null) problem("condition", `"${parentKey}" is a yes/no question: the condition value must be yes or no`);
      else question.condition = { questionKey: parentKey, equals };
    } else if (parent.type === "single_choice") {
      if (!parent.options?.some((o) => o.value === equalsText)) problem("condition", `"${equalsText.slice(0, 40)}" is not an option of "${parentKey}"`);
      else question.condition = { questionKey: parentKey, equals: equalsText };
    } else {
      problem("condition", `A condition can only depend on a yes_no or single_choice question ("${parentKey}" is ${parent.type})`);
    }
  }

  const mapsText = fields.maps_to.trim();
  if (mapsText) {
    const mapsTo = SUPPLIER_MAPPINGS.find((m) => m === mapsText.toLowerCase());
    if (!mapsTo) problem("maps_to", `Unknown supplier field "${mapsText.slice(0, 40)}": use one of ${SUPPLIER_MAPPINGS.join(", ")}`);
    else if (type && MAPPING_TYPES[mapsTo] !== type) problem("maps_to", `${mapsTo} needs a ${MAPPING_TYPES[mapsTo]} question`);
    else question.mapsTo = mapsTo;
  }

  return { question, section, problems };
}

/** A stored question back as fields (the builder's edit form, and re-checking a whole version). */
export function questionToFields(question: TemplateQuestion, section: string): QuestionFields {
  const options = question.options
    ? question.options.map((o) => [o.value, o.label, ...(o.score === undefined ? [] : [String(o.score)])].join(" = ")).join("\n")
    : question.columns
      ? question.columns.map((c) => `${c.key} = ${c.label} = ${c.type}`).join("\n")
      : "";
  const condition = question.condition
    ? `${question.condition.questionKey} = ${typeof question.condition.equals === "boolean" ? (question.condition.equals ? "yes" : "no") : question.condition.equals}`
    : "";
  return {
    section,
    key: question.key,
    text: question.text,
    type: question.type,
    options,
    required: question.required ? "yes" : "no",
    weight: String(question.weight),
    help: question.help ?? "",
    condition,
    maps_to: question.mapsTo ?? "",
    good_answer: question.goodAnswer === undefined ? "" : question.goodAnswer ? "yes" : "no",
  };
}

export interface VersionProblem {
  /** 0-based position of the question in the version, or null for the version as a whole. */
  index: number | null;
  key: string | null;
  field: QuestionFieldName | null;
  message: string;
}

/**
 * Checks a whole version before it is published: at least one question, at most
 * MAX_TEMPLATE_QUESTIONS, and every question by the same rules as a sheet row, in order (so a
 * condition must refer to a question above it and keys are unique).
 */
export function validateTemplateVersion(questions: readonly { section: string; question: TemplateQuestion }[]): VersionProblem[] {
  const problems: VersionProblem[] = [];
  if (questions.length === 0) problems.push({ index: null, key: null, field: null, message: "Add at least one question before publishing" });
  if (questions.length > MAX_TEMPLATE_QUESTIONS) problems.push({ index: null, key: null, field: null, message: `A template has at most ${MAX_TEMPLATE_QUESTIONS} questions` });
  const earlier = new Map<string, TemplateQuestion>();
  const positions = new Map<string, number>();
  questions.forEach(({ section, question }, index) => {
    const result = validateQuestionFields(questionToFields(question, section), {
      earlier,
      keyUsedAt: (key) => (positions.has(key) ? `by question ${positions.get(key)! + 1}` : undefined),
      here: "this question",
    });
    for (const p of result.problems) problems.push({ index, key: question.key, field: p.field, message: p.message });
    if (!positions.has(question.key)) {
      positions.set(question.key, index);
      earlier.set(question.key, result.question);
    }
  });
  return problems;
}
