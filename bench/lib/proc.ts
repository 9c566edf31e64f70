import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/*
 * Process figures from Linux /proc for benchmarks that run the app in processes of their own.
 * On a shared host CPU seconds vary far less than wall time. Elsewhere these return null / nothing.
 */

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Fields of /proc/<pid>/stat after the command name (which is in parentheses and may hold spaces). */
function statFields(pid: number): string[] {
  return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
}

/** User + system CPU seconds a process has used so far, or null. */
export function cpuSeconds(pid: number): number | null {
  try {
    const fields = statFields(pid);
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Ids of the running processes for which `pick` (given the id) is true; a process that exits meanwhile is left out. */
export function processIds(pick: (pid: number) => boolean): number[] {
  let entries: string[] = [];
  try {
    entries = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  return entries.map(Number).filter((pid) => {
    try {
      return pick(pid);
    } catch {
      return false; // exited meanwhile
    }
  });
}

/** Ids of the running processes whose parent is `pid`. */
export function childrenOf(pid: number): number[] {
  return processIds((candidate) => Number(statFields(candidate)[1]) === pid);
}

/** CPU seconds used so far by a process and its direct children (a server and its cluster workers), or null. */
export function treeCpuSeconds(pid: number): number | null {
  const own = cpuSeconds(pid);
  if (own === null) return null;
  return childrenOf(pid).reduce((sum, child) => sum + (cpuSeconds(child) ?? 0), own);
}
