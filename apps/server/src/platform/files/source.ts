import fs from 'node:fs';
import type { ImportFormat, TextEncoding } from '@unyo/contracts';
import { type RawRow, readCsvRows, sniffDelimiter } from './csv.ts';
import { decodeText, detectEncoding, sniff } from './encoding.ts';
import { ImportFileError } from './import-error.ts';
import { assertZipComplete, readXlsxRows } from './xlsx.ts';

/** An uploaded (or CLI-given) file on disk. */
export type ImportFile = { path: string; name: string };

export type OpenedSource = {
  format: ImportFormat;
  encoding: TextEncoding | null;
  size: number;
  /** Streams the rows; onBytes reports how much of the file has been read. */
  rows(onBytes?: (read: number) => void): AsyncGenerator<RawRow>;
};

const HEAD_BYTES = 64 * 1024;
const CHUNK = 1024 * 1024;

async function readHead(path: string): Promise<Buffer> {
  const fh = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function counted(path: string, onBytes?: (read: number) => void) {
  const stream = fs.createReadStream(path, { highWaterMark: CHUNK });
  if (onBytes) {
    let read = 0;
    stream.on('data', (c) => {
      read += c.length;
      onBytes(read);
    });
  }
  return stream;
}

/**
 * Looks at a file before any row is imported: refuses empty, binary, truncated and undecodable
 * files with a clear ImportFileError, and tells CSV (with its encoding) from XLSX by content, not name.
 */
export async function openSource(file: ImportFile, limits: { maxBytes: number }): Promise<OpenedSource> {
  const { size } = await fs.promises.stat(file.path);
  if (size > limits.maxBytes) throw new ImportFileError(413, 'import.too_large', { max: Math.floor(limits.maxBytes / 1024 / 1024) || 1 });
  const head = await readHead(file.path);
  const sniffed = sniff(head);
  if (sniffed.kind === 'xlsx') {
    await assertZipComplete(file.path);
    return { format: 'xlsx', encoding: null, size, rows: (onBytes) => readXlsxRows(counted(file.path, onBytes)) };
  }
  // CP932 is verified row by row while reading (readCsvRows), which also names the exact row.
  const encoding = await detectEncoding(() => fs.createReadStream(file.path, { highWaterMark: CHUNK }), sniffed.bom, false);
  const firstLine = decodeText(head, encoding).split(/\r?\n/, 1)[0];
  const delimiter = sniffDelimiter(firstLine);
  return { format: 'csv', encoding, size, rows: (onBytes) => readCsvRows(counted(file.path, onBytes), encoding, delimiter) };
}
