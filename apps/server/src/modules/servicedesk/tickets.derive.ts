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
  if (e.type === 'requester_reply') return true;
  // A colleague copied on the thread is not the requester coming back.
  if (e.type === 'mail_in') return e.data.fromRequester !== false;
  return e.type === 'call' && e.data.direction !== 'outbound';
}

/** Order of events in time; events at the same instant keep their log order. */
function byTime(a: DerivableEvent, b: DerivableEvent): number {
  return a.at.getTime() - b.at.getTime() || a.seq - b.seq;
}

/**
 * Everything the ticket shows about its progress, computed from the event log alone (never typed by hand), so
 * live tickets and imported history give the same metrics. State (status, escalation, resolution) follows the log
 * order (`seq`); the first answer is the earliest answer in time, because a call is often entered after the ticket
 * with its real, earlier time. An answer before the received time (the operator picked up the phone, then opened
 * the ticket) counts as answered on receipt.
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
  let firstResolution: DerivableEvent | null = null;
  let resolvedAt: Date | null = null;
  let closedAt: Date | null = null;
  let reopenCount = 0;
  let escalated = false;
  let escalationVendor: string | null = null;
  let handlingSeconds = 0;
  const firstAnswer = ordered.filter((e) => e.seq > received.seq && isAnswer(e)).sort(byTime)[0] ?? null;

  for (const e of ordered) {
    if (e.seq < received.seq) continue;
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
  const done = status === 'resolved' || status === 'closed';
  // Settled by the first answer: nothing that answers again or comes back from the requester lies between the first
  // answer and the first resolution (in time).
  const settledAtFirstAnswer =
    !!firstAnswer &&
    !!firstResolution &&
    byTime(firstAnswer, firstResolution) <= 0 &&
    !ordered.some(
      (e) =>
        e !== firstAnswer &&
        e.seq > received.seq &&
        (isAnswer(e) || isRequesterContact(e)) &&
        byTime(e, firstAnswer) > 0 &&
        byTime(e, firstResolution as DerivableEvent) <= 0,
    );
  const lastEventAt = ordered.reduce<Date | null>((m, e) => (!m || e.at.getTime() > m.getTime() ? e.at : m), null);
  return {
    status,
    receivedAt: received.at,
    firstAnsweredAt: firstAnswer ? new Date(Math.max(firstAnswer.at.getTime(), received.at.getTime())) : null,
    resolvedAt: done ? resolvedAt : null,
    closedAt: status === 'closed' ? closedAt : null,
    reopenCount,
    escalated,
    escalationVendor,
    firstContactResolution: done && !escalated && reopenCount === 0 && settledAtFirstAnswer,
    handlingSeconds,
    eventCount: ordered.length,
    lastEventAt,
  };
}
