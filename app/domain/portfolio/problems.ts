/**
 * What the import tells the user. A problem blocks the import; a warning does not. Both name where:
 * the sheet, the spreadsheet row (1-based, as Excel shows it) and the column header, when they apply.
 */
export interface Problem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
}
export type Warning = Problem;

/** A file with a problem in every cell must not produce millions of messages: we keep the first ones. */
export const MAX_REPORTED_PROBLEMS = 1_000;

export interface ProblemReport {
  /** The first MAX_REPORTED_PROBLEMS problems, in the order found. */
  problems: Problem[];
  /** How many there are in all. */
  problemCount: number;
}

export class ProblemLog implements ProblemReport {
  readonly problems: Problem[] = [];
  problemCount = 0;

  add(sheet: string | null, row: number | null, column: string | null, message: string): void {
    this.problemCount += 1;
    if (this.problems.length < MAX_REPORTED_PROBLEMS) this.problems.push({ sheet, row, column, message });
  }

  addAll(report: ProblemReport): void {
    for (const p of report.problems) this.add(p.sheet, p.row, p.column, p.message);
    this.problemCount += report.problemCount - report.problems.length;
  }

  report(): ProblemReport {
    return { problems: [...this.problems], problemCount: this.problemCount };
  }
}
