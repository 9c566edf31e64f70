/**
 * The portfolio workbook: one format for import and export (see docs/import-format.md).
 *
 * Import: spoolUpload (big uploads to disk) → parsePortfolioUpload → previewPortfolioImport /
 * applyPortfolioImport (app/data/portfolio.server.ts). Export: exportPortfolio → writePortfolioWorkbook.
 */
export { PORTFOLIO_SHEETS, SHEET_KEYS, type RowOf, type SheetKey } from "./format";
export { MAX_ROWS_PER_SHEET, parsePortfolioUpload, type ParseOptions, type ParsedUpload, type UploadParseResult } from "./parse";
export { MAX_REPORTED_PROBLEMS, type Problem, type Warning } from "./problems";
export {
  COMPRESSION_RATIO_MIN_BYTES,
  MAX_COMPRESSION_RATIO,
  MAX_UNCOMPRESSED_BYTES,
  MAX_UPLOAD_BYTES,
  MAX_ZIP_ENTRIES,
  checkUpload,
} from "./safety";
export { spoolUpload, type UploadSource } from "./source";
export { validatePortfolio } from "./validate";
export { countChanges, diffPortfolio, type ChangeCounts } from "./diff";
export { csvSafe, writePortfolioTemplate, writePortfolioWorkbook, type PortfolioRowSources } from "./write";
