import { describe, expect, it } from "vitest";
import { normalizeName, websiteDomain } from "./names";

describe("normalizeName", () => {
  it("treats legal forms, case and punctuation as noise", () => {
    expect(normalizeName("Foxconn Technology Co., Ltd.")).toBe(normalizeName("FOXCONN TECHNOLOGY CO LTD"));
    expect(normalizeName("Foxconn Technology Co., Ltd.")).toBe("foxconn technology");
  });
  it("folds accents and Polish ł", () => {
    expect(normalizeName("Łódź Logistyka Sp. z o.o.")).toBe("lodz logistyka");
    expect(normalizeName("Société Générale d'Équipement S.A.")).toBe("societe generale d equipement");
  });
  it("drops CJK legal suffixes and keeps the name", () => {
    expect(normalizeName("深圳市供应链有限公司")).toBe("深圳市供应链");
    expect(normalizeName("東邦精密株式会社")).toBe("東邦精密");
  });
  it("keeps Arabic letters", () => {
    expect(normalizeName("شركة التوريد")).toBe("شركة التوريد");
  });
  it("does not reduce a name to nothing", () => {
    expect(normalizeName("Ltd")).toBe("ltd");
  });
});

describe("websiteDomain", () => {
  it.each([
    ["https://www.Foxconn.com/en", "foxconn.com"],
    ["foxconn.com", "foxconn.com"],
    ["http://shop.example.co.uk", "shop.example.co.uk"],
    ["", null],
    [null, null],
    ["not a url at all", null],
  ])("%s → %s", (input, expected) => {
    expect(websiteDomain(input)).toBe(expected);
  });
});

describe("legal forms in other scripts", () => {
  it("drops Greek, Bulgarian and Russian legal forms", () => {
    expect(normalizeName("Ελληνικά Logistics Α.Ε.")).toBe(normalizeName("ΕΛΛΗΝΙΚΑ LOGISTICS"));
    expect(normalizeName("Балкан Транс ЕООД")).toBe("балкан транс");
    expect(normalizeName("ООО Ромашка")).toBe("ромашка");
  });
});
