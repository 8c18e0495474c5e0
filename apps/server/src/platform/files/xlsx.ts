import fs from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { RawRow } from './csv.ts';
import { ImportFileError } from './import-error.ts';
import type { CellValue } from './normalize.ts';

const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/**
 * A ZIP ends with its central directory; a file cut off in transfer has none. Checking the last
 * 64 KiB catches truncation before the reader has produced (and we have imported) any row.
 */
export async function assertZipComplete(path: string): Promise<void> {
  const fh = await fs.open(path, 'r');
  try {
    const { size } = await fh.stat();
    const len = Math.min(size, 65_557);
    const tail = Buffer.alloc(len);
    await fh.read(tail, 0, len, size - len);
    if (tail.lastIndexOf(EOCD) === -1) throw new ImportFileError(422, 'import.corrupt_xlsx');
  } finally {
    await fh.close();
  }
}

/** The plain value of an exceljs cell: rich text joined, formulas by their cached result, errors as their text. */
export function plainCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in o) return plainCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text;
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}

/**
 * Streams the rows of the first worksheet with their Excel row numbers. Date cells arrive as Dates,
 * numbers as numbers. A damaged or non-XLSX ZIP is an ImportFileError.
 */
export async function* readXlsxRows(input: Readable): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sawSheet = false;
  try {
    for await (const sheet of reader) {
      sawSheet = true;
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
        yield { row: row.number, cells };
      }
      break;
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError(422, 'import.corrupt_xlsx');
  } finally {
    input.destroy();
  }
  if (!sawSheet) throw new ImportFileError(422, 'import.corrupt_xlsx');
}

export type XlsxColumn = { header: string; width?: number; numFmt?: string };

/**
 * A streaming XLSX writer: one sheet, bold header row frozen with an auto-filter, rows written as
 * they come (nothing but the current row is held in memory).
 */
export function createXlsxWriter(out: Writable, sheetName: string, columns: XlsxColumn[]) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ key: String(i), width: c.width ?? 16, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  return {
    addRow(values: CellValue[]) {
      sheet.addRow(values).commit();
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
