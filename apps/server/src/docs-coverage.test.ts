import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

// docs/coverage.md is the map from the contract to the code: every spec row once, in order, its summary counts
// true, and every test it names present in the repository.

const root = path.resolve(import.meta.dirname, '../../..');
const coverage = fs.readFileSync(path.join(root, 'docs/coverage.md'), 'utf8');
const rows = coverage
  .split('\n')
  .filter((l) => l.startsWith('| `'))
  .map((l) =>
    l
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim()),
  );
const idOf = (cells: string[]) => cells[0].replaceAll('`', '');
const statusOf = (cells: string[]) => /^(not yet|foundation|partial|done)\b/.exec(cells[4] ?? '')?.[1] ?? `invalid: ${cells[4]}`;
const isSla = (cells: string[]) => idOf(cells).startsWith('S-');

test('every row has a known status and one of 253 rows (211 work items, 42 SLA rows)', () => {
  for (const cells of rows) assert.doesNotMatch(statusOf(cells), /^invalid/, `${idOf(cells)}: ${cells[4]}`);
  assert.equal(rows.filter((c) => !isSla(c)).length, 211);
  assert.equal(rows.filter(isSla).length, 42);
  assert.equal(new Set(rows.map(idOf)).size, rows.length, 'no ID twice');
});

test('the summary lines count what the table says', () => {
  const count = (list: string[][]) => {
    const n = { 'not yet': 0, foundation: 0, partial: 0, done: 0 };
    for (const cells of list) n[statusOf(cells) as keyof typeof n]++;
    return `not yet ${n['not yet']}, foundation ${n.foundation}, partial ${n.partial}, done ${n.done}`;
  };
  const line = (re: RegExp) => re.exec(coverage)?.[1];
  assert.equal(line(/\*\*Summary \(all 253 rows\):\*\* ([^.]*)\./), count(rows));
  assert.equal(line(/Work items \(211\): ([^.]*)\./), count(rows.filter((c) => !isSla(c))));
  assert.equal(line(/SLA rows \(42\): ([^.]*)\./), count(rows.filter(isSla)));
});

test('every test file the table names exists', () => {
  const missing = new Set<string>();
  for (const cells of rows) {
    for (const file of cells[3].match(/[\w./-]+\.test\.ts\b/g) ?? []) {
      if (file.includes('/') && !fs.existsSync(path.join(root, file))) missing.add(`${idOf(cells)}: ${file}`);
    }
  }
  assert.deepEqual([...missing], []);
});

const specDir = path.resolve(root, '../shared/spec');
test('the IDs are the spec IDs in document order', { skip: !fs.existsSync(specDir) && 'the spec folder is not next to this checkout' }, () => {
  const items = [...fs.readFileSync(path.join(specDir, 'requirements.md'), 'utf8').matchAll(/^##### (\S+)/gm)].map((m) => m[1]);
  const seen = new Set<string>();
  const sla = [...fs.readFileSync(path.join(specDir, 'sla.md'), 'utf8').matchAll(/^### \d+\. (S-[\d-]+)/gm)].map((m) => {
    const id = seen.has(m[1]) ? `${m[1]}#2` : m[1];
    seen.add(m[1]);
    return id;
  });
  assert.deepEqual(rows.filter((c) => !isSla(c)).map(idOf), items);
  assert.deepEqual(rows.filter(isSla).map(idOf), sla);
});
