import { describe, expect, it } from "vitest";
import { normalizeName } from "./names";

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
