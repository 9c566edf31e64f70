/** Finding workflow statuses and severities (shared by pages and server code; no I/O). */
export const FINDING_STATUSES = ["open", "accepted", "mitigated", "resolved"] as const;
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
