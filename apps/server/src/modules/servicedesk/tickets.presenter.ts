import type { Locale, PortalTicketDto, PortalTicketEventDto, TicketClock, TicketDto, TicketEventDto, TicketListItemDto } from '@unyo/contracts';
import type { Actor } from '../../platform/auth/actor.ts';
import { abilitiesOf } from '../../platform/authz/policy.ts';
import type { TicketExtras } from './tickets.extras.ts';
import { portalTicketPolicy, requesterWrote, ticketPolicy } from './tickets.policy.ts';
import { eventFileIds, type FileMeta, type TicketEventRowLite, type TicketWithRefs } from './tickets.repo.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function requesterName(t: TicketWithRefs): string | null {
  return t.personName ?? t.requesterName;
}

export function presentTicket(t: TicketWithRefs, clock: TicketClock, actor: Actor, extras: TicketExtras): TicketDto {
  return {
    id: t.id,
    number: t.number,
    channel: t.channel as TicketDto['channel'],
    language: t.language as TicketDto['language'],
    requester: {
      personId: t.requesterPersonId,
      name: requesterName(t),
      email: t.requesterEmail,
      phone: t.requesterPhone,
      organization: t.requesterOrganization,
    },
    requesterType: t.requesterType as TicketDto['requesterType'],
    site: t.site,
    category: t.category,
    priority: t.priority as TicketDto['priority'],
    subject: t.subject,
    description: t.description,
    status: t.status as TicketDto['status'],
    assignee: t.assignee,
    team: t.team as TicketDto['team'],
    installRequest: t.installRequest,
    noResponse: t.noResponse,
    noResponseReason: t.noResponseReason as TicketDto['noResponseReason'],
    noResponseNote: t.noResponseNote,
    receivedAt: t.receivedAt.toISOString(),
    firstAnsweredAt: iso(t.firstAnsweredAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    reopenCount: t.reopenCount,
    escalated: t.escalated,
    escalationVendor: t.escalationVendor,
    vendorReference: extras.vendorReference,
    resolutionCode: t.resolutionCode as TicketDto['resolutionCode'],
    resolutionDepartment: extras.resolutionDepartment,
    details: (t.details ?? {}) as Record<string, unknown>,
    firstContactResolution: t.firstContactResolution,
    handlingSeconds: t.handlingSeconds,
    clock,
    importedFrom: t.importedFrom,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    abilities: abilitiesOf(ticketPolicy, actor, t),
  };
}

export function presentTicketListItem(t: TicketWithRefs, clock: TicketClock): TicketListItemDto {
  return {
    id: t.id,
    number: t.number,
    channel: t.channel as TicketDto['channel'],
    language: t.language as TicketDto['language'],
    requesterName: requesterName(t),
    site: t.site,
    category: t.category,
    priority: t.priority as TicketDto['priority'],
    subject: t.subject,
    status: t.status as TicketDto['status'],
    assignee: t.assignee,
    team: t.team as TicketDto['team'],
    installRequest: t.installRequest,
    noResponse: t.noResponse,
    receivedAt: t.receivedAt.toISOString(),
    firstAnsweredAt: iso(t.firstAnsweredAt),
    resolvedAt: iso(t.resolvedAt),
    escalated: t.escalated,
    clock,
    requesterType: t.requesterType as TicketDto['requesterType'],
    resolutionCode: t.resolutionCode as TicketDto['resolutionCode'],
  };
}

const attachmentsOf = (e: TicketEventRowLite, metas: Map<string, FileMeta>) =>
  eventFileIds(e.data)
    .map((id) => metas.get(id))
    .filter((m): m is FileMeta => !!m);

export function presentTicketEvent(e: TicketEventRowLite, metas: Map<string, FileMeta>): TicketEventDto {
  return {
    id: e.id,
    seq: e.seq,
    type: e.type as TicketEventDto['type'],
    at: e.at.toISOString(),
    actor: { userId: e.actorUserId, label: e.actorLabel },
    visibility: e.visibility as TicketEventDto['visibility'],
    body: e.body,
    data: (e.data ?? {}) as Record<string, unknown>,
    attachments: attachmentsOf(e, metas),
  };
}

const deskLabel: Record<Locale, string> = { ja: 'ヘルプデスク', en: 'Service desk' };

/**
 * A public event as the requester sees it: operators appear as the service desk (their accounts are not the
 * requester's business), internal data stays out.
 */
export function presentPortalEvent(
  e: TicketEventRowLite,
  metas: Map<string, FileMeta>,
  actor: Actor,
  requester: { label: string; emails: (string | null)[] },
): PortalTicketEventDto {
  const data = (e.data ?? {}) as { from?: unknown; fromName?: unknown };
  // A mail on the thread is the requester's only when it came from their address; a CC'd colleague or a vendor
  // is shown by their own name (or address), never as the requester.
  const from = typeof data.from === 'string' ? data.from.toLowerCase() : null;
  const mailFromRequester = e.type === 'mail_in' && (!from || requester.emails.some((m) => m?.toLowerCase() === from));
  const mine = e.actorUserId === actor.userId || e.type === 'requester_reply' || mailFromRequester;
  const label = mine
    ? requester.label
    : e.type === 'mail_in'
      ? (typeof data.fromName === 'string' && data.fromName) || (from ?? deskLabel[actor.locale])
      : deskLabel[actor.locale];
  return {
    id: e.id,
    seq: e.seq,
    type: e.type as PortalTicketEventDto['type'],
    at: e.at.toISOString(),
    body: e.body,
    attachments: attachmentsOf(e, metas),
    actorLabel: label,
    mine,
  };
}

export function presentPortalTicket(t: TicketWithRefs, events: PortalTicketEventDto[], actor: Actor): PortalTicketDto {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status as PortalTicketDto['status'],
    category: t.category,
    receivedAt: t.receivedAt.toISOString(),
    lastPublicAt: events.at(-1)?.at ?? null,
    channel: t.channel as PortalTicketDto['channel'],
    language: t.language as PortalTicketDto['language'],
    site: t.site,
    // The desk's write-up of a call or visit may hold internal remarks; only the requester's own text goes back.
    description: requesterWrote(t.channel) ? t.description : null,
    firstAnsweredAt: iso(t.firstAnsweredAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    events,
    abilities: abilitiesOf(portalTicketPolicy, actor, t),
  };
}
