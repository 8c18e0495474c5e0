import { z } from 'zod';
import { HardwareAssetFilter } from './assets.ts';
import { DepartmentListQuery, PersonListQuery, SiteListQuery } from './org.ts';

/** Ledger import/export shapes, shared by every ledger (`/<ledger>/import`, `/<ledger>/export`). */

export const ImportFormat = z.enum(['csv', 'xlsx']);
export type ImportFormat = z.infer<typeof ImportFormat>;
/** Text encodings the importer detects; null for XLSX. */
export const TextEncoding = z.enum(['utf8', 'utf8bom', 'cp932']);
export type TextEncoding = z.infer<typeof TextEncoding>;

/** One problem in the file: the row as Excel numbers it (the header is row 1) and the column as written in the file. */
export const ImportRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportResult = z.object({
  dryRun: z.boolean(),
  /** True when the rows were written; a commit with any error writes nothing. */
  committed: z.boolean(),
  format: ImportFormat,
  encoding: TextEncoding.nullable(),
  /** Data rows read (blank rows are skipped). */
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Every error, in row order, up to a cap; errorCount is the full count. */
  errors: z.array(ImportRowError),
  errorCount: z.number().int(),
  /** Headings in the file that map to no column (their values are not imported). */
  ignoredColumns: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** Query of `POST /<ledger>/import`: a dry run unless dryRun=false. */
export const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

/** File heading → column key (null: ignore the heading). */
export const ImportMapping = z.record(z.string().max(200), z.string().max(100).nullable());
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportColumnDto = z.object({
  key: z.string(),
  ja: z.string(),
  en: z.string(),
  required: z.boolean(),
  type: z.enum(['text', 'code', 'date', 'enum', 'bool', 'int', 'yen', 'ref', 'list', 'json']),
});

export const ImportPreview = z.object({
  format: ImportFormat,
  encoding: TextEncoding.nullable(),
  headers: z.array(z.string()),
  /** The first data rows as text, for the mapping step of the wizard. */
  sampleRows: z.array(z.array(z.string())),
  suggestedMapping: z.record(z.string(), z.string().nullable()),
  columns: z.array(ImportColumnDto),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportMappingDto = z.object({
  ledger: z.string(),
  mapping: ImportMapping.nullable(),
  updatedAt: z.string().nullable(),
});
export type ImportMappingDto = z.infer<typeof ImportMappingDto>;

export const importPhases = ['parsing', 'validating', 'writing', 'done', 'failed'] as const;
/** While parsing, processed/total count bytes; afterwards, rows. */
export const ImportProgress = z.object({
  id: z.uuid(),
  ledger: z.string(),
  phase: z.enum(importPhases),
  processed: z.number().int(),
  total: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ExportQuery = z.object({
  format: ImportFormat.default('csv'),
  /** CSV only: UTF-8 with BOM opens correctly in Excel; cp932 for older tools. */
  encoding: z.enum(['utf8bom', 'utf8', 'cp932']).default('utf8bom'),
  /** Heading and label language; Japanese by default so the file matches the agency's ledgers. */
  lang: z.enum(['ja', 'en']).default('ja'),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

export const PersonExportQuery = ExportQuery.extend(PersonListQuery.pick({ q: true, siteId: true, departmentId: true, status: true, staffType: true }).shape);
export type PersonExportQuery = z.infer<typeof PersonExportQuery>;
export const SiteExportQuery = ExportQuery.extend(SiteListQuery.pick({ q: true, kind: true }).shape);
export type SiteExportQuery = z.infer<typeof SiteExportQuery>;
export const DepartmentExportQuery = ExportQuery.extend(DepartmentListQuery.pick({ q: true, siteId: true, parentId: true }).shape);
export type DepartmentExportQuery = z.infer<typeof DepartmentExportQuery>;
/** Hardware ledger export: the list's filters (both ledgers unless `ledger` is given). */
export const HardwareAssetExportQuery = ExportQuery.extend(HardwareAssetFilter.shape);
export type HardwareAssetExportQuery = z.infer<typeof HardwareAssetExportQuery>;

/** POST /hardware-assets/labels: A4 label sheets (PDF) of the selected assets, in the given order. */
export const labelLayouts = ['a4-24'] as const;
export const HardwareAssetLabelsInput = z.object({
  ids: z.array(z.uuid()).min(1).max(2400),
  layout: z.enum(labelLayouts).default('a4-24'),
});
export type HardwareAssetLabelsInput = z.infer<typeof HardwareAssetLabelsInput>;
