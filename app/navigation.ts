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
export function navigationFor(role: Role | null): NavItem[] {
  switch (role) {
    case "procurement":
    case "analyst":
      return [
        { to: "/", label: "Overview" },
        { to: "/suppliers", label: "Suppliers" },
        { to: "/services", label: "Services" },
      ];
    case "vendor":
      return [{ to: "/", label: "My company" }];
    default:
      return [];
  }
}
