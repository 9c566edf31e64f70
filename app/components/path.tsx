import { Link } from "@remix-run/react";
import { formatMinutes } from "~/utils/misc";
import type { StoredPathStep } from "~/utils/path";

export { pathIds, type StoredPathStep } from "~/utils/path";

/**
 * Renders the chain that causes a figure as an ordered list, one step per item, so screen readers
 * read it in order: "Order management → Kestrel (declares 4 h) → Datavault (48 h, single source)".
 */
export function PathView({ steps, names, linkSuppliers = true }: { steps: readonly StoredPathStep[]; names: Record<string, string>; linkSuppliers?: boolean }) {
  if (steps.length === 0) return <span className="muted">—</span>;
  return (
    <ol className="path" aria-label="Path that causes this figure">
      {steps.map((step, index) => {
        if (step.kind === "service") {
          return (
            <li key={index}>
              <Link to={`/services/${step.serviceId}`}>{names[step.serviceId] ?? "Service"}</Link>
            </li>
          );
        }
        if (step.kind === "alternate") {
          return (
            <li key={index}>
              alternate <strong>{names[step.alternateId] ?? "supplier"}</strong> (qualified, switch-over {formatMinutes(step.switchoverMin)})
              {step.bufferMin ? `, buffer ${formatMinutes(step.bufferMin)}` : ""}
            </li>
          );
        }
        const name = names[step.supplierId] ?? "Unknown supplier";
        const details = [
          step.link === "cycle" ? "in a dependency cycle" : null,
          step.supplies ? `supplies ${step.supplies}` : null,
          step.singleSource ? "single source" : null,
          step.bufferMin ? `buffer ${formatMinutes(step.bufferMin)}` : null,
          step.ownRtoMin === null ? "own RTO unknown" : `own RTO ${formatMinutes(step.ownRtoMin)} (${step.rtoSource})`,
        ].filter(Boolean);
        return (
          <li key={index}>
            {linkSuppliers ? <Link to={`/suppliers/${step.supplierId}`}>{name}</Link> : <strong>{name}</strong>}{" "}
            <span className="muted">({details.join(", ")})</span>
          </li>
        );
      })}
    </ol>
  );
}
