import type { Role } from "../db/schema";

export const ROLE_LABELS: Record<Role, string> = {
  procurement: "Procurement",
  analyst: "Supply-chain officer",
  vendor: "Vendor",
};

export interface NavItem {
  to: string;
  label: string;
}

/** The main navigation for each role; only pages the role may open are listed. */
export function navigationFor(role: Role | null, supplierId: string | null = null): NavItem[] {
  switch (role) {
    case "procurement":
      return [
        { to: "/", label: "Overview" },
        { to: "/suppliers", label: "Suppliers" },
        { to: "/services", label: "Services" },
        { to: "/map", label: "Map" },
        { to: "/concentration", label: "Concentration" },
        { to: "/findings", label: "Findings" },
        { to: "/evidence", label: "Evidence" },
        { to: "/questionnaires", label: "Questionnaires" },
        { to: "/scenarios", label: "What-if" },
        { to: "/reports", label: "Reports" },
        { to: "/portfolio", label: "Import / export" },
        { to: "/resolution", label: "Duplicates" },
        { to: "/admin/users", label: "Users" },
        { to: "/admin/audit", label: "Audit log" },
        { to: "/admin/api-tokens", label: "API tokens" },
      ];
    case "analyst":
      return [
        { to: "/", label: "Overview" },
        { to: "/suppliers", label: "Suppliers" },
        { to: "/services", label: "Services" },
        { to: "/map", label: "Map" },
        { to: "/concentration", label: "Concentration" },
        { to: "/findings", label: "Findings" },
        { to: "/evidence", label: "Evidence" },
        { to: "/questionnaires", label: "Questionnaires" },
        { to: "/scenarios", label: "What-if" },
        { to: "/reports", label: "Reports" },
      ];
    case "vendor":
      return [
        { to: "/", label: "Overview" },
        ...(supplierId ? [{ to: `/suppliers/${supplierId}`, label: "Company profile" }] : []),
        ...(supplierId ? [{ to: `/suppliers/${supplierId}/dependencies`, label: "Sub-suppliers" }] : []),
        ...(supplierId ? [{ to: `/suppliers/${supplierId}/evidence`, label: "Evidence" }] : []),
        { to: "/notifications", label: "Notifications" },
        { to: "/colleagues", label: "Colleagues" },
      ];
    default:
      return [];
  }
}
