// finbook as a library (package.json "exports"; docs/api.md documents every name here).
// A model and its template, from files or built in code, computed with decimal.js, written
// as a workbook whose every derived number is a live formula caching exactly that figure.
export { loadModel } from './api/load.js';
export type { LoadOptions, ModelInput, TemplateInput } from './api/load.js';
export type { LoadedModel } from './api/loaded-model.js';
export { computeFigures } from './api/figures.js';
export type { CheckFigure, Figure, Figures, FiguresOptions } from './api/figures.js';
export { workbookBuffer, writeWorkbook } from './api/write.js';
export type { WriteOptions, WrittenWorkbook } from './api/write.js';
export { verifyWorkbook } from './api/verify.js';
export type { CellValue, Comparison, Difference, DifferenceReason, Verification } from './api/verify.js';

// user mistakes as data
export { ISSUE_CODES, formatIssue } from './issues.js';
export type { Issue, IssueCode, Result, SourcePosition } from './issues.js';

// the formats, as zod schemas and the types inferred from them
export { modelSchema, templateSchema } from './model/schema.js';
export type { CheckSpec, ColumnSpec, GlobalInput, KeyFigureSpec, LineSpec, Model, Period, ScenarioSpec, SensitivitySpec, SheetSpec, TableSpec, Template } from './model/schema.js';

// what a failing environment throws (LibreOffice missing or failing, a file that is no workbook)
export { OfficeFailedError, OfficeMissingError } from './office/index.js';
export { WorkbookReadError } from './verify/read-xlsx.js';
