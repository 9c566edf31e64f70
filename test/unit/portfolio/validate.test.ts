import { describe, expect, it } from "vitest";
import { addToState, countChanges, diffPortfolio, emptyPortfolioState } from "~/domain/portfolio/diff";
import type { AlternateRow, DependencyRow, Located, ServiceRow, SupplierRow } from "~/domain/portfolio/format";
import { emptyPortfolio, type ParsedPortfolio } from "~/domain/portfolio/parse";
import { validatePortfolio, type ExistingIds } from "~/domain/portfolio/validate";

const supplier = (row: number, supplierId: string, over: Partial<SupplierRow> = {}): Located<SupplierRow> => ({
  row,
  supplierId,
  name: `Supplier ${supplierId}`,
  country: "DE",
  isVendor: false,
  criticality: "medium",
  contactEmail: null,
  declaredRtoMin: 240,
  declaredRpoMin: 60,
  lei: null,
  duns: null,
  website: null,
  ...over,
});
const service = (row: number, serviceId: string, over: Partial<ServiceRow> = {}): Located<ServiceRow> => ({
  row,
  serviceId,
  name: `Service ${serviceId}`,
  owner: null,
  requiredRtoMin: 240,
  requiredRpoMin: 15,
  mtpdMin: 480,
  ...over,
});
const dependency = (row: number, supplierId: string, dependsOnId: string, over: Partial<DependencyRow> = {}): Located<DependencyRow> => ({
  row,
  supplierId,
  dependsOnId,
  supplies: "",
  singleSource: false,
  bufferMin: 0,
  ...over,
});
const alternate = (row: number, over: Partial<AlternateRow>): Located<AlternateRow> => ({
  row,
  replacesId: "S1",
  alternateId: "S2",
  forSupplierId: "S3",
  forServiceId: null,
  status: "identified",
  switchoverMin: null,
  capacityPct: null,
  ...over,
});

function portfolio(over: Partial<ParsedPortfolio>): ParsedPortfolio {
  return { ...emptyPortfolio(), ...over };
}

const nothingExists: ExistingIds = { suppliers: new Set(), services: new Set() };

function validate(p: ParsedPortfolio, existing = nothingExists, rejected = { suppliers: [] as string[], services: [] as string[] }) {
  return validatePortfolio({ portfolio: p, idsOnRejectedRows: rejected }, existing).problems;
}

describe("validatePortfolio", () => {
  it("accepts a consistent portfolio", () => {
    const p = portfolio({
      suppliers: [supplier(2, "S1"), supplier(3, "S2"), supplier(4, "S3")],
      services: [service(2, "SVC")],
      serviceSuppliers: [{ row: 2, serviceId: "SVC", supplierId: "S1" }],
      dependencies: [dependency(2, "S3", "S1")],
      alternates: [alternate(2, {}), alternate(3, { forSupplierId: null, forServiceId: "SVC" })],
    });
    expect(validate(p)).toEqual([]);
  });

  it("reports an unknown ID, unless the organisation already has it", () => {
    const p = portfolio({
      suppliers: [supplier(2, "S1")],
      serviceSuppliers: [{ row: 2, serviceId: "SVC-X", supplierId: "S1" }],
      dependencies: [dependency(2, "S1", "OLD-9"), dependency(3, "S1", "NOPE")],
      alternates: [alternate(5, { replacesId: "S1", alternateId: "OLD-9", forSupplierId: null, forServiceId: "SVC-Y" })],
    });
    const existing = { suppliers: new Set(["OLD-9"]), services: new Set(["SVC-Y"]) };
    expect(validate(p, existing)).toEqual([
      { sheet: "Service suppliers", row: 2, column: "Service ID", message: "Unknown Service ID “SVC-X”: it is neither in the Services sheet nor in the portal." },
      { sheet: "Dependencies", row: 3, column: "Depends on ID", message: "Unknown Depends on ID “NOPE”: it is neither in the Suppliers sheet nor in the portal." },
    ]);
  });

  it("does not call an ID unknown when its own row was rejected (that row's problem is reported already)", () => {
    const p = portfolio({ suppliers: [supplier(2, "S1")], dependencies: [dependency(2, "S1", "S-BAD-ROW")] });
    expect(validate(p, nothingExists, { suppliers: ["S-BAD-ROW"], services: [] })).toEqual([]);
  });

  it("reports duplicate IDs and duplicate links with the row of the first", () => {
    const p = portfolio({
      suppliers: [supplier(2, "S1"), supplier(3, "S2"), supplier(9, "S1")],
      dependencies: [dependency(2, "S1", "S2"), dependency(4, "S1", "S2", { supplies: "other" })],
    });
    expect(validate(p)).toEqual([
      { sheet: "Suppliers", row: 9, column: "Supplier ID", message: "The same Supplier ID “S1” appears more than once (first on row 2)." },
      { sheet: "Dependencies", row: 4, column: "Supplier ID", message: "The same combination of Supplier ID + Depends on ID appears more than once (first on row 2)." },
    ]);
  });

  it("reports an RTO longer than the MTPD", () => {
    const p = portfolio({ services: [service(7, "SVC", { requiredRtoMin: 300, mtpdMin: 240 })] });
    expect(validate(p)).toEqual([{ sheet: "Services", row: 7, column: "Required RTO (h)", message: "Required RTO (5 h) is longer than the MTPD (4 h)." }]);
  });

  it("reports a self-dependency", () => {
    const p = portfolio({ suppliers: [supplier(2, "S1")], dependencies: [dependency(3, "S1", "S1")] });
    expect(validate(p)).toEqual([{ sheet: "Dependencies", row: 3, column: "Depends on ID", message: "A supplier cannot depend on itself." }]);
  });

  it("reports an alternate for both or neither of a supplier and a service, and one replacing itself", () => {
    const p = portfolio({
      suppliers: [supplier(2, "S1"), supplier(3, "S2"), supplier(4, "S3")],
      services: [service(2, "SVC")],
      alternates: [
        alternate(2, { forSupplierId: null, forServiceId: null }),
        alternate(3, { forSupplierId: "S3", forServiceId: "SVC" }),
        alternate(4, { alternateId: "S1" }),
      ],
    });
    expect(validate(p)).toEqual([
      { sheet: "Alternates", row: 2, column: "For supplier ID", message: "Fill in either For supplier ID or For service ID." },
      { sheet: "Alternates", row: 3, column: "For supplier ID", message: "Fill in only one of For supplier ID or For service ID." },
      { sheet: "Alternates", row: 4, column: "Alternate ID", message: "A supplier cannot be its own alternate." },
    ]);
  });
});

describe("diffPortfolio", () => {
  it("classifies rows as create, update or unchanged by their IDs", () => {
    const state = emptyPortfolioState();
    const { row: _a, ...same } = supplier(0, "S1");
    const { row: _b, ...old } = supplier(0, "S2", { declaredRtoMin: 60 });
    addToState(state, "suppliers", same);
    addToState(state, "suppliers", old);
    const { row: _c, ...link } = dependency(0, "S1", "S2");
    addToState(state, "dependencies", link);

    const changes = diffPortfolio(
      portfolio({
        suppliers: [supplier(2, "S1"), supplier(3, "S2"), supplier(4, "S3")],
        dependencies: [dependency(2, "S1", "S2"), dependency(3, "S2", "S1")],
      }),
      state,
    );
    expect(changes.suppliers.create.map((s) => s.supplierId)).toEqual(["S3"]);
    expect(changes.suppliers.update.map((s) => s.supplierId)).toEqual(["S2"]);
    expect(countChanges(changes)).toEqual({
      suppliers: { create: 1, update: 1, unchanged: 1 },
      services: { create: 0, update: 0, unchanged: 0 },
      serviceSuppliers: { create: 0, update: 0, unchanged: 0 },
      dependencies: { create: 1, update: 0, unchanged: 1 },
      alternates: { create: 0, update: 0, unchanged: 0 },
    });
  });
});
