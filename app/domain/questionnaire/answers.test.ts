import { describe, expect, it } from "vitest";
import {
  missingRequired,
  parseAnswer,
  scoreAnswers,
  supplierUpdatesFromAnswers,
  visibleQuestions,
  type AnswerValue,
  type Question,
} from "./answers";

function q(key: string, over: Partial<Question> = {}): Question {
  return { id: key, key, sectionKey: "s", sectionTitle: "S", text: key, help: null, type: "text", required: false, weight: 1, mapsTo: null, config: {}, ...over };
}

const questions: Question[] = [
  q("tested", { type: "yes_no", required: true, weight: 2, config: { goodAnswer: true } }),
  q("test_date", { type: "date", required: true, config: { condition: { questionKey: "tested", equals: true } } }),
  q("test_result", { type: "single_choice", required: true, config: { condition: { questionKey: "tested", equals: true }, options: [{ value: "passed", label: "Passed", score: 1 }, { value: "failed", label: "Failed", score: 0 }] } }),
  q("remediation", { type: "text", required: true, config: { condition: { questionKey: "test_result", equals: "failed" } } }),
  q("rto", { type: "duration", mapsTo: "declared_rto" }),
  q("subs", {
    type: "table",
    mapsTo: "sub_suppliers",
    config: {
      columns: [
        { key: "name", label: "Name", type: "text" },
        { key: "country", label: "Country", type: "country" },
        { key: "supplies", label: "Supplies", type: "text" },
        { key: "single_source", label: "Single", type: "yes_no" },
        { key: "buffer", label: "Buffer", type: "duration" },
      ],
    },
  }),
];

const answers = (entries: [string, AnswerValue][]) => new Map(entries);

describe("conditional questions", () => {
  it("hides follow-ups until their condition holds, transitively", () => {
    expect(visibleQuestions(questions, answers([])).map((x) => x.key)).toEqual(["tested", "rto", "subs"]);
    expect(visibleQuestions(questions, answers([["tested", true], ["test_result", "failed"]])).map((x) => x.key)).toContain("remediation");
    // The remediation stays hidden when its parent is hidden, whatever was answered before.
    expect(visibleQuestions(questions, answers([["tested", false], ["test_result", "failed"]])).map((x) => x.key)).not.toContain("remediation");
  });

  it("requires only visible questions", () => {
    expect(missingRequired(questions, answers([])).map((x) => x.key)).toEqual(["tested"]);
    expect(missingRequired(questions, answers([["tested", true]])).map((x) => x.key)).toEqual(["test_date", "test_result"]);
    expect(missingRequired(questions, answers([["tested", false]]))).toEqual([]);
  });
});

describe("parsing form answers", () => {
  const form = (pairs: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of pairs) f.append(k, v);
    return f;
  };
  it("reads durations in hours or days as minutes", () => {
    expect(parseAnswer(questions[4]!, form([["q.rto", "4"], ["q.rto.unit", "h"]]))).toEqual({ value: 240 });
    expect(parseAnswer(questions[4]!, form([["q.rto", "1,5"], ["q.rto.unit", "d"]]))).toEqual({ value: 2160 });
    expect(parseAnswer(questions[4]!, form([["q.rto", "-1"], ["q.rto.unit", "h"]]))).toEqual({ error: expect.stringContaining("0 or more") });
  });
  it("reads table rows, skipping blank ones, and checks each cell", () => {
    const parsed = parseAnswer(
      questions[5]!,
      form([
        ["q.subs.0.name", "台嶼晶圓製造股份有限公司"],
        ["q.subs.0.country", "tw"],
        ["q.subs.0.supplies", "wafers"],
        ["q.subs.0.single_source", "yes"],
        ["q.subs.0.buffer", "7"],
        ["q.subs.0.buffer.unit", "d"],
        ["q.subs.1.name", ""],
        ["q.subs.1.country", ""],
      ]),
    );
    expect(parsed).toEqual({ value: [{ name: "台嶼晶圓製造股份有限公司", country: "TW", supplies: "wafers", single_source: true, buffer: 10080 }] });
    expect(parseAnswer(questions[5]!, form([["q.subs.0.name", "X"], ["q.subs.0.country", "Taiwan"]]))).toEqual({
      error: "Row 1: Country must be a two-letter country code",
    });
  });
});

describe("scoring and supplier updates", () => {
  it("scores the visible scorable answers", () => {
    expect(scoreAnswers(questions, answers([["tested", true], ["test_result", "passed"]])).score).toBe(100);
    expect(scoreAnswers(questions, answers([["tested", true], ["test_result", "failed"]])).score).toBe(67);
    expect(scoreAnswers(questions, answers([["tested", false]])).score).toBe(0);
  });
  it("turns mapped answers into declared figures and sub-suppliers", () => {
    const updates = supplierUpdatesFromAnswers(
      questions,
      answers([
        ["rto", 240],
        ["subs", [{ name: "Foxconn Technology Co., Ltd.", country: "CN", supplies: "boards", single_source: true, buffer: 60 }]],
      ]),
    );
    expect(updates.declaredRtoMin).toBe(240);
    expect(updates.subSuppliers).toEqual([
      { name: "Foxconn Technology Co., Ltd.", normalizedName: "foxconn technology", country: "CN", supplies: "boards", singleSource: true, bufferMin: 60 },
    ]);
  });
});
