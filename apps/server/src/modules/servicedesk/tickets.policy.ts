import { openTicketStatuses, type TicketStatus } from '@unyo/contracts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can, canSeeSite } from '../../platform/auth/actor.ts';
import type { Policy } from '../../platform/authz/policy.ts';

type TicketFacts = { siteId: string; status: string; escalationVendor: string | null };

export const isOpen = (s: string) => (openTicketStatuses as readonly string[]).includes(s);

/**
 * Which status an operator may move a ticket to from `from`. Closing confirms a resolution, so it needs one;
 * reopening is for finished tickets; escalation goes through the escalation actions (they record the vendor).
 */
export function canTransition(from: string, to: TicketStatus): boolean {
  if (from === to) return false;
  switch (to) {
    case 'closed':
      return from === 'resolved';
    case 'reopened':
      return from === 'resolved' || from === 'closed';
    case 'resolved':
    case 'in_progress':
    case 'waiting':
      return isOpen(from);
    default:
      return false;
  }
}

const edit = (a: Actor, t: TicketFacts) => can(a, 'ticket.update') && canSeeSite(a, t.siteId);

export const ticketPolicy: Policy<TicketFacts> = {
  update: edit,
  /** A closed ticket is done; a new question is a new ticket. */
  reply: (a, t) => edit(a, t) && t.status !== 'closed',
  note: edit,
  escalate: (a, t) => edit(a, t) && isOpen(t.status) && !t.escalationVendor,
  endEscalation: (a, t) => edit(a, t) && !!t.escalationVendor,
  noResponse: edit,
  resolve: (a, t) => edit(a, t) && canTransition(t.status, 'resolved'),
  close: (a, t) => edit(a, t) && canTransition(t.status, 'closed'),
  reopen: (a, t) => edit(a, t) && canTransition(t.status, 'reopened'),
  waiting: (a, t) => edit(a, t) && canTransition(t.status, 'waiting'),
  inProgress: (a, t) => edit(a, t) && canTransition(t.status, 'in_progress'),
};

/** What a requester may do on their own ticket in the portal. */
export const portalTicketPolicy: Policy<{ status: string }> = {
  reply: (a, t) => can(a, 'portal.use') && t.status !== 'closed',
  close: (a, t) => can(a, 'portal.use') && t.status === 'resolved',
};

/**
 * Channels where the requester wrote the description themselves. Only there does the portal show it back: on a
 * phone or walk-in ticket the description is the desk's own write-up and may hold internal remarks.
 */
export const requesterWrote = (channel: string) => channel === 'portal' || channel === 'mail';
