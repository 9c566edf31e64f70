import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "~/audit.server";
import { requireUser } from "~/auth.server";
import { ActionMessage } from "~/components/action-message";
import { CsrfInput } from "~/components/csrf-input";
import { DeclaredByBadge } from "~/components/map/declared-by";
import { readValidatedForm } from "~/csrf.server";
import { createAlternate, deleteAlternate, listAlternates, updateAlternate } from "~/data/alternates.server";
import {
  canChangeDeclarationsOf,
  createDependency,
  deleteDependency,
  listDependencies,
  recordDeclarationChange,
  supplierIdByExternalId,
  updateDependency,
  type Actor,
  type SubSupplierRef,
} from "~/data/dependencies.server";
import { db } from "~/db.server";
import {
  ALTERNATE_STATUSES,
  AddAlternateForm,
  AddDependencyForm,
  DeleteForm,
  UpdateAlternateForm,
  UpdateDependencyForm,
} from "~/domain/supply-map/forms";
import { requireSupplierAccess } from "~/permissions.server";
import { parseForm, type ActionResult } from "~/utils/forms";
import { formatMinutes } from "~/utils/misc";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Sub-suppliers of ${data?.supplier.name ?? "supplier"} · Resilience portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const supplier = await requireSupplierAccess(current, request, params.supplierId);
  const { orgId, role } = current.membership;
  const [dependencies, alternates] = await Promise.all([
    listDependencies(db, orgId, { supplierId: supplier.id, pageSize: 1000 }),
    listAlternates(db, orgId, { forSupplierId: supplier.id, pageSize: 1000 }),
  ]);
  return {
    supplier,
    dependencies: dependencies.rows,
    alternates: alternates.rows,
    canEdit: canChangeDeclarationsOf(actorOf(current.membership), supplier.id),
    isStaff: role !== "vendor",
  };
}

function actorOf(membership: { role: Actor["role"]; supplierId: string | null }): Actor {
  return { role: membership.role, supplierId: membership.supplierId };
}

function hours(minutes: number | null) {
  return minutes === null ? "" : String(Math.round((minutes / 60) * 100) / 100);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const supplier = await requireSupplierAccess(current, request, params.supplierId);
  const { orgId } = current.membership;
  const actor = actorOf(current.membership);
  if (!canChangeDeclarationsOf(actor, supplier.id)) throw new Response("You may not change these declarations.", { status: 403 });
  const form = await readValidatedForm(request);
  const intent = String(form.get("intent") ?? "");
  const who = { userId: current.user.id, ip: clientIp(request) };
  const fail = (status: number, message: string) => data<ActionResult>({ ok: false, message }, { status });

  const companyRef = async (fields: {
    name: string | null;
    country: string | null;
    lei: string | null;
    duns: string | null;
    website: string | null;
    existingExternalId: string | null;
  }): Promise<SubSupplierRef | string> => {
    if (fields.existingExternalId && actor.role !== "vendor") {
      const id = await supplierIdByExternalId(db, orgId, fields.existingExternalId);
      return id ? { supplierId: id } : `No supplier with the ID ${fields.existingExternalId}.`;
    }
    return { company: { name: fields.name!, country: fields.country, lei: fields.lei, duns: fields.duns, website: fields.website } };
  };

  switch (intent) {
    case "add-dependency": {
      const parsed = parseForm(AddDependencyForm, form);
      if (!parsed.success) return data(parsed.result, { status: 400 });
      const ref = await companyRef(parsed.data);
      if (typeof ref === "string") return fail(400, ref);
      const result = await createDependency(db, orgId, actor, supplier.id, ref, {
        supplies: parsed.data.supplies,
        singleSource: parsed.data.singleSource,
        bufferMin: parsed.data.bufferHours ?? 0,
      });
      if (!result.ok) return fail(result.status, result.message);
      await recordDeclarationChange(db, orgId, who, "dependency.created", "dependency", result.row.id, {
        supplier: supplier.id,
        dependsOn: result.row.depends_on_id,
        createdSupplier: result.created,
        matchedBy: result.matched,
        declaredBy: result.row.declared_by,
      });
      const how = result.created
        ? "added as a new supplier"
        : result.matched.length
          ? `matched to the existing supplier ${result.row.depends_on_name}`
          : "linked";
      return { ok: true, message: `Saved: ${result.row.depends_on_name} ${how}.` } satisfies ActionResult;
    }
    case "update-dependency": {
      const parsed = parseForm(UpdateDependencyForm, form);
      if (!parsed.success) return data(parsed.result, { status: 400 });
      const changed = await updateDependency(db, orgId, actor, parsed.data.id, {
        supplies: parsed.data.supplies,
        singleSource: parsed.data.singleSource,
        bufferMin: parsed.data.bufferHours ?? 0,
      });
      if (!changed || changed.before.supplier_id !== supplier.id) throw new Response("Not found", { status: 404 });
      await recordDeclarationChange(db, orgId, who, "dependency.updated", "dependency", parsed.data.id, { before: changed.before, after: changed.after });
      return { ok: true, message: "Saved." } satisfies ActionResult;
    }
    case "delete-dependency":
    case "delete-alternate": {
      const parsed = parseForm(DeleteForm, form);
      if (!parsed.success) return data(parsed.result, { status: 400 });
      if (parsed.data.intent === "delete-dependency") {
        const removed = await deleteDependency(db, orgId, actor, parsed.data.id);
        if (!removed) throw new Response("Not found", { status: 404 });
        await recordDeclarationChange(db, orgId, who, "dependency.deleted", "dependency", removed.id, { before: removed });
      } else {
        const removed = await deleteAlternate(db, orgId, actor, parsed.data.id);
        if (!removed) throw new Response("Not found", { status: 404 });
        await recordDeclarationChange(db, orgId, who, "alternate.deleted", "alternate", removed.id, { before: removed });
      }
      return { ok: true, message: "Removed." } satisfies ActionResult;
    }
    case "add-alternate": {
      const parsed = parseForm(AddAlternateForm, form);
      if (!parsed.success) return data(parsed.result, { status: 400 });
      const ref = await companyRef(parsed.data);
      if (typeof ref === "string") return fail(400, ref);
      const result = await createAlternate(db, orgId, actor, { forSupplierId: supplier.id }, parsed.data.replacesId, ref, {
        status: parsed.data.status,
        switchoverMin: parsed.data.switchoverHours,
        capacityPct: parsed.data.capacityPct,
      });
      if (!result.ok) return fail(result.status, result.message);
      await recordDeclarationChange(db, orgId, who, "alternate.created", "alternate", result.row.id, { after: result.row, createdSupplier: result.created });
      return { ok: true, message: `Saved: ${result.row.alternate_name} can replace ${result.row.replaces_name}.` } satisfies ActionResult;
    }
    case "update-alternate": {
      const parsed = parseForm(UpdateAlternateForm, form);
      if (!parsed.success) return data(parsed.result, { status: 400 });
      const changed = await updateAlternate(db, orgId, actor, parsed.data.id, {
        status: parsed.data.status,
        switchoverMin: parsed.data.switchoverHours,
        capacityPct: parsed.data.capacityPct,
      });
      if (!changed || changed.before.for_supplier_id !== supplier.id) throw new Response("Not found", { status: 404 });
      await recordDeclarationChange(db, orgId, who, "alternate.updated", "alternate", parsed.data.id, { before: changed.before, after: changed.after });
      return { ok: true, message: "Saved." } satisfies ActionResult;
    }
    default:
      return fail(400, "Unknown action.");
  }
}

function CompanyInputs({ prefix, isStaff }: { prefix: string; isStaff: boolean }) {
  return (
    <>
      <div className="two-col">
        <p>
          <label htmlFor={`${prefix}-name`}>Company name</label>
          <input id={`${prefix}-name`} name="name" maxLength={200} />
        </p>
        <p>
          <label htmlFor={`${prefix}-country`}>Country (ISO code)</label>
          <input id={`${prefix}-country`} name="country" maxLength={2} size={3} placeholder="DE" />
        </p>
      </div>
      <details>
        <summary>Identifiers (help us match the company)</summary>
        <p>
          <label htmlFor={`${prefix}-lei`}>LEI</label> <input id={`${prefix}-lei`} name="lei" maxLength={40} />{" "}
          <label htmlFor={`${prefix}-duns`}>D-U-N-S</label> <input id={`${prefix}-duns`} name="duns" maxLength={20} />{" "}
          <label htmlFor={`${prefix}-website`}>Website</label> <input id={`${prefix}-website`} name="website" maxLength={300} />
        </p>
        {isStaff ? (
          <p>
            <label htmlFor={`${prefix}-existing`}>Or an existing supplier ID</label>{" "}
            <input id={`${prefix}-existing`} name="existingExternalId" maxLength={60} placeholder="SUP-041" />
          </p>
        ) : null}
      </details>
    </>
  );
}

export default function SupplierDependenciesPage() {
  const { supplier, dependencies, alternates, canEdit, isStaff } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/suppliers/${supplier.id}`}>{`← ${supplier.name}`}</Link>
        {isStaff ? (
          <>
            {" · "}
            <Link to={`/map?supplier=${supplier.id}`}>Map of its supply chain</Link>
          </>
        ) : null}
      </p>
      <h1>{`Sub-suppliers and alternates of ${supplier.name}`}</h1>
      <p className="muted">
        What this company relies on (its tier-2 suppliers), and who could replace them. Lines marked “Declared by vendor” come from the
        vendor itself.
      </p>
      <ActionMessage result={result} />

      <h2>Sub-suppliers</h2>
      {dependencies.length === 0 ? (
        <p className="card empty">No sub-suppliers declared.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Sub-supplier</th>
              <th scope="col">Country</th>
              <th scope="col">Supplies</th>
              <th scope="col">Single source</th>
              <th scope="col" className="num">Buffer</th>
              <th scope="col">Declared by</th>
              {canEdit ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {dependencies.map((d) => (
              <tr key={d.id}>
                <td>{isStaff ? <Link to={`/suppliers/${d.depends_on_id}`}>{d.depends_on_name}</Link> : d.depends_on_name}</td>
                <td>{d.depends_on_country ?? "—"}</td>
                <td>{d.supplies || "—"}</td>
                <td>{d.single_source ? <span className="badge warn">Single source</span> : "No"}</td>
                <td className="num">{formatMinutes(d.buffer_min)}</td>
                <td>
                  <DeclaredByBadge by={d.declared_by} />
                </td>
                {canEdit ? (
                  <td>
                    <details>
                      <summary>Edit</summary>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="update-dependency" />
                        <input type="hidden" name="id" value={d.id} />
                        <label htmlFor={`supplies-${d.id}`}>Supplies</label>
                        <input id={`supplies-${d.id}`} name="supplies" defaultValue={d.supplies} maxLength={300} />
                        <label>
                          <input type="checkbox" name="singleSource" defaultChecked={d.single_source} /> Single source
                        </label>
                        <label htmlFor={`buffer-${d.id}`}>Buffer (hours)</label>
                        <input id={`buffer-${d.id}`} name="bufferHours" inputMode="decimal" defaultValue={hours(d.buffer_min)} size={6} />{" "}
                        <button type="submit" className="button small">
                          Save
                        </button>
                      </Form>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="delete-dependency" />
                        <input type="hidden" name="id" value={d.id} />
                        <button type="submit" className="button small secondary">{`Remove ${d.depends_on_name}`}</button>
                      </Form>
                    </details>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit ? (
        <Form method="post" className="card">
          <CsrfInput />
          <input type="hidden" name="intent" value="add-dependency" />
          <h3>Declare a sub-supplier</h3>
          <CompanyInputs prefix="dep" isStaff={isStaff} />
          <p>
            <label htmlFor="dep-supplies">What it supplies</label>
            <input id="dep-supplies" name="supplies" maxLength={300} />{" "}
            <label>
              <input type="checkbox" name="singleSource" /> Single source (no other source today)
            </label>{" "}
            <label htmlFor="dep-buffer">Buffer stock/time (hours)</label> <input id="dep-buffer" name="bufferHours" inputMode="decimal" size={6} />
          </p>
          <button type="submit" className="button">
            Add sub-supplier
          </button>
        </Form>
      ) : null}

      <h2>Alternates</h2>
      {alternates.length === 0 ? (
        <p className="card empty">No alternates declared.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Replaces</th>
              <th scope="col">Alternate</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">Switch-over</th>
              <th scope="col" className="num">Capacity</th>
              <th scope="col">Declared by</th>
              {canEdit ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {alternates.map((a) => (
              <tr key={a.id}>
                <td>{a.replaces_name}</td>
                <td>{`${a.alternate_name}${a.alternate_country ? ` (${a.alternate_country})` : ""}`}</td>
                <td>{a.status}</td>
                <td className="num">{formatMinutes(a.switchover_min)}</td>
                <td className="num">{a.capacity_pct === null ? "—" : `${a.capacity_pct} %`}</td>
                <td>
                  <DeclaredByBadge by={a.declared_by} />
                </td>
                {canEdit ? (
                  <td>
                    <details>
                      <summary>Edit</summary>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="update-alternate" />
                        <input type="hidden" name="id" value={a.id} />
                        <label htmlFor={`status-${a.id}`}>Status</label>
                        <select id={`status-${a.id}`} name="status" defaultValue={a.status}>
                          {ALTERNATE_STATUSES.map((s) => (
                            <option key={s} value={s}>
                              {s}
                            </option>
                          ))}
                        </select>
                        <label htmlFor={`switch-${a.id}`}>Switch-over (hours)</label>
                        <input id={`switch-${a.id}`} name="switchoverHours" defaultValue={hours(a.switchover_min)} size={6} />
                        <label htmlFor={`cap-${a.id}`}>Capacity %</label>
                        <input id={`cap-${a.id}`} name="capacityPct" defaultValue={a.capacity_pct ?? ""} size={4} />{" "}
                        <button type="submit" className="button small">
                          Save
                        </button>
                      </Form>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="delete-alternate" />
                        <input type="hidden" name="id" value={a.id} />
                        <button type="submit" className="button small secondary">{`Remove ${a.alternate_name}`}</button>
                      </Form>
                    </details>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && dependencies.length ? (
        <Form method="post" className="card">
          <CsrfInput />
          <input type="hidden" name="intent" value="add-alternate" />
          <h3>Declare an alternate</h3>
          <p>
            <label htmlFor="alt-replaces">Replaces</label>
            <select id="alt-replaces" name="replacesId">
              {dependencies.map((d) => (
                <option key={d.id} value={d.depends_on_id}>
                  {d.depends_on_name}
                </option>
              ))}
            </select>
          </p>
          <CompanyInputs prefix="alt" isStaff={isStaff} />
          <p>
            <label htmlFor="alt-status">Status</label>
            <select id="alt-status" name="status" defaultValue="identified">
              {ALTERNATE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>{" "}
            <label htmlFor="alt-switch">Switch-over (hours)</label> <input id="alt-switch" name="switchoverHours" size={6} />{" "}
            <label htmlFor="alt-cap">Capacity %</label> <input id="alt-cap" name="capacityPct" size={4} />
          </p>
          <button type="submit" className="button">
            Add alternate
          </button>
        </Form>
      ) : null}
    </>
  );
}
