import { choiceLabel, type Locale, type SurveyAnswer, type SurveyQuestion, surveyAnswerPoints, surveyAnswers, surveyStatuses } from '@unyo/contracts';
import ExcelJS from 'exceljs';
import type { Ctx } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { excelLocal } from '../assets/stocktakes-report.ts';
import { findResponses, findSurveyWithStats } from './surveys.repo.ts';
import { HEAD_ZONE } from './surveys.service.ts';

const H = {
  ja: {
    summary: '集計',
    responses: '回答',
    name: '調査名',
    fiscalYear: '年度',
    period: '実施期間',
    status: '状態',
    target: '目標（点）',
    invited: '依頼数',
    respondents: '回答者数',
    rate: '回答率（%）',
    score: '満足度（点）',
    met: '目標達成',
    yes: '達成',
    no: '未達',
    rule: '算出方法: 各回答者の4問の平均点（満足100・ほぼ満足80・普通60・やや不満40・不満0）を、回答者全員で平均',
    question: '質問',
    mean: '平均点',
    site: '拠点',
    no_: 'No.',
    answeredAt: '回答日時（拠点の現地時刻）',
    language: '言語',
    respondentScore: '回答者スコア',
    comment: 'ご意見',
  },
  en: {
    summary: 'Summary',
    responses: 'Responses',
    name: 'Survey',
    fiscalYear: 'Fiscal year',
    period: 'Period',
    status: 'Status',
    target: 'Target (points)',
    invited: 'Invited',
    respondents: 'Respondents',
    rate: 'Response rate (%)',
    score: 'Satisfaction (points)',
    met: 'Target met',
    yes: 'Met',
    no: 'Not met',
    rule: "Rule: each respondent's score is the mean of their 4 answers (Satisfied 100, Mostly 80, Neutral 60, Somewhat dissatisfied 40, Dissatisfied 0); the survey score is the mean over respondents",
    question: 'Question',
    mean: 'Mean',
    site: 'Site',
    no_: 'No.',
    answeredAt: 'Answered at (site local time)',
    language: 'Language',
    respondentScore: 'Respondent score',
    comment: 'Comment',
  },
} satisfies Record<Locale, Record<string, string>>;

const answerOf = new Map(Object.entries(surveyAnswerPoints).map(([k, v]) => [v, k as SurveyAnswer]));

/**
 * Results for the staff in charge: a summary sheet and one row per response. Responses are not
 * linked to invitees, so the sheet shows a running number, the site and the language, never a name.
 */
export async function buildSurveyReport(ctx: Ctx, id: string): Promise<{ buffer: Buffer; fileName: string }> {
  const s = await findSurveyWithStats(ctx.db, id, ctx.actor);
  if (!s) throw notFound();
  const l = ctx.locale;
  const h = H[l];
  const questions = s.questions as SurveyQuestion[];
  const r = s.results;
  const wb = new ExcelJS.Workbook();

  const sum = wb.addWorksheet(h.summary);
  sum.addRow([h.name, s.name]);
  sum.addRow([h.fiscalYear, s.fiscalYear]);
  sum.addRow([h.period, `${s.opensOn} – ${s.closesOn}`]);
  sum.addRow([h.status, choiceLabel(surveyStatuses.items, s.status, l)]);
  sum.addRow([h.target, s.target]);
  sum.addRow([h.invited, r.invited]);
  sum.addRow([h.respondents, r.respondents]);
  sum.addRow([h.rate, r.responseRate ?? '']);
  sum.addRow([h.score, r.score ?? '']).font = { bold: true };
  sum.addRow([h.met, r.met === null ? '' : r.met ? h.yes : h.no]).font = { bold: true };
  sum.addRow([h.rule]);
  sum.addRow([]);
  sum.addRow([h.question, h.mean, ...surveyAnswers.items.map((a) => `${a[l]} (${surveyAnswerPoints[a.value]})`)]).font = { bold: true };
  for (const q of r.questions) {
    const text = questions.find((x) => x.key === q.key)?.[l] ?? q.key;
    sum.addRow([text, q.mean ?? '', ...surveyAnswers.values.map((a) => q.counts[a] ?? 0)]);
  }
  if (r.bySite.length) {
    sum.addRow([]);
    sum.addRow([h.site, h.invited, h.respondents, h.score]).font = { bold: true };
    for (const b of r.bySite) sum.addRow([`${b.site.code} ${l === 'ja' ? b.site.nameJa : b.site.nameEn}`, b.invited, b.respondents, b.score ?? '']);
  }
  sum.getColumn(1).width = 48;
  sum.getColumn(2).width = 14;

  const resp = wb.addWorksheet(h.responses, { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = [h.no_, h.site, h.answeredAt, h.language, ...questions.map((q) => q[l]), h.respondentScore, h.comment];
  resp.columns = cols.map((c, i) => ({ header: c, width: i >= 4 && i < 8 ? 22 : 16 }));
  resp.getRow(1).font = { bold: true };
  resp.getColumn(cols.length).width = 60;
  const rows = await findResponses(ctx.db, id, ctx.actor);
  for (const [i, { response: x, site, score }] of rows.entries()) {
    const label = (p: number) => `${choiceLabel(surveyAnswers.items, answerOf.get(p), l)} (${p})`;
    resp.addRow([
      i + 1,
      site ? `${site.code} ${l === 'ja' ? site.nameJa : site.nameEn}` : '',
      excelLocal(x.answeredAt, site?.timeZone ?? HEAD_ZONE),
      x.locale,
      label(x.answerTime),
      label(x.answerClarity),
      label(x.answerAccuracy),
      label(x.answerManner),
      Number(score),
      x.comment ?? '',
    ]);
  }
  resp.getColumn(3).numFmt = 'yyyy-mm-dd hh:mm';
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: `survey-${s.fiscalYear}.xlsx` };
}
