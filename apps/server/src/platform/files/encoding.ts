import type { Transform } from 'node:stream';
import type { TextEncoding } from '@unyo/contracts';
import iconv from 'iconv-lite';
import { ImportFileError } from './import-error.ts';

/**
 * Text encodings of the CSV files Japanese offices produce: UTF-8 (with or without the BOM Excel
 * writes for "CSV UTF-8") and Shift_JIS as Windows writes it (CP932, with the NEC/IBM extensions
 * such as ① ㈱ 髙 﨑). Detection is strict: a file is UTF-8 only if every byte sequence is valid
 * UTF-8, otherwise CP932 only if every byte decodes; anything else is refused with the line.
 */

export type { TextEncoding };

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export type Sniffed = { kind: 'xlsx' } | { kind: 'text'; bom: boolean };

const signatures: { bytes: number[]; error: 'import.binary_file' | 'import.xls_unsupported' | 'import.utf16_unsupported' }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], error: 'import.binary_file' }, // PNG
  { bytes: [0xff, 0xd8, 0xff], error: 'import.binary_file' }, // JPEG
  { bytes: [0x47, 0x49, 0x46, 0x38], error: 'import.binary_file' }, // GIF
  { bytes: [0x25, 0x50, 0x44, 0x46], error: 'import.binary_file' }, // PDF
  { bytes: [0x1f, 0x8b], error: 'import.binary_file' }, // gzip
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], error: 'import.xls_unsupported' }, // OLE2: .xls
  { bytes: [0xff, 0xfe], error: 'import.utf16_unsupported' },
  { bytes: [0xfe, 0xff], error: 'import.utf16_unsupported' },
];

/** What the first bytes say: an XLSX (ZIP) or text; refuses empty and binary files. */
export function sniff(head: Buffer): Sniffed {
  if (head.length === 0) throw new ImportFileError(422, 'import.empty_file');
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return { kind: 'xlsx' };
  for (const s of signatures) if (s.bytes.every((b, i) => head[i] === b)) throw new ImportFileError(415, s.error);
  if (head.includes(0)) throw new ImportFileError(415, 'import.binary_file');
  const bom = head.subarray(0, 3).equals(BOM);
  if (/^[\s\uFEFF]*$/.test(head.toString('latin1', bom ? 3 : 0))) throw new ImportFileError(422, 'import.empty_file');
  return { kind: 'text', bom };
}

/** Offset of the first byte that is not valid UTF-8 (an incomplete sequence at the end counts), or -1. */
export function utf8InvalidAt(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i;
    const c1 = b[i + 1];
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

const countNewlines = (b: Buffer, end = b.length) => {
  let n = 0;
  for (let i = b.indexOf(10); i !== -1 && i < end; i = b.indexOf(10, i + 1)) n++;
  return n;
};

/** The bytes of a multi-byte sequence cut off at the end of a chunk (the decoder holds them for the next one). */
function incompleteTail(b: Buffer): Buffer {
  for (let back = 1; back <= 3 && back <= b.length; back++) {
    const c = b[b.length - back];
    if (c < 0x80) return b.subarray(b.length);
    if (c >= 0xc0) return b.subarray(b.length - back);
  }
  return b.subarray(b.length);
}

type Chunks = () => AsyncIterable<Buffer> | Iterable<Buffer>;

/** Multi-byte sequences that count as evidence a file was written as UTF-8 (CP932 text almost never forms one). */
const UTF8_EVIDENCE = 3;

function countLeadBytes(b: Buffer, end: number, upTo: number): number {
  let n = 0;
  for (let i = 0; i < end && n < upTo; i++) if (b[i] >= 0xc2) n++;
  return n;
}

/** Line (1-based) of the first invalid UTF-8 sequence (0 if all is valid), and whether valid multi-byte text came before it. */
async function utf8Failure(chunks: Chunks): Promise<{ line: number; looksUtf8: boolean }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 0;
  let multibyte = 0;
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks()) {
    try {
      decoder.decode(chunk, { stream: true });
    } catch {
      const joined = Buffer.concat([carry, chunk]);
      const at = Math.max(0, utf8InvalidAt(joined));
      multibyte += countLeadBytes(joined, at, UTF8_EVIDENCE);
      return { line: lines + countNewlines(joined, at) + 1, looksUtf8: multibyte >= UTF8_EVIDENCE };
    }
    lines += countNewlines(chunk);
    if (multibyte < UTF8_EVIDENCE) multibyte += countLeadBytes(chunk, chunk.length - incompleteTail(chunk).length, UTF8_EVIDENCE - multibyte);
    carry = incompleteTail(chunk);
  }
  try {
    decoder.decode();
  } catch {
    return { line: lines + 1, looksUtf8: multibyte >= UTF8_EVIDENCE };
  }
  return { line: 0, looksUtf8: true };
}

/** Line (1-based) of the first byte that does not decode as CP932, or 0. U+FFFD cannot be encoded in CP932, so its appearance marks the error. */
async function cp932FailureLine(chunks: Chunks): Promise<number> {
  const decoder = iconv.getDecoder('cp932');
  let lines = 0;
  const check = (text: string) => {
    const at = text.indexOf('\uFFFD');
    if (at !== -1) return lines + (text.slice(0, at).match(/\n/g)?.length ?? 0) + 1;
    lines += text.match(/\n/g)?.length ?? 0;
    return 0;
  };
  for await (const chunk of chunks()) {
    const failed = check(decoder.write(chunk));
    if (failed) return failed;
  }
  return check(decoder.end() ?? '');
}

/**
 * Detects the encoding of a text file given as a re-readable sequence of chunks. UTF-8 is checked
 * over the whole file (natively, fast); a CP932 verdict is checked over the whole file too unless
 * verifyCp932 is false — the CSV reader then checks every row as it decodes it, saving a pass.
 */
export async function detectEncoding(chunks: Chunks, bom: boolean, verifyCp932 = true): Promise<TextEncoding> {
  const utf8 = await utf8Failure(chunks);
  if (!utf8.line) return bom ? 'utf8bom' : 'utf8';
  // A BOM, or valid Japanese UTF-8 before the bad bytes: a damaged UTF-8 file, not a CP932 one.
  if (bom || utf8.looksUtf8) throw new ImportFileError(422, 'import.undecodable', { row: utf8.line });
  const cp932Failure = verifyCp932 ? await cp932FailureLine(chunks) : 0;
  if (!cp932Failure) return 'cp932';
  throw new ImportFileError(422, 'import.undecodable', { row: cp932Failure });
}

export function detectEncodingOfBuffer(b: Buffer): Promise<TextEncoding> {
  const sniffed = sniff(b.subarray(0, 8192));
  if (sniffed.kind !== 'text') throw new ImportFileError(415, 'import.binary_file');
  return detectEncoding(() => [b], sniffed.bom);
}

const iconvName = (enc: TextEncoding) => (enc === 'cp932' ? 'cp932' : 'utf8');

/** A decoding stream (the BOM is dropped). */
export function decodeStream(enc: TextEncoding): Transform {
  return iconv.decodeStream(iconvName(enc), { stripBOM: true }) as unknown as Transform;
}

export function decodeText(b: Buffer, enc: TextEncoding): string {
  return iconv.decode(b, iconvName(enc), { stripBOM: true });
}

/**
 * Unicode characters that Shift_JIS text decodes to under JIS mappings, replaced by the ones CP932
 * encodes (〜 WAVE DASH → ～ FULLWIDTH TILDE, − → －, ¥ → ￥ ...), so such text survives a CP932 export
 * instead of turning into "?".
 */
const cp932Equivalents: Record<string, string> = {
  '\u301C': '\uFF5E',
  '\u2016': '\u2225',
  '\u2212': '\uFF0D',
  '\u00A2': '\uFFE0',
  '\u00A3': '\uFFE1',
  '\u00AC': '\uFFE2',
  '\u00A6': '\uFFE4',
  '\u2014': '\u2015',
  '\u00A5': '\uFFE5',
  '\u203E': '\uFFE3',
};
const CP932_EQUIVALENT = new RegExp(`[${Object.keys(cp932Equivalents).join('')}]`, 'g');

/** CP932 bytes of a text; characters outside CP932 (e.g. 𠮷, emoji) become "?". */
export function encodeCp932(s: string): Buffer {
  return iconv.encode(
    s.replace(CP932_EQUIVALENT, (c) => cp932Equivalents[c]),
    'cp932',
  );
}

export function encodeText(s: string, enc: 'utf8' | 'utf8bom' | 'cp932'): Buffer {
  return enc === 'cp932' ? encodeCp932(s) : Buffer.from(s, 'utf8');
}

export const UTF8_BOM = BOM;
