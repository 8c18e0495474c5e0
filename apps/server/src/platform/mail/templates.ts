import type { Locale } from '@unyo/contracts';

type Rendered = { subject: string; text: string };
type Template<V> = Record<Locale, (v: V) => Rendered>;

const footer = {
  ja: '\n\n--\nUnyo（運用）からの自動送信メールです。このメールには返信しないでください。',
  en: '\n\n--\nThis is an automatic message from Unyo. Please do not reply.',
};

/** Every mail the system sends, in Japanese and English. */
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
