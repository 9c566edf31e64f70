import { normalizeName } from "../names";
import type { ChoiceOption, QuestionCondition, QuestionType, SupplierFieldMapping, TableColumn } from "./default-template";

/*
 * Answers to a questionnaire: visibility (conditions), parsing form input, required checks,
 * scoring and what an approved questionnaire changes on the supplier. Pure: no I/O.
 */

export interface QuestionConfig {
  options?: ChoiceOption[];
  columns?: TableColumn[];
  condition?: QuestionCondition;
  goodAnswer?: boolean;
  evidenceKind?: string;
}

export interface Question {
  id: string;
  key: string;
  sectionKey: string;
  sectionTitle: string;
  text: string;
  help: string | null;
  type: QuestionType;
  required: boolean;
  weight: number;
  mapsTo: SupplierFieldMapping | null;
  config: QuestionConfig;
}

export type AnswerValue = boolean | string | number | string[] | Record<string, unknown>[] | null;
export type Answers = ReadonlyMap<string, AnswerValue>;

function isEmpty(value: AnswerValue | undefined): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/** Questions shown for these answers: a question is hidden when its condition (or its condition's question) is hidden or unmet. */
export function visibleQuestions(questions: readonly Question[], answers: Answers): Question[] {
  const shown = new Set<string>();
  const visible: Question[] = [];
  for (const q of questions) {
    const condition = q.config.condition;
    if (condition && (!shown.has(condition.questionKey) || answers.get(condition.questionKey) !== condition.equals)) continue;
    shown.add(q.key);
    visible.push(q);
  }
  return visible;
}

export function missingRequired(questions: readonly Question[], answers: Answers): Question[] {
  return visibleQuestions(questions, answers).filter((q) => q.required && q.type !== "file" && isEmpty(answers.get(q.key)));
}

const DURATION_UNITS: Record<string, number> = { min: 1, h: 60, d: 1440 };
export const TABLE_EXTRA_ROWS = 3;
export const MAX_TABLE_ROWS = 200;

export type ParsedAnswer = { value: AnswerValue } | { error: string };

/** Reads one question's answer from form fields named `q.<key>` (tables: `q.<key>.<row>.<column>`). */
export function parseAnswer(question: Question, form: FormData): ParsedAnswer {
  const name = `q.${question.key}`;
  const text = (form.get(name) ?? "").toString().trim();
  switch (question.type) {
    case "yes_no":
      return text === "" ? { value: null } : text === "yes" ? { value: true } : text === "no" ? { value: false } : { error: "Answer yes or no" };
    case "single_choice":
      if (text === "") return { value: null };
      return question.config.options?.some((o) => o.value === text) ? { value: text } : { error: "Choose one of the options" };
    case "multi_choice": {
      const chosen = form.getAll(name).map(String).filter(Boolean);
      const allowed = new Set(question.config.options?.map((o) => o.value));
      return chosen.every((c) => allowed.has(c)) ? { value: chosen } : { error: "Choose among the options" };
    }
    case "text":
      return text.length > 10_000 ? { error: "Keep the answer under 10,000 characters" } : { value: text || null };
    case "number": {
      if (text === "") return { value: null };
      const n = Number(text.replace(",", "."));
      return Number.isFinite(n) ? { value: n } : { error: "Enter a number" };
    }
    case "date":
      if (text === "") return { value: null };
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) ? { value: text } : { error: "Enter a date (YYYY-MM-DD)" };
    case "duration":
      return parseDuration(text, (form.get(`${name}.unit`) ?? "h").toString());
    case "file":
      return { value: text || null };
    case "table":
      return parseTable(question, form);
  }
}

export function parseDuration(text: string, unit: string): ParsedAnswer {
  if (text === "") return { value: null };
  const n = Number(text.replace(",", "."));
  const factor = DURATION_UNITS[unit];
  if (!Number.isFinite(n) || n < 0 || factor === undefined) return { error: "Enter a duration of 0 or more" };
  return { value: Math.round(n * factor) };
}

function parseTable(question: Question, form: FormData): ParsedAnswer {
  const columns = question.config.columns ?? [];
  const rows: Record<string, unknown>[] = [];
  for (let index = 0; index < MAX_TABLE_ROWS; index++) {
    const prefix = `q.${question.key}.${index}.`;
    if (!columns.some((c) => form.has(`${prefix}${c.key}`))) break;
    const row: Record<string, unknown> = {};
    let filled = false;
    for (const column of columns) {
      const raw = (form.get(`${prefix}${column.key}`) ?? "").toString().trim();
      if (raw === "") {
        row[column.key] = null;
        continue;
      }
      filled = true;
      if (column.type === "number") {
        const n = Number(raw.replace(",", "."));
        if (!Number.isFinite(n)) return { error: `Row ${index + 1}: ${column.label} must be a number` };
        row[column.key] = n;
      } else if (column.type === "duration") {
        const parsed = parseDuration(raw, (form.get(`${prefix}${column.key}.unit`) ?? "h").toString());
        if ("error" in parsed) return { error: `Row ${index + 1}: ${column.label}: ${parsed.error}` };
        row[column.key] = parsed.value;
      } else if (column.type === "yes_no") {
        row[column.key] = raw === "yes";
      } else if (column.type === "country") {
        if (!/^[A-Za-z]{2}$/.test(raw)) return { error: `Row ${index + 1}: ${column.label} must be a two-letter country code` };
        row[column.key] = raw.toUpperCase();
      } else {
        row[column.key] = raw.slice(0, 500);
      }
    }
    if (filled) rows.push(row);
  }
  return { value: rows };
}

/** 0–100 from the scorable visible answers (yes/no with a good answer, choices with option scores). */
export function scoreAnswers(questions: readonly Question[], answers: Answers): { score: number; earned: number; possible: number } {
  let earned = 0;
  let possible = 0;
  for (const q of visibleQuestions(questions, answers)) {
    const answer = answers.get(q.key);
    if (q.type === "yes_no" && q.config.goodAnswer !== undefined) {
      possible += q.weight;
      if (answer === q.config.goodAnswer) earned += q.weight;
    } else if (q.type === "single_choice" && q.config.options?.some((o) => o.score !== undefined)) {
      possible += q.weight;
      earned += (q.config.options.find((o) => o.value === answer)?.score ?? 0) * q.weight;
    } else if (q.type === "multi_choice" && q.config.options?.some((o) => o.score !== undefined)) {
      possible += q.weight;
      const chosen = Array.isArray(answer) ? (answer as unknown[]) : [];
      const sum = q.config.options.filter((o) => chosen.includes(o.value)).reduce((total, o) => total + (o.score ?? 0), 0);
      earned += Math.min(1, sum) * q.weight;
    }
  }
  return { score: possible === 0 ? 0 : Math.round((100 * earned) / possible), earned, possible };
}

export interface DeclaredSubSupplier {
  name: string;
  normalizedName: string;
  country: string | null;
  supplies: string;
  singleSource: boolean;
  bufferMin: number;
}

export interface DeclaredAlternate {
  replacesName: string;
  alternateName: string;
  country: string | null;
  qualified: boolean;
  switchoverMin: number | null;
  capacityPct: number | null;
}

export interface SupplierUpdates {
  declaredRtoMin?: number;
  declaredRpoMin?: number;
  subSuppliers: DeclaredSubSupplier[];
  alternates: DeclaredAlternate[];
}

const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** What approving these answers changes on the supplier record (questions mapped to supplier fields). */
export function supplierUpdatesFromAnswers(questions: readonly Question[], answers: Answers): SupplierUpdates {
  const updates: SupplierUpdates = { subSuppliers: [], alternates: [] };
  for (const q of visibleQuestions(questions, answers)) {
    const answer = answers.get(q.key);
    if (q.mapsTo === "declared_rto" && typeof answer === "number") updates.declaredRtoMin = answer;
    if (q.mapsTo === "declared_rpo" && typeof answer === "number") updates.declaredRpoMin = answer;
    if (q.mapsTo === "sub_suppliers" && Array.isArray(answer)) {
      for (const row of answer as Record<string, unknown>[]) {
        const name = str(row.name);
        if (!name) continue;
        updates.subSuppliers.push({
          name,
          normalizedName: normalizeName(name),
          country: str(row.country) || null,
          supplies: str(row.supplies),
          singleSource: row.single_source === true,
          bufferMin: Math.max(0, num(row.buffer) ?? 0),
        });
      }
    }
    if (q.mapsTo === "alternates" && Array.isArray(answer)) {
      for (const row of answer as Record<string, unknown>[]) {
        if (!str(row.replaces) || !str(row.alternate)) continue;
        const capacity = num(row.capacity_pct);
        updates.alternates.push({
          replacesName: str(row.replaces),
          alternateName: str(row.alternate),
          country: str(row.country) || null,
          qualified: row.qualified === true,
          switchoverMin: num(row.switchover),
          capacityPct: capacity === null ? null : Math.max(0, Math.min(100, Math.round(capacity))),
        });
      }
    }
  }
  return updates;
}
