// The WXR feature as one service: import and export for the CLI, and the old-address lookups for the site.
import type { Writable } from 'node:stream';
import { type ExportSummary, type WxrExportDeps, exportWxr } from './wxr-export.service.js';
import { type WxrImportDeps, type WxrImportOptions, importWxrFile } from './wxr-import.service.js';
import * as repo from './wxr-import.repo.js';
import { type ImportReport, oldPathKey } from './wxr.js';

export interface WxrService {
  importFile(file: string, options?: WxrImportOptions): Promise<ImportReport>;
  exportTo(out: Writable): Promise<ExportSummary>;
  /** The post or page an imported WordPress post id names here (the same id when it was free). */
  findImportedPostId(oldId: number): Promise<number | undefined>;
  /** The post an old WordPress permalink path (e.g. /2019/04/hello-world/) names here. */
  findPostIdByOldPath(path: string): Promise<number | undefined>;
}

export type WxrDeps = WxrImportDeps & WxrExportDeps;

export function createWxrService(deps: WxrDeps): WxrService {
  return {
    importFile: (file, options) => importWxrFile(deps, file, options),
    exportTo: (out) => exportWxr(deps, out),
    findImportedPostId: async (oldId) => (await repo.findLegacyIds(deps.db.kysely, 'post', [oldId])).get(oldId),
    async findPostIdByOldPath(path) {
      const key = oldPathKey(path);
      // /archives/12 and /archives/12/ are one address: the site adds the slash before it gets here.
      return (await repo.findLegacyPathPost(deps.db.kysely, key)) ?? (key.endsWith('/') && key.length > 1
        ? repo.findLegacyPathPost(deps.db.kysely, key.slice(0, -1))
        : undefined);
    },
  };
}
