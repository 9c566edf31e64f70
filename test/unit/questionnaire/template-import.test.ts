import { describe, expect, it } from "vitest";
import { parseTemplateSheet, TEMPLATE_COLUMNS } from "../../../app/domain/questionnaire/template-import";

const meta = { key: "t", name: "T", description: "" };
const sheet = (...rows: string[][]) => ({ name: "Questions", rows: [[...TEMPLATE_COLUMNS], ...rows] });

describe("template import", () => {
  it("builds sections, options, tables and conditions", () => {
    const result = parseTemplateSheet(
      sheet(
        ["Governance", "has_bcp", "Do you have a BCP?", "yes_no", "", "yes", "3", "Help", "", ""],
        ["Governance", "bcp_review", "How often reviewed?", "single_choice", "yearly = Yearly = 1\nnever = Never = 0", "yes", "2", "", "has_bcp = yes", ""],
        ["Recovery", "rto", "RTO?", "duration", "", "yes", "", "", "", "declared_rto"],
        ["Recovery", "subs", "Sub-suppliers", "table", "name = Name = text; country = Country = country", "no", "0", "", "", "sub_suppliers"],
      ),
      meta,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.sections.map((s) => [s.key, s.questions.map((q) => q.key)])).toEqual([
      ["governance", ["has_bcp", "bcp_review"]],
      ["recovery", ["rto", "subs"]],
    ]);
    const [, review] = result.definition.sections[0]!.questions;
    expect(review!.options).toEqual([
      { value: "yearly", label: "Yearly", score: 1 },
      { value: "never", label: "Never", score: 0 },
    ]);
    expect(review!.condition).toEqual({ questionKey: "has_bcp", equals: true });
    expect(result.definition.sections[1]!.questions[0]!.weight).toBe(1);
    expect(result.definition.sections[1]!.questions[1]!.columns).toHaveLength(2);
  });

  it("reports per-row errors: unknown type, forward condition, bad mapping, duplicate key", () => {
    const result = parseTemplateSheet(
      sheet(
        ["S", "a", "A?", "slider", "", "yes", "1", "", "", ""],
        ["S", "b", "B?", "text", "", "yes", "1", "", "c = yes", ""],
        ["S", "c", "C?", "yes_no", "", "maybe", "1", "", "", "declared_rto"],
        ["S", "c", "C again", "text", "", "no", "1", "", "", ""],
      ),
      meta,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "type"],
      [3, "condition"],
      [4, "required"],
      [4, "maps_to"],
      [5, "key"],
    ]);
    expect(result.errors[1]!.message).toMatch(/earlier question/);
  });

  it("needs the main columns", () => {
    const result = parseTemplateSheet({ name: "Q", rows: [["key", "text"]] }, meta);
    expect(result.ok).toBe(false);
  });
});
