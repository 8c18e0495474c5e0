import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportResult, Locale } from '@unyo/contracts';
import type { Db } from '../../db/client.ts';
import { ImportFileError } from './import-error.ts';
import { findImportMapping } from './import-mappings.ts';
import { type ProgressReport, runImport } from './ledger-import.ts';
import type { LedgerIo } from './ledger-io.ts';
import { openSource } from './source.ts';

type Out = { write(s: string): unknown; isTTY?: boolean };

const BAR = 20;

/** `\r<phase> [#########...........] 45% 450/1000`; bytes while parsing. */
export function progressLine(p: ProgressReport): string {
  const ratio = p.total > 0 ? Math.min(1, p.processed / p.total) : p.phase === 'done' ? 1 : 0;
  const filled = Math.round(ratio * BAR);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const counts = p.phase === 'parsing' ? `${mb(p.processed)}/${mb(p.total)} MB` : `${p.processed}/${p.total}`;
  return `\r${p.phase.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${counts}`;
}

function printResult(out: Out, ledger: string, r: ImportResult, locale: Locale) {
  const ja = locale === 'ja';
  const mode = r.dryRun ? (ja ? '（試行）' : ' (dry run)') : r.committed ? (ja ? '（登録済み）' : ' (committed)') : ja ? '（登録せず）' : ' (nothing written)';
  out.write(
    ja
      ? `${ledger}: ${r.rows}行 — 新規 ${r.created}、更新 ${r.updated}、変更なし ${r.unchanged}${mode}\n`
      : `${ledger}: ${r.rows} rows — created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}${mode}\n`,
  );
  if (r.ignoredColumns.length) out.write(`${ja ? '取り込まない列' : 'Ignored columns'}: ${r.ignoredColumns.join(', ')}\n`);
  if (!r.errorCount) return;
  out.write(`${ja ? 'エラー' : 'Errors'} (${r.errorCount}):\n`);
  const head = ja ? ['行', '列', '内容'] : ['Row', 'Column', 'Message'];
  const width = Math.max(head[1].length, ...r.errors.map((e) => e.column.length));
  out.write(`${head[0].padStart(6)}  ${head[1].padEnd(width)}  ${head[2]}\n`);
  for (const e of r.errors) out.write(`${String(e.row).padStart(6)}  ${e.column.padEnd(width)}  ${e.message}\n`);
  if (r.errorCount > r.errors.length) out.write(ja ? `… ほか ${r.errorCount - r.errors.length} 件\n` : `… and ${r.errorCount - r.errors.length} more\n`);
}

/**
 * `unyo import <ledger> <file> [--dry-run]`: the same engine as the API, run directly against the
 * database as the operating-system user (full scope), with a progress bar on stderr. Exit 1 on errors.
 */
export async function importCommand(opts: {
  db: Db;
  io: LedgerIo<any>;
  file: string;
  dryRun: boolean;
  locale: Locale;
  limits: { maxBytes: number; maxRows: number };
  stdout: Out;
  stderr: Out;
}): Promise<number> {
  const { stdout, stderr, locale } = opts;
  if (!fs.existsSync(opts.file) || !fs.statSync(opts.file).isFile()) {
    stderr.write(`${locale === 'ja' ? 'ファイルがありません' : 'No such file'}: ${opts.file}\n`);
    return 1;
  }
  let last = 0;
  const onProgress = (p: ProgressReport) => {
    const now = Date.now();
    if (p.phase !== 'done' && now - last < 100) return;
    last = now;
    stderr.write(progressLine(p));
  };
  try {
    const source = await openSource({ path: opts.file, name: path.basename(opts.file) }, opts.limits);
    const mapping = (await findImportMapping(opts.db, opts.io.name))?.mapping ?? null;
    const result = await runImport(opts.io, source, {
      db: opts.db,
      scope: { visibleSiteIds: null },
      audit: { actor: { userId: null, label: `cli:${os.userInfo().username}` }, requestId: null },
      locale,
      dryRun: opts.dryRun,
      fileName: path.basename(opts.file),
      mapping,
      maxRows: opts.limits.maxRows,
      onProgress,
    });
    stderr.write('\n');
    printResult(stdout, opts.io.name, result, locale);
    return result.errorCount ? 1 : 0;
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    stderr.write(`\n${e.render(locale)}\n`);
    return 1;
  }
}
