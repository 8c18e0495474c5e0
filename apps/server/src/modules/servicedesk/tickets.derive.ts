import type { TicketStatus } from '@unyo/contracts';

/** The part of an event the derivation reads. */
export type DerivableEvent = {
  seq: number;
  type: string;
  at: Date;
  data: Record<string, unknown>;
};

export type DerivedTicket = {
  status: TicketStatus;
  receivedAt: Date;
  firstAnsweredAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
  escalated: boolean;
  escalationVendor: string | null;
  firstContactResolution: boolean;
  handlingSeconds: number;
  eventCount: number;
  lastEventAt: Date | null;
};

/** An event that answers the requester: a public reply, or a call that was answered (S-4-6-1-1 "first answer"). */
export function isAnswer(e: DerivableEvent): boolean {
  if (e.type === 'public_reply') return true;
  return e.type === 'call' && e.data.answered === true;
}

/** Contact from the requester after the first answer means the first answer did not settle it. */
function isRequesterContact(e: DerivableEvent): boolean {
  if (e.type === 'requester_reply' || e.type === 'mail_in') return true;
  return e.type === 'call' && e.data.direction !== 'outbound';
}

/**
 * Everything the ticket shows about its progress, computed from the event log alone (never typed by hand), so
 * live tickets and imported history give the same metrics. Events are read in `seq` order.
 *
 * First-contact resolution (S-4-6-1-7): the ticket is resolved (or closed), was never escalated or reopened, and
 * between its first answer and its first resolution there was no further answer and no further contact from the
 * requester — the first answer settled it (decision 0011).
 */
export function deriveTicket(events: readonly DerivableEvent[]): DerivedTicket {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const received = ordered.find((e) => e.type === 'received');
  if (!received) throw new Error('a ticket log starts with a received event');
  let status: TicketStatus = 'new';
  let firstAnswer: DerivableEvent | null = null;
  let firstResolution: DerivableEvent | null = null;
  let resolvedAt: Date | null = null;
  let closedAt: Date | null = null;
  let reopenCount = 0;
  let escalated = false;
  let escalationVendor: string | null = null;
  let handlingSeconds = 0;
  let settledAtFirstAnswer = true;

  for (const e of ordered) {
    if (e.seq < received.seq) continue;
    if (isAnswer(e)) {
      if (!firstAnswer && e.at.getTime() >= received.at.getTime()) firstAnswer = e;
      else if (firstAnswer && !firstResolution) settledAtFirstAnswer = false;
    } else if (firstAnswer && !firstResolution && isRequesterContact(e)) {
      settledAtFirstAnswer = false;
    }
    if (e.type === 'call' && typeof e.data.talkSeconds === 'number') handlingSeconds += e.data.talkSeconds;
    if (e.type === 'escalation_started') {
      escalated = true;
      escalationVendor = typeof e.data.vendor === 'string' ? e.data.vendor : null;
    }
    if (e.type === 'escalation_ended') escalationVendor = null;
    if (e.type === 'status_changed' && typeof e.data.to === 'string') {
      const to = e.data.to as TicketStatus;
      if (to === 'reopened') {
        reopenCount++;
        resolvedAt = null;
        closedAt = null;
      }
      if (to === 'resolved') {
        resolvedAt = e.at;
        if (!firstResolution) firstResolution = e;
      }
      if (to === 'closed') {
        closedAt = e.at;
        resolvedAt ??= e.at;
        if (!firstResolution) firstResolution = e;
      }
      status = to;
    }
  }
  const last = ordered.at(-1) ?? null;
  const done = status === 'resolved' || status === 'closed';
  return {
    status,
    receivedAt: received.at,
    firstAnsweredAt: firstAnswer?.at ?? null,
    resolvedAt: done ? resolvedAt : null,
    closedAt: status === 'closed' ? closedAt : null,
    reopenCount,
    escalated,
    escalationVendor,
    firstContactResolution: done && !!firstAnswer && !!firstResolution && !escalated && reopenCount === 0 && settledAtFirstAnswer,
    handlingSeconds,
    eventCount: ordered.length,
    lastEventAt: last?.at ?? null,
  };
}
