import { describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATE, type TemplateQuestion } from "./default-template";
import { questionToFields, sectionKeys, validateQuestionFields, validateTemplateVersion, type QuestionFields } from "./template-question";

const blank: QuestionFields = { section: "S", key: "", text: "", type: "", options: "", required: "", weight: "", help: "", condition: "", maps_to: "", good_answer: "" };
const context = (earlier: TemplateQuestion[] = [], used: string[] = []) => ({
  earlier: new Map(earlier.map((q) => [q.key, q])),
  keyUsedAt: (key: string) => (used.includes(key) ? "by question 1" : undefined),
  here: "this question",
});

describe("template question fields", () => {
  it("round-trips every question of the shipped template unchanged (the builder edits what the seed installs)", () => {
    const all = DEFAULT_TEMPLATE.sections.flatMap((s) => s.questions.map((question) => ({ section: s.title, question })));
    expect(validateTemplateVersion(all)).toEqual([]);
    const earlier: TemplateQuestion[] = [];
    for (const { section, question } of all) {
      const result = validateQuestionFields(questionToFields(question, section), context(earlier));
      const { evidenceKind: _kind, ...comparable } = question;
      expect(result.problems).toEqual([]);
      expect(result.question).toEqual(comparable);
      earlier.push(result.question);
    }
  });

  it("names the field of each problem: key, weight, options, condition on a later question, mapping type", () => {
    const result = validateQuestionFields(
      { ...blank, key: "Bad Key", text: "Q?", type: "text", weight: "1.5", options: "a = A", condition: "later_one = yes", maps_to: "declared_rto" },
      context(),
    );
    expect(result.problems.map((p) => p.field)).toEqual(["key", "weight", "options", "condition", "maps_to"]);
    expect(result.problems.find((p) => p.field === "condition")!.message).toContain('"later_one" is not above this question');
    expect(result.problems.find((p) => p.field === "maps_to")!.message).toBe("declared_rto needs a duration question");
    const duplicate = validateQuestionFields({ ...blank, key: "taken", text: "Q?", type: "text" }, context([], ["taken"]));
    expect(duplicate.problems).toEqual([{ field: "key", message: 'Key "taken" is already used by question 1' }]);
  });

  it("checks a whole version in order and groups consecutive sections", () => {
    const parent: TemplateQuestion = { key: "has_plan", text: "Plan?", type: "yes_no", required: true, weight: 1 };
    const child: TemplateQuestion = { key: "plan_file", text: "Upload", type: "file", required: true, weight: 1, condition: { questionKey: "has_plan", equals: true } };
    expect(validateTemplateVersion([{ section: "A", question: parent }, { section: "A", question: child }])).toEqual([]);
    const problems = validateTemplateVersion([{ section: "A", question: child }, { section: "A", question: parent }]);
    expect(problems).toEqual([expect.objectContaining({ index: 0, key: "plan_file", field: "condition" })]);
    expect(validateTemplateVersion([])[0]!.message).toMatch(/at least one question/);
    expect(sectionKeys(["Gov", "Gov", "Recovery", "Gov"])).toEqual(["gov", "gov", "recovery", "gov_2"]);
  });
});
