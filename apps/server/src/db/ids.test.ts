import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from './ids.ts';

test('uuidv7: RFC 9562 layout, the creation millisecond first, unique and ordered across milliseconds', () => {
  const at = Date.UTC(2026, 10, 27, 4, 30, 0, 123);
  const id = uuidv7(at);
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16), at);
  const ids = Array.from({ length: 1000 }, (_, i) => uuidv7(at + i));
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), ids, 'string order is time order');
  assert.notEqual(uuidv7(at), uuidv7(at), 'the same millisecond still gives distinct ids');
});
