// Public surface of WXR (WordPress eXtended RSS) import and export.
export { createWxrService } from './wxr.service.js';
export type { WxrDeps, WxrService } from './wxr.service.js';
export type { ImportProgress, WxrImportOptions } from './wxr-import.service.js';
export type { ExportSummary } from './wxr-export.service.js';
export { importKinds } from './wxr.js';
export type { ImportKind, ImportReport, KindCounts } from './wxr.js';
