import type { Locale, NoticeDto, PortalNoticeDto } from '@unyo/contracts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { iso } from '../org/org.presenter.ts';
import type { NoticeRow } from './knowledge.table.ts';
import type { NoticeWithSites } from './notices.repo.ts';

/** A notice for every site, or for sites outside the writer's scope, is managed only by someone who sees them all. */
const coversTargets = (a: Actor, n: { targetAll: boolean; sites: { id: string }[] }) =>
  a.visibleSiteIds === null || (!n.targetAll && n.sites.every((s) => a.visibleSiteIds!.includes(s.id)));

export const noticePolicy: Policy<NoticeWithSites> = {
  update: (a, n) => can(a, 'notice.manage') && coversTargets(a, n),
  broadcast: (a, n) => can(a, 'notice.manage') && coversTargets(a, n) && n.status === 'published' && n.broadcastStatus === 'none',
};

export function isCurrentAt(n: Pick<NoticeRow, 'status' | 'publishFrom' | 'publishUntil'>, now: Date): boolean {
  return n.status === 'published' && n.publishFrom <= now && (n.publishUntil === null || n.publishUntil > now);
}

export function presentNotice(n: NoticeWithSites, actor: Actor): NoticeDto {
  return {
    id: n.id,
    ja: { title: n.titleJa, body: n.bodyJa },
    en: n.titleEn ? { title: n.titleEn, body: n.bodyEn ?? '' } : null,
    severity: n.severity as NoticeDto['severity'],
    status: n.status as NoticeDto['status'],
    targetAll: n.targetAll,
    sites: n.sites,
    publishFrom: iso(n.publishFrom)!,
    publishUntil: iso(n.publishUntil),
    current: isCurrentAt(n, new Date()),
    broadcast: {
      status: n.broadcastStatus as NoticeDto['broadcast']['status'],
      requestedAt: iso(n.broadcastRequestedAt),
      finishedAt: iso(n.broadcastFinishedAt),
      total: n.broadcastTotal,
      sent: n.broadcastSent,
    },
    version: n.version,
    createdAt: iso(n.createdAt)!,
    updatedAt: iso(n.updatedAt)!,
    abilities: abilitiesOf(noticePolicy, actor, n),
  };
}

/** In the reader's language when the notice has it; Japanese otherwise (it is always present). */
export function presentPortalNotice(n: NoticeRow, lang: Locale): PortalNoticeDto {
  const en = lang === 'en' && n.titleEn !== null;
  return {
    id: n.id,
    lang: en ? 'en' : 'ja',
    title: en ? n.titleEn! : n.titleJa,
    body: en ? (n.bodyEn ?? '') : n.bodyJa,
    severity: n.severity as PortalNoticeDto['severity'],
    publishFrom: iso(n.publishFrom)!,
    publishUntil: iso(n.publishUntil),
  };
}
