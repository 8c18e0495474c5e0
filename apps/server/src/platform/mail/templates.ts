import type { Locale } from '@unyo/contracts';

type Rendered = { subject: string; text: string };
type Template<V> = Record<Locale, (v: V) => Rendered>;
type DamageNoticeVars = {
  name: string;
  kind: 'theft' | 'loss' | 'damage';
  kindJa: string;
  kindEn: string;
  assetNumber: string;
  assetName: string;
  occurredAt: string;
  place: string | null;
  reportId: string;
};

type NoticeBroadcastVars = { name: string; title: string; body: string; severity: string; url: string };

type RenewalNoticeVars = {
  name: string;
  assetNumber: string;
  softwareName: string;
  renewalDate: string;
  months: number;
  contractAmount: string;
  noticeDate: string;
  url: string;
};

type MediaOverdueVars = {
  name: string;
  itemNumber: string;
  title: string;
  site: string;
  borrower: string;
  lentOn: string;
  dueOn: string;
  daysOverdue: number;
  url: string;
};

type SoftwareFindingsVars = { name: string; count: number; lines: string; more: number; url: string };

type TicketAtRiskVars = { name: string; number: string; subject: string; site: string; dueAt: string; remainingMinutes: number; url: string };

const footer = {
  ja: '\n\n--\nUnyo（運用）からの自動送信メールです。このメールには返信しないでください。',
  en: '\n\n--\nThis is an automatic message from Unyo. Please do not reply.',
};

type TicketMailVars = { name: string | null; number: string; subject: string };
const ticketFooter = {
  ja: (n: string) =>
    `\n\n--\nお問い合わせ番号: ${n}\nこのメールに返信すると、お問い合わせに追記されます（件名の [${n}] は消さないでください）。\nUnyo ヘルプデスク`,
  en: (n: string) => `\n\n--\nInquiry number: ${n}\nReply to this mail to add to your inquiry (please keep [${n}] in the subject).\nUnyo help desk`,
};

/** Every mail the system sends, in Japanese and English. */
type IncidentReportVars = {
  number: string;
  title: string;
  kind: string;
  occurredAt: string;
  status: string;
  recoveredAt: string;
  description: string;
  message: string;
  url: string;
};

export const mailTemplates = {
  'password-changed': {
    ja: (v: { name: string; at: string }) => ({
      subject: '【Unyo】パスワードが変更されました',
      text: `${v.name} 様\n\nUnyo のパスワードが ${v.at} に変更されました。\n心当たりがない場合は、直ちにシステム管理者へ連絡してください。${footer.ja}`,
    }),
    en: (v: { name: string; at: string }) => ({
      subject: '[Unyo] Your password was changed',
      text: `Dear ${v.name},\n\nYour Unyo password was changed at ${v.at}.\nIf this was not you, contact your administrator at once.${footer.en}`,
    }),
  },
  'account-created': {
    ja: (v: { name: string; email: string; url: string }) => ({
      subject: '【Unyo】アカウントが作成されました',
      text: `${v.name} 様\n\nUnyo のアカウント（${v.email}）が作成されました。\n${v.url} からログインしてください。初期パスワードは管理者から別途お知らせします。${footer.ja}`,
    }),
    en: (v: { name: string; email: string; url: string }) => ({
      subject: '[Unyo] Your account was created',
      text: `Dear ${v.name},\n\nA Unyo account (${v.email}) was created for you.\nSign in at ${v.url}. Your administrator will give you the initial password separately.${footer.en}`,
    }),
  },
  'stocktake-checklist': {
    ja: (v: { site: string; name: string; dueOn: string; count: number; url: string }) => ({
      subject: `【Unyo】棚卸しのご協力のお願い（${v.site}）`,
      text: `${v.site} ご担当者様\n\n「${v.name}」を実施しています。貴拠点の機器 ${v.count} 件について、${v.dueOn} までに所在をご確認のうえ、次のリンクから回答してください（ログイン不要、回答は1回限りです）。\n\n${v.url}\n\nEnglish: ${v.url}?lang=en${footer.ja}`,
    }),
    en: (v: { site: string; name: string; dueOn: string; count: number; url: string }) => ({
      subject: `[Unyo] Stock-take check for ${v.site}`,
      text: `Dear colleagues at ${v.site},\n\nWe are carrying out "${v.name}". Please check where the ${v.count} devices of your office are and answer by ${v.dueOn} using this link (no login needed; it can be submitted once):\n\n${v.url}?lang=en\n\n日本語: ${v.url}${footer.en}`,
    }),
  },
  // 2.2.l / 3.3.1.o: the yearly question to an overseas office about software it bought itself.
  'software-local-survey': {
    ja: (v: { site: string; name: string; periodFrom: string; periodTo: string; dueOn: string; url: string }) => ({
      subject: `【Unyo】現地調達ソフトウェアの調査のお願い（${v.site}）`,
      text: `${v.site} ご担当者様\n\n「${v.name}」を実施しています。${v.periodFrom} から ${v.periodTo} までに貴拠点で購入（現地調達）したソフトウェアについて、${v.dueOn} までに次のリンクから回答してください。該当がない場合も「該当なし」として回答をお願いします（ログイン不要、回答は1回限りです）。\n\n${v.url}\n\nEnglish: ${v.url}?lang=en${footer.ja}`,
    }),
    en: (v: { site: string; name: string; periodFrom: string; periodTo: string; dueOn: string; url: string }) => ({
      subject: `[Unyo] Survey of locally purchased software: ${v.site}`,
      text: `Dear colleagues at ${v.site},\n\nWe are carrying out "${v.name}". Please tell us which software your office bought locally between ${v.periodFrom} and ${v.periodTo}, by ${v.dueOn}, using this link. If you bought none, please answer "none" (no login needed; it can be submitted once):\n\n${v.url}?lang=en\n\n日本語: ${v.url}${footer.en}`,
    }),
  },
  // S-4-3-3-2 / 4.1: the occurrence report to the staff in charge.
  'incident.report': {
    ja: (v: IncidentReportVars) => ({
      subject: `【障害報告】${v.number} ${v.title}`,
      text: `担当職員各位\n\n次の障害についてご報告します。\n\n障害番号: ${v.number}\n件名: ${v.title}\n種別: ${v.kind}\n発生日時: ${v.occurredAt}\n状況: ${v.status === 'open' ? '対応中' : v.status === 'recovered' ? `回復（${v.recoveredAt}）` : '完了'}\n\n${v.description}${v.message ? `\n\n${v.message}` : ''}\n\n詳細: ${v.url}${footer.ja}`,
    }),
    en: (v: IncidentReportVars) => ({
      subject: `[Incident report] ${v.number} ${v.title}`,
      text: `To the staff in charge,\n\nWe report the following incident.\n\nIncident: ${v.number}\nTitle: ${v.title}\nKind: ${v.kind}\nOccurred at: ${v.occurredAt}\nStatus: ${v.status === 'open' ? 'being handled' : v.status === 'recovered' ? `recovered (${v.recoveredAt})` : 'closed'}\n\n${v.description}${v.message ? `\n\n${v.message}` : ''}\n\nDetails: ${v.url}${footer.en}`,
    }),
  },
  // 1.1.d / 1.1.e: an operations document is due for its periodic verification.
  'ops-document.review-due': {
    ja: (v: { name: string; title: string; docVersion: string; lastVerifiedOn: string; dueOn: string; url: string }) => ({
      subject: `【Unyo】運用文書の定期検証時期です（${v.title}）`,
      text: `${v.name} 様\n\n次の文書の定期検証（運用実態との照合）の時期になりました。検証を実施し、結果を記録してください。\n\n文書: ${v.title}（第${v.docVersion}版）\n前回検証日: ${v.lastVerifiedOn}\n検証期限: ${v.dueOn}\n\n${v.url}${footer.ja}`,
    }),
    en: (v: { name: string; title: string; docVersion: string; lastVerifiedOn: string; dueOn: string; url: string }) => ({
      subject: `[Unyo] Review due: ${v.title}`,
      text: `Dear ${v.name},\n\nThe following document is due for its periodic review against actual operations. Please review it and record the result.\n\nDocument: ${v.title} (version ${v.docVersion})\nLast verified: ${v.lastVerifiedOn}\nDue: ${v.dueOn}\n\n${v.url}${footer.en}`,
    }),
  },
  // Issue #7 item 2: an incident clock is at risk (75 %) or breached.
  'incident.clock-alert': {
    ja: (v: { name: string; number: string; title: string; clock: string; level: string; dueAt: string; url: string }) => ({
      subject: `【Unyo】${v.level === 'breached' ? '期限超過' : '期限間近'}：${v.number} ${v.clock}`,
      text: `${v.name} 様\n\n障害「${v.title}」（${v.number}）の「${v.clock}」が${v.level === 'breached' ? '目標時間を超過しました' : `目標時間の75%を経過しました（期限: ${v.dueAt}）`}。\n\n${v.url}${footer.ja}`,
    }),
    en: (v: { name: string; number: string; title: string; clock: string; level: string; dueAt: string; url: string }) => ({
      subject: `[Unyo] ${v.level === 'breached' ? 'Breached' : 'At risk'}: ${v.number} ${v.clock}`,
      text: `Dear ${v.name},\n\nThe "${v.clock}" clock of incident "${v.title}" (${v.number}) ${v.level === 'breached' ? 'has passed its target' : `has used 75% of its target (due ${v.dueAt})`}.\n\n${v.url}${footer.en}`,
    }),
  },
  // 2.1.i: tells the user of a stolen, lost or damaged device which report to submit.
  'asset.damage-notice': {
    ja: (v: DamageNoticeVars) => ({
      subject: `【Unyo】${v.kindJa}の報告と必要な手続きについて（${v.assetNumber}）`,
      text: `${v.name} 様\n\nご使用中の機器について${v.kindJa}の報告を受け付けました。\n\n資産管理番号: ${v.assetNumber}\n機器名: ${v.assetName}\n発生日時: ${v.occurredAt}\n発生場所: ${v.place || '（未記入）'}\n\n必要な手続き:\n${
        v.kind === 'damage'
          ? '・「機器破損報告書」を作成し、所属長の確認を受けて情報システム担当へ提出してください。\n・破損した機器はそのまま保管し、修理・交換の連絡をお待ちください。'
          : `・「機器${v.kindJa}報告書」を作成し、所属長の確認を受けて情報システム担当へ提出してください。\n・${v.kind === 'theft' ? '警察へ被害届' : '警察へ遺失届'}を提出し、受理番号を報告書に記入してください。\n・業務データや個人情報が含まれていた場合は、その内容も報告書に記入してください。`
      }\n\n報告番号: ${v.reportId}${footer.ja}`,
    }),
    en: (v: DamageNoticeVars) => ({
      subject: `[Unyo] ${v.kindEn} report: required procedures (${v.assetNumber})`,
      text: `Dear ${v.name},\n\nA ${v.kindEn.toLowerCase()} report was recorded for the device you use.\n\nAsset number: ${v.assetNumber}\nDevice: ${v.assetName}\nOccurred at: ${v.occurredAt}\nPlace: ${v.place || '(not given)'}\n\nRequired procedures:\n${
        v.kind === 'damage'
          ? '- Fill in the "Equipment damage report", have your manager confirm it and submit it to the IT staff.\n- Keep the damaged device as it is until you are contacted about repair or replacement.'
          : `- Fill in the "Equipment ${v.kindEn.toLowerCase()} report", have your manager confirm it and submit it to the IT staff.\n- Report the ${v.kind === 'theft' ? 'theft' : 'loss'} to the police and write the police reference number in your report.\n- If the device held work data or personal information, describe it in the report.`
      }\n\nReport id: ${v.reportId}${footer.en}`,
    }),
  },
  // Issue #6 item 4: ticket mails are answered by the requester, so their footer asks to keep the number in the subject.
  'ticket.reply': {
    ja: (v: TicketMailVars & { body: string }) => ({
      subject: `Re: ${v.subject} [${v.number}]`,
      text: `${v.name ? `${v.name} 様\n\n` : ''}${v.body}${ticketFooter.ja(v.number)}`,
    }),
    en: (v: TicketMailVars & { body: string }) => ({
      subject: `Re: ${v.subject} [${v.number}]`,
      text: `${v.name ? `Dear ${v.name},\n\n` : ''}${v.body}${ticketFooter.en(v.number)}`,
    }),
  },
  'ticket.received': {
    ja: (v: TicketMailVars) => ({
      subject: `【受付】${v.subject} [${v.number}]`,
      text: `${v.name ? `${v.name} 様\n\n` : ''}お問い合わせを受け付けました。受付番号は ${v.number} です。\n担当者から改めてご連絡します。${ticketFooter.ja(v.number)}`,
    }),
    en: (v: TicketMailVars) => ({
      subject: `Received: ${v.subject} [${v.number}]`,
      text: `${v.name ? `Dear ${v.name},\n\n` : ''}We have received your inquiry. Its number is ${v.number}.\nA member of the help desk will get back to you.${ticketFooter.en(v.number)}`,
    }),
  },
  // S-1: the yearly satisfaction survey; the link is personal and works once.
  'survey.invitation': {
    ja: (v: { name: string; survey: string; closesOn: string; url: string }) => ({
      subject: `【Unyo】ヘルプデスク利用満足度アンケートのお願い（${v.survey}）`,
      text: `${v.name} 様\n\nヘルプデスクの対応について、4つの質問にお答えください（1分ほどで終わります）。回答は匿名で集計されます。\n\n回答期限: ${v.closesOn}\n${v.url}\n\nこのリンクはあなた専用で、回答は1回限りです。\nEnglish: ${v.url}?lang=en${footer.ja}`,
    }),
    en: (v: { name: string; survey: string; closesOn: string; url: string }) => ({
      subject: `[Unyo] Help desk satisfaction survey (${v.survey})`,
      text: `Dear ${v.name},\n\nPlease tell us how the help desk served you by answering 4 questions (about a minute). Answers are counted anonymously.\n\nPlease answer by ${v.closesOn}:\n${v.url}?lang=en\n\nThis link is personal and can be used once.\n日本語: ${v.url}${footer.en}`,
    }),
  },
  // 3.1.1.f / 5.1.d: a notice mailed to the people of its target sites.
  'notice.broadcast': {
    ja: (v: NoticeBroadcastVars) => ({
      subject: `【Unyo】【${v.severity}】${v.title}`,
      text: `${v.name} 様\n\n${v.body}\n\nお知らせはポータルでも確認できます: ${v.url}${footer.ja}`,
    }),
    en: (v: NoticeBroadcastVars) => ({
      subject: `[Unyo] [${v.severity}] ${v.title}`,
      text: `Dear ${v.name},\n\n${v.body}\n\nYou can also read this notice on the portal: ${v.url}${footer.en}`,
    }),
  },
  // Issue #6 item 3: the assignee is warned when 75 % of the 2 h first-answer target (business time) is used.
  'ticket.at-risk': {
    ja: (v: TicketAtRiskVars) => ({
      subject: `【Unyo】初回回答期限が近づいています（${v.number}）`,
      text: `${v.name} 様\n\n担当の問合せの初回回答期限（受付から営業時間で2時間）が近づいています。\n\n番号: ${v.number}\n件名: ${v.subject}\n拠点: ${v.site}\n回答期限: ${v.dueAt}\n残り時間（営業時間）: ${v.remainingMinutes} 分\n\n${v.url}${footer.ja}`,
    }),
    en: (v: TicketAtRiskVars) => ({
      subject: `[Unyo] First answer due soon (${v.number})`,
      text: `Dear ${v.name},\n\nAn inquiry assigned to you is close to its first-answer deadline (2 business hours after it was received).\n\nNumber: ${v.number}\nSubject: ${v.subject}\nSite: ${v.site}\nDue: ${v.dueAt}\nBusiness time left: ${v.remainingMinutes} min\n\n${v.url}${footer.en}`,
    }),
  },
  // 2.2.o: the system administrators start the renewal procedure 3 (under ¥10M) or 6 months ahead.
  'software.renewal-notice': {
    ja: (v: RenewalNoticeVars) => ({
      subject: `【Unyo】ソフトウェア更新手続きの開始時期です（${v.assetNumber} ${v.softwareName}）`,
      text: `${v.name} 様\n\n次のソフトウェア資産の更新予定日の${v.months}か月前になりました。更新手続きを開始してください。\n\n資産管理番号: ${v.assetNumber}\nソフトウェア名: ${v.softwareName}\n更新予定日: ${v.renewalDate}\n契約金額: ${v.contractAmount}\n通知日: ${v.noticeDate}（契約金額1,000万円以上は6か月前、未満は3か月前）\n\n${v.url}${footer.ja}`,
    }),
    en: (v: RenewalNoticeVars) => ({
      subject: `[Unyo] Time to start a software renewal (${v.assetNumber} ${v.softwareName})`,
      text: `Dear ${v.name},\n\nThe renewal date of this software asset is ${v.months} months away. Please start the renewal procedure.\n\nAsset number: ${v.assetNumber}\nSoftware: ${v.softwareName}\nRenewal date: ${v.renewalDate}\nContract amount: ${v.contractAmount}\nNotice date: ${v.noticeDate} (6 months ahead from ¥10,000,000, otherwise 3)\n\n${v.url}${footer.en}`,
    }),
  },
  // 2.2.r: a certificate, medium or document lent out is past its due date; the staff of its site retrieve it.
  'software.media-overdue': {
    ja: (v: MediaOverdueVars) => ({
      subject: `【Unyo】貸出中の付属品・資料が返却期限を過ぎています（${v.itemNumber} ${v.title}）`,
      text: `${v.name} 様\n\n次の付属品・資料が返却期限を過ぎても返却されていません。借用者に返却を依頼してください。\n\n管理番号: ${v.itemNumber}\n名称: ${v.title}\n保管拠点: ${v.site}\n借用者: ${v.borrower}\n貸出日: ${v.lentOn}\n返却期限: ${v.dueOn}\n延滞日数: ${v.daysOverdue} 日\n\n${v.url}${footer.ja}`,
    }),
    en: (v: MediaOverdueVars) => ({
      subject: `[Unyo] Lent item past its due date (${v.itemNumber} ${v.title})`,
      text: `Dear ${v.name},\n\nThis item has not been returned by its due date. Please ask the borrower to return it.\n\nItem number: ${v.itemNumber}\nTitle: ${v.title}\nSite: ${v.site}\nBorrower: ${v.borrower}\nLent on: ${v.lentOn}\nDue: ${v.dueOn}\nDays overdue: ${v.daysOverdue}\n\n${v.url}${footer.en}`,
    }),
  },
  // 2.2.p/q: unpermitted software found on devices, to the system administrators and the staff in charge.
  'software.findings-notice': {
    ja: (v: SoftwareFindingsVars) => ({
      subject: `【Unyo】未許可ソフトウェアを検出しました（${v.count}件）`,
      text: `${v.name} 様\n\n許可されていないソフトウェアが ${v.count} 件見つかりました。\n\n${v.lines}${v.more > 0 ? `\nほか ${v.more} 件` : ''}\n\n確認と削除依頼は次の画面から行えます。\n${v.url}${footer.ja}`,
    }),
    en: (v: SoftwareFindingsVars) => ({
      subject: `[Unyo] Unauthorized software found (${v.count})`,
      text: `Dear ${v.name},\n\n${v.count} installations of software that is not permitted were found.\n\n${v.lines}${v.more > 0 ? `\nand ${v.more} more` : ''}\n\nReview them and request removal here:\n${v.url}${footer.en}`,
    }),
  },
  test: {
    ja: (v: { note: string }) => ({ subject: '【Unyo】テストメール', text: `テスト送信です：${v.note}${footer.ja}` }),
    en: (v: { note: string }) => ({ subject: '[Unyo] Test message', text: `This is a test: ${v.note}${footer.en}` }),
  },
} satisfies Record<string, Template<never>>;

export type MailTemplateName = keyof typeof mailTemplates;
export type MailVars<N extends MailTemplateName> = Parameters<(typeof mailTemplates)[N]['ja']>[0];

export function renderMail<N extends MailTemplateName>(name: N, locale: Locale, vars: MailVars<N>): Rendered {
  return (mailTemplates[name][locale] as (v: MailVars<N>) => Rendered)(vars);
}
