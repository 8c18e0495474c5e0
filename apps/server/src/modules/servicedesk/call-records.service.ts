import type { CallRecordCreateInput } from '@unyo/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AuditContext } from '../../platform/audit/audit.service.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField } from '../../platform/http/errors.ts';
import { users } from '../access/access.table.ts';
import { appendTicketEvents, type NewTicketEvent } from './tickets.kernel.ts';
import { callRecords, tickets } from './tickets.table.ts';

export type CallValues = typeof callRecords.$inferInsert;

const secondsBetween = (a: Date | null | undefined, b: Date | null | undefined) =>
  a && b ? Math.max(0, Math.round((b.getTime() - a.getTime()) / 1000)) : null;

/** Wait = queued → answered (for a voice callback: the voice system's answer); talk = answered → ended. */
export function withDurations(v: CallValues): CallValues {
  return { ...v, waitSeconds: secondsBetween(v.queuedAt, v.answeredAt), talkSeconds: secondsBetween(v.answeredAt, v.endedAt) };
}

/**
 * The `call` event a call adds to its ticket. The requester had an answer when an operator took the call, or — for a
 * call the voice system took (S-4-6-1-4) — once they were called back; the event is dated then, so the ticket's first
 * answer derives from it. A voice-system leg is not handling time, so it carries no talk seconds.
 */
export function callEvent(call: typeof callRecords.$inferSelect): NewTicketEvent {
  const answered = call.voiceCallback ? call.callbackAt !== null : call.answeredAt !== null;
  const at = call.voiceCallback ? (call.callbackAt ?? call.queuedAt) : (call.answeredAt ?? call.queuedAt);
  return {
    type: 'call',
    at,
    data: {
      callRecordId: call.id,
      answered,
      direction: call.direction,
      waitSeconds: call.waitSeconds,
      talkSeconds: call.voiceCallback ? 0 : (call.talkSeconds ?? 0),
      voiceCallback: call.voiceCallback,
    },
    actorLabel: call.operatorLabel ?? undefined,
    actorUserId: call.operatorUserId ?? null,
  };
}

/**
 * Locks these tickets for update, in id order. Call it before inserting their call rows: the row's foreign key
 * share-locks the ticket, and two transactions that both hold that share lock and then ask for the update lock
 * deadlock. It also comes before any audit write (writeAudit holds the audit-chain lock until commit).
 */
export async function lockTickets(tx: Db, ticketIds: readonly string[]) {
  const ids = [...new Set(ticketIds)].sort();
  if (ids.length > 0) await tx.select({ id: tickets.id }).from(tickets).where(inArray(tickets.id, ids)).orderBy(tickets.id).for('update');
}

/** The tickets of these calls, each with their call events, appended through the kernel (one audit row per ticket). */
export async function appendCallEvents(tx: Db, audit: AuditContext, calls: (typeof callRecords.$inferSelect)[]) {
  const byTicket = new Map<string, NewTicketEvent[]>();
  for (const c of calls) {
    if (!c.ticketId) continue;
    const list = byTicket.get(c.ticketId) ?? [];
    list.push(callEvent(c));
    byTicket.set(c.ticketId, list);
  }
  // Lock every ticket first, in id order: each append writes an audit row, which holds the audit-chain lock until
  // commit, so locking the next ticket after it could deadlock with a reply holding that ticket. (Callers lock them
  // already, before inserting the calls; a second lock by the same transaction is free.)
  await lockTickets(tx, [...byTicket.keys()]);
  for (const [ticketId, events] of byTicket) {
    events.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
    await appendTicketEvents(tx, audit, ticketId, events);
  }
}

/** A call entered on a ticket: the record, and a `call` event on the ticket, in one audited transaction. */
export async function createCallRecord(ctx: Ctx, input: CallRecordCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    const [ticket] = await tx
      .select({ id: tickets.id, siteId: tickets.siteId, receivedAt: tickets.receivedAt })
      .from(tickets)
      .where(and(eq(tickets.id, input.ticketId), siteScope(ctx.actor, tickets.siteId)))
      // Locked before the call row is inserted (see lockTickets).
      .for('update');
    if (!ticket) throw invalidField('ticketId', 'error.unknown_reference');
    const operatorUserId = input.operatorUserId === undefined ? ctx.actor.userId : input.operatorUserId;
    let operatorLabel = input.operatorLabel ?? null;
    if (operatorUserId && !operatorLabel) {
      const [u] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, operatorUserId));
      if (!u) throw invalidField('operatorUserId', 'error.unknown_reference');
      operatorLabel = u.name;
    }
    const date = (s: string | null | undefined) => (s ? new Date(s) : null);
    const [call] = await tx
      .insert(callRecords)
      .values(
        withDurations({
          ticketId: ticket.id,
          siteId: ticket.siteId,
          direction: input.direction,
          callerNumber: input.callerNumber ?? null,
          queuedAt: new Date(input.queuedAt),
          answeredAt: date(input.answeredAt),
          endedAt: date(input.endedAt),
          operatorUserId,
          operatorLabel,
          voiceCallback: input.voiceCallback,
          callbackAt: date(input.callbackAt),
        }),
      )
      .returning();
    // The ticket row lock comes before the first audit write: writeAudit holds the audit-chain lock until commit,
    // and a reply on the same ticket takes them in that order too (the other order can deadlock).
    await appendCallEvents(tx, auditCtx(ctx), [call]);
    await writeAudit(tx, auditCtx(ctx), { action: 'call-record.created', entityType: 'call-record', entityId: call.id, siteId: call.siteId, after: call });
    return call.id;
  });
}
