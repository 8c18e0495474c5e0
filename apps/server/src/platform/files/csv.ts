import type { Readable } from 'node:stream';
import type { TextEncoding } from '@unyo/contracts';
import { decodeStream } from './encoding.ts';
import { ImportFileError } from './import-error.ts';
import type { CellValue } from './normalize.ts';

/** One row of a spreadsheet: its number as Excel shows it (the header is row 1) and its cells. */
export type RawRow = { row: number; cells: CellValue[] };

/** Tab-separated if the first line has tabs and no commas (Excel's "Text (Tab delimited)"), else comma. */
export function sniffDelimiter(firstLine: string): ',' | '\t' {
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * An incremental RFC 4180 parser, lenient the way Excel is: a quote inside an unquoted cell is
 * literal, text after a closing quote is appended, CRLF, LF and CR all end a row.
 */
export class CsvParser {
  private readonly delimiter: number;
  private cells: string[] = [];
  private field = '';
  private started = false;
  private quoted = false;
  /** A quote was the last character of a chunk while inside quotes: escaped quote or closing one. */
  private quoteAtEnd = false;
  private skipLf = false;

  constructor(delimiter: ',' | '\t' = ',') {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Feeds text; returns the rows completed by it. */
  push(text: string): string[][] {
    const rows: string[][] = [];
    const n = text.length;
    let i = 0;
    if (this.quoteAtEnd && n > 0) {
      this.quoteAtEnd = false;
      if (text.charCodeAt(0) === QUOTE) {
        this.field += '"';
        i = 1;
      } else this.quoted = false;
    }
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (i === 0 && text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      if (this.quoted) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          this.field += text.slice(i);
          return rows;
        }
        this.field += text.slice(i, q);
        if (q + 1 === n) {
          this.quoteAtEnd = true;
          return rows;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          this.field += '"';
          i = q + 2;
        } else {
          this.quoted = false;
          i = q + 1;
        }
        continue;
      }
      let c = text.charCodeAt(i);
      if (c === QUOTE && !this.started) {
        this.started = true;
        this.quoted = true;
        i++;
        continue;
      }
      const from = i;
      while (i < n && c !== this.delimiter && c !== CR && c !== LF) c = text.charCodeAt(++i);
      if (i > from) {
        this.field += text.slice(from, i);
        this.started = true;
      }
      if (i === n) return rows;
      this.cells.push(this.field);
      this.field = '';
      this.started = false;
      i++;
      if (c === this.delimiter) continue;
      rows.push(this.cells);
      this.cells = [];
      if (c === CR) {
        if (i === n) this.skipLf = true;
        else if (text.charCodeAt(i) === LF) i++;
      }
    }
    return rows;
  }

  /** The last row if the file does not end with a line break; throws if a quote is left open. */
  end(): string[][] {
    if (this.quoted && !this.quoteAtEnd) throw new Error('unclosed quote');
    if (!this.started && this.cells.length === 0 && this.field === '') return [];
    this.cells.push(this.field);
    const last = this.cells;
    this.cells = [];
    this.field = '';
    this.started = false;
    return [last];
  }
}

/**
 * Streams the rows of a CSV file. A quoted cell may span lines and still counts as one row, as in
 * Excel. Blank lines are rows too (Excel shows them), so row numbers match what the user sees.
 * CP932 text that does not decode (U+FFFD cannot come from CP932) is an error naming the row.
 */
export async function* readCsvRows(input: Readable, encoding: TextEncoding, delimiter: ',' | '\t' = ','): AsyncGenerator<RawRow> {
  const decoder = decodeStream(encoding);
  input.on('error', (e) => decoder.destroy(e));
  input.pipe(decoder);
  const parser = new CsvParser(delimiter);
  const checkDecoded = encoding === 'cp932';
  let row = 0;
  const rowsOf = (cells: string[]): RawRow => {
    row++;
    if (checkDecoded && cells.some((c) => c.includes('\uFFFD'))) throw new ImportFileError(422, 'import.undecodable', { row });
    return { row, cells };
  };
  try {
    for await (const chunk of decoder as AsyncIterable<string>) for (const cells of parser.push(chunk)) yield rowsOf(cells);
    let last: string[][];
    try {
      last = parser.end();
    } catch {
      throw new ImportFileError(422, 'import.malformed_csv', { row: row + 1 });
    }
    for (const cells of last) yield rowsOf(cells);
  } finally {
    input.unpipe();
    input.destroy();
    decoder.destroy();
  }
}

const NEEDS_QUOTES = /[",\r\n\t]|^\s|\s$/;

export function csvCell(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV line with Excel's CRLF. */
export function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that Excel would run as a formula (=, +, -, @) is written with a leading apostrophe, as
 * OWASP advises against CSV injection; the importer removes that apostrophe again, so an export
 * re-imports unchanged.
 */
export function guardFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

export function unguardFormula(s: string): string {
  return s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s;
}
