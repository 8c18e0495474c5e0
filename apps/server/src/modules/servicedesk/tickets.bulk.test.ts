import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/auth/actor.ts';
import { makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { bulkInsertTickets } from './tickets.bulk.ts';
import { insertTicket, type TicketValues } from './tickets.kernel.ts';
import { tickets } from './tickets.table.ts';

/** The bulk path (history import, demo, bench) must store every value the kernel's insertTicket stores. */

let t: TestApp;
let site: { id: string };
const audit = { actor: systemActor, requestId: null };
before(async () => {
  t = await startTestApp();
  site = await makeSite(t, { kind: 'hq', timeZone: 'Asia/Tokyo' });
});
after(() => t.close());

test('requester type, details and resolution code given to the bulk insert are stored like insertTicket stores them', async () => {
  const values = (number: string): TicketValues => ({
    number,
    channel: 'walk_in',
    language: 'ja',
    siteId: site.id,
    subject: 'IBSC 支援',
    receivedAt: new Date('2026-03-02T01:00:00Z'),
    requesterType: 'ibsc',
    details: { formats: ['jtd'] },
    resolutionCode: 'answered',
  });
  await t.db.transaction(async (tx) => {
    await insertTicket(tx as never, audit, values('BULK-K'));
    await bulkInsertTickets(tx as never, audit, [{ values: values('BULK-B') }]);
  });
  const read = async (n: string) => {
    const [r] = await t.db.select().from(tickets).where(eq(tickets.number, n));
    return [r.requesterType, r.details, r.resolutionCode, r.resolutionDepartmentId];
  };
  assert.deepEqual(await read('BULK-K'), ['ibsc', { formats: ['jtd'] }, 'answered', null]);
  assert.deepEqual(await read('BULK-B'), await read('BULK-K'));
});
