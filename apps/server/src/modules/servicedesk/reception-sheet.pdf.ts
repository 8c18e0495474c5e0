import type { Locale } from '@unyo/contracts';
import PDFDocument from 'pdfkit';

/**
 * The A4 reception sheet of one inquiry (ヘルプデスク受付シート, 5.1.a): a header block of the reception facts, the
 * inquiry text, the answer/escalation/resolution facts and the timeline. Long descriptions and timelines flow onto
 * further pages (pdfkit paginates flowing text); every page carries the ticket number in its footer.
 */

export type SheetTicket = {
  number: string;
  receivedAt: string;
  channel: string;
  language: string;
  requester: string;
  site: string;
  category: string;
  subject: string;
  description: string;
  status: string;
  assignee: string;
  installRequest: boolean;
  noResponse: string;
  firstAnswerDue: string;
  firstAnsweredAt: string;
  firstAnswerMinutes: number | null;
  escalation: { vendor: string; start: string; end: string } | null;
  resolvedAt: string;
  closedAt: string;
  reopenCount: number;
  firstContactResolution: boolean;
  timeline: { at: string; type: string; actor: string; detail: string }[];
};

export const sheetLabels = {
  ja: {
    title: 'ヘルプデスク受付シート',
    /** XLSX tab name with the month: Excel allows 31 characters. */
    sheetName: '受付シート',
    number: '受付番号',
    receivedAt: '受付日時',
    channel: '受付方法',
    language: '言語',
    requester: '依頼者',
    site: '拠点',
    category: '分類',
    subject: '件名',
    inquiry: '問合せ内容',
    description: '内容',
    status: '状態',
    assignee: '担当者',
    installRequest: 'インストール依頼',
    noResponse: '対応不能',
    firstAnswer: '初回回答',
    firstAnswerDue: '回答期限',
    firstAnsweredAt: '初回回答日時',
    minutes: '分',
    escalation: 'エスカレーション',
    vendor: 'エスカレーション先',
    escalationStart: 'エスカレーション開始',
    escalationEnd: 'エスカレーション終了',
    resolution: '解決',
    resolvedAt: '解決日時',
    closedAt: '完了日時',
    reopenCount: '再開回数',
    fcr: '一次解決',
    timeline: '対応経過',
    yes: 'あり',
    no: 'なし',
    none: '—',
    page: 'ページ',
  },
  en: {
    title: 'Helpdesk reception sheet',
    sheetName: 'Reception sheet',
    number: 'Number',
    receivedAt: 'Received at',
    channel: 'Channel',
    language: 'Language',
    requester: 'Requester',
    site: 'Site',
    category: 'Category',
    subject: 'Subject',
    inquiry: 'Inquiry',
    description: 'Description',
    status: 'Status',
    assignee: 'Assignee',
    installRequest: 'Install request',
    noResponse: 'No response',
    firstAnswer: 'First answer',
    firstAnswerDue: 'Due',
    firstAnsweredAt: 'First answered at',
    minutes: 'min',
    escalation: 'Escalation',
    vendor: 'Vendor',
    escalationStart: 'Escalation start',
    escalationEnd: 'Escalation end',
    resolution: 'Resolution',
    resolvedAt: 'Resolved at',
    closedAt: 'Closed at',
    reopenCount: 'Reopened',
    fcr: 'First-contact resolution',
    timeline: 'Timeline',
    yes: 'Yes',
    no: 'No',
    none: '—',
    page: 'Page',
  },
} as const satisfies Record<Locale, Record<string, string>>;

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM, margin: 15 * MM };
const LABEL_W = 38 * MM;

export async function renderReceptionSheet(s: SheetTicket, locale: Locale, font: { data: Buffer; face: string | undefined }): Promise<Buffer> {
  const L = sheetLabels[locale];
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: { top: PAGE.margin, bottom: PAGE.margin + 8 * MM, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    info: { Title: `${L.title} ${s.number}`, Creator: 'Unyo' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('jp', font.data, font.face);
  doc.font('jp').fillColor('#000000');
  const left = PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;
  const or = (v: string) => v || L.none;
  const paren = (v: string) => (locale === 'ja' ? `（${v}）` : ` (${v})`);

  doc.fontSize(16).text(L.title, left, PAGE.margin, { width, align: 'center' });
  doc.moveDown(0.6);

  /** One label/value line of a block; values wrap in their column. */
  const field = (name: string, value: string) => {
    const y = doc.y;
    doc.fontSize(9).fillColor('#555555').text(name, left, y, { width: LABEL_W });
    doc
      .fillColor('#000000')
      .fontSize(10)
      .text(or(value), left + LABEL_W, y, { width: width - LABEL_W });
    doc.moveDown(0.25);
  };
  const heading = (text: string) => {
    doc.moveDown(0.4);
    if (doc.y > PAGE.height - PAGE.margin - 30 * MM) doc.addPage();
    const y = doc.y;
    doc.rect(left, y, width, 6 * MM).fill('#eeeeee');
    doc
      .fillColor('#000000')
      .fontSize(11)
      .text(text, left + 2 * MM, y + 1.2 * MM, { width: width - 4 * MM });
    doc.y = y + 7.5 * MM;
  };

  field(L.number, s.number);
  field(L.receivedAt, s.receivedAt);
  field(L.channel, `${s.channel}${paren(s.language)}`);
  field(L.requester, s.requester);
  field(L.site, s.site);
  field(L.category, s.category);
  field(L.status, s.status);
  field(L.assignee, s.assignee);
  field(L.installRequest, s.installRequest ? L.yes : L.no);
  if (s.noResponse) field(L.noResponse, s.noResponse);

  heading(L.inquiry);
  doc.fontSize(11).text(s.subject, left, doc.y, { width });
  doc.moveDown(0.4);
  doc.fontSize(9).text(or(s.description), left, doc.y, { width });

  heading(L.firstAnswer);
  field(L.firstAnswerDue, s.firstAnswerDue);
  field(L.firstAnsweredAt, s.firstAnsweredAt ? `${s.firstAnsweredAt}${paren(`${s.firstAnswerMinutes} ${L.minutes}`)}` : '');
  heading(L.escalation);
  field(L.vendor, s.escalation?.vendor ?? '');
  field(L.escalationStart, s.escalation?.start ?? '');
  field(L.escalationEnd, s.escalation?.end ?? '');
  heading(L.resolution);
  field(L.resolvedAt, s.resolvedAt);
  field(L.closedAt, s.closedAt);
  field(L.reopenCount, String(s.reopenCount));
  field(L.fcr, s.firstContactResolution ? L.yes : L.no);

  heading(L.timeline);
  for (const e of s.timeline) {
    const y = doc.y;
    doc
      .fontSize(8)
      .fillColor('#555555')
      .text(e.at, left, y, { width: 28 * MM });
    doc.fillColor('#000000').text(`${e.type}  ${e.actor}${e.detail ? `  ${e.detail}` : ''}`, left + 28 * MM, y, { width: width - 28 * MM });
    doc.moveDown(0.15);
  }

  // Footers last, when the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#555555')
      .text(`${s.number}   ${L.page} ${i + 1} / ${range.count}`, left, PAGE.height - PAGE.margin - 4 * MM, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
