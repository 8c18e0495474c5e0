import { randomFillSync } from 'node:crypto';

/**
 * A time-ordered UUID (RFC 9562 version 7: 48 bits of Unix milliseconds, then 74 random bits) for rows created at a
 * high rate into large tables. Random (version 4) keys insert into a random leaf of every index that leads with them
 * (the table's primary key, the event log's `(ticket_id, seq)`): on a million tickets each creation dirtied pages all
 * over those indexes, and after every checkpoint wrote each one whole to the WAL. Version 7 keys append at the right
 * edge. The creation time they reveal is on the row anyway.
 */
export function uuidv7(now = Date.now()): string {
  const b = randomFillSync(Buffer.alloc(16));
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
