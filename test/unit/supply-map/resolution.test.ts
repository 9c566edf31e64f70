import { describe, expect, it } from "vitest";
import { candidatePairs, findMatch, matchReasons, type ResolvableEntity } from "../../../app/domain/supply-map";

const company = (id: string, name: string, country: string | null, extra: Partial<ResolvableEntity> = {}): ResolvableEntity => ({
  id,
  name,
  country,
  lei: null,
  duns: null,
  website: null,
  ...extra,
});

describe("entity resolution matcher", () => {
  it("matches Foxconn spelled two ways in the same country", () => {
    const a = company("a", "Foxconn Technology Co., Ltd.", "TW");
    const b = company("b", "FOXCONN TECHNOLOGY CO LTD", "TW");
    expect(matchReasons(a, b)).toEqual(["name_country"]);
    expect(findMatch(b, [company("x", "Foxconn Logistics", "TW"), a])?.entity.id).toBe("a");
  });

  it("does not match two different companies with the same name in different countries", () => {
    const a = company("a", "Atlas Components GmbH", "DE");
    const b = company("b", "Atlas Components Ltd", "GB");
    expect(matchReasons(a, b)).toEqual([]);
    expect(findMatch(b, [a])).toBeNull();
    expect(candidatePairs([a, b])).toEqual([]);
  });

  it("folds accents and legal forms in other scripts", () => {
    expect(matchReasons(company("a", "Société Générale S.A.", "FR"), company("b", "SOCIETE GENERALE", "FR"))).toEqual(["name_country"]);
    expect(matchReasons(company("a", "台積電有限公司", "TW"), company("b", "台積電", "TW"))).toEqual(["name_country"]);
  });

  it("matches by identifier across names and countries, and never across different identifiers", () => {
    expect(matchReasons(company("a", "Hon Hai", "TW", { lei: "5493 00ABC" }), company("b", "Foxconn", "CN", { lei: "549300abc" }))).toEqual(["lei"]);
    expect(matchReasons(company("a", "X", null, { duns: "12-345-6789" }), company("b", "Y", null, { duns: "123456789" }))).toEqual(["duns"]);
    expect(
      matchReasons(company("a", "X", null, { website: "https://www.foxconn.com/en" }), company("b", "Y", null, { website: "foxconn.com" })),
    ).toEqual(["website"]);
    // Same name and country but two registered LEIs: two legal entities.
    expect(matchReasons(company("a", "Acme Ltd", "GB", { lei: "AAA" }), company("b", "ACME LIMITED", "GB", { lei: "BBB" }))).toEqual([]);
  });

  it("proposes candidate pairs once, strongest first, minus pairs decided distinct", () => {
    const entities = [
      company("1", "Foxconn Technology Co., Ltd.", "TW"),
      company("2", "FOXCONN TECHNOLOGY CO LTD", "TW"),
      company("3", "Hon Hai Precision", "TW", { lei: "L1" }),
      company("4", "Foxconn (Hon Hai)", "CN", { lei: "L1" }),
      company("5", "Unrelated", "TW"),
    ];
    const pairs = candidatePairs(entities);
    expect(pairs.map((p) => [p.a.id, p.b.id, p.reasons])).toEqual([
      ["3", "4", ["lei"]],
      ["1", "2", ["name_country"]],
    ]);
    expect(candidatePairs(entities, new Set(["1|2"])).map((p) => p.a.id)).toEqual(["3"]);
  });
});
