import type { SurveyDto, SurveyQuestion } from '@unyo/contracts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { iso } from '../org/org.presenter.ts';
import type { SurveyWithStats } from './surveys.repo.ts';

const agencyWide = (a: Actor) => a.visibleSiteIds === null;

/**
 * A closed campaign is the year's record: no edits, no more invitations. The campaign itself covers every site, so
 * only full-scope managers edit, open or close it; site-scoped ones invite the people of their sites.
 */
export const surveyPolicy: Policy<{ status: string }> = {
  update: (a, s) => can(a, 'survey.manage') && agencyWide(a) && s.status !== 'closed',
  open: (a, s) => can(a, 'survey.manage') && agencyWide(a) && s.status === 'draft',
  close: (a, s) => can(a, 'survey.manage') && agencyWide(a) && s.status === 'open',
  invite: (a, s) => can(a, 'survey.manage') && s.status === 'open',
  report: (a) => can(a, 'survey.read'),
};

export function presentSurvey(row: SurveyWithStats, actor: Actor): SurveyDto {
  return {
    id: row.id,
    name: row.name,
    fiscalYear: row.fiscalYear,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    target: row.target,
    status: row.status as SurveyDto['status'],
    questions: row.questions as SurveyQuestion[],
    note: row.note,
    openedAt: iso(row.openedAt),
    closedAt: iso(row.closedAt),
    invitations: row.invitations,
    results: row.results,
    version: row.version,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    abilities: abilitiesOf(surveyPolicy, actor, row),
  };
}
