import type { CallRecordDto } from '@unyo/contracts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { iso, presentSiteRef } from '../org/org.presenter.ts';
import type { CallRecordWithRefs } from './call-records.repo.ts';

/** Call records are facts from the call manager or the operator: they are recorded, never edited. */
export const callRecordPolicy: Policy<CallRecordWithRefs> = {
  openTicket: (a, r) => !!r.ticketId && can(a, 'ticket.read'),
};

export function presentCallRecord(row: CallRecordWithRefs, actor: Actor): CallRecordDto {
  return {
    id: row.id,
    externalId: row.externalId,
    ticket: row.ticket?.id ? { id: row.ticket.id, number: row.ticket.number } : null,
    site: row.site?.id ? presentSiteRef(row.site) : null,
    direction: row.direction as CallRecordDto['direction'],
    callerNumber: row.callerNumber,
    calledNumber: row.calledNumber,
    queuedAt: iso(row.queuedAt)!,
    answeredAt: iso(row.answeredAt),
    endedAt: iso(row.endedAt),
    operatorLabel: row.operatorLabel,
    voiceCallback: row.voiceCallback,
    callbackAt: iso(row.callbackAt),
    waitSeconds: row.waitSeconds,
    talkSeconds: row.talkSeconds,
    imported: row.importId !== null,
    createdAt: iso(row.createdAt)!,
    abilities: abilitiesOf(callRecordPolicy, actor, row),
  };
}
