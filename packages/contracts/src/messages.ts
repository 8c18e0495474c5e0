import type { Locale } from './common.ts';

/**
 * Server-side messages (problem titles, field errors) in both languages. Schemas use these keys
 * as custom messages; the server turns them into text for the requester's language.
 */
export const messages = {
  'problem.validation': { ja: '入力内容に誤りがあります', en: 'The request has invalid fields' },
  'problem.unauthenticated': { ja: 'ログインが必要です', en: 'Authentication required' },
  'problem.forbidden': { ja: 'この操作の権限がありません', en: 'You do not have permission for this action' },
  'problem.not_found': { ja: '対象が見つかりません', en: 'Not found' },
  'problem.conflict': { ja: '他のデータと競合しています', en: 'Conflict with existing data' },
  'problem.precondition_failed': {
    ja: '他のユーザーが先に更新しました。再読み込みしてから編集してください',
    en: 'Someone else changed this record first. Reload and edit again',
  },
  'problem.csrf': { ja: 'CSRFトークンが無効です。再読み込みしてください', en: 'Invalid CSRF token. Reload the page' },
  'problem.login_failed': { ja: 'メールアドレスまたはパスワードが違います', en: 'Wrong e-mail address or password' },
  'problem.locked': {
    ja: 'ログイン失敗が続いたため一時的にロックされています。しばらくしてから再試行してください',
    en: 'Too many failed logins. The account is locked for a while; try again later',
  },
  'problem.too_many_requests': { ja: 'リクエストが多すぎます', en: 'Too many requests' },
  'problem.payload_too_large': { ja: 'ファイルが大きすぎます', en: 'The file is too large' },
  'problem.unsupported_media_type': { ja: 'このファイル形式は受け付けられません', en: 'This file type is not accepted' },
  'problem.internal': { ja: 'サーバーで予期しないエラーが発生しました', en: 'Unexpected server error' },
  'problem.bad_request': { ja: 'リクエストが不正です', en: 'Bad request' },
  'error.required': { ja: '必須項目です', en: 'Required' },
  'error.invalid': { ja: '値が不正です', en: 'Invalid value' },
  'error.code_format': {
    ja: '半角英数字と . _ - のみ使用できます',
    en: 'Use only letters, digits and . _ -',
  },
  'error.country_format': { ja: '国コードは2文字（ISO 3166）で入力してください', en: 'Use a 2-letter ISO 3166 country code' },
  'error.time_zone': { ja: 'IANAタイムゾーン名（例: Asia/Tokyo）を入力してください', en: 'Use an IANA time zone such as Asia/Tokyo' },
  'error.kana': { ja: 'かな・カナで入力してください', en: 'Use hiragana or katakana only' },
  'error.end_before_start': { ja: '終了日は開始日以降にしてください', en: 'The end date must not be before the start date' },
  'error.password_short': { ja: 'パスワードは12文字以上にしてください', en: 'Passwords need at least 12 characters' },
  'error.password_weak': {
    ja: 'パスワードは4種類以上の文字を含めてください',
    en: 'Passwords need at least 4 different characters',
  },
  'error.password_wrong': { ja: '現在のパスワードが違います', en: 'The current password is wrong' },
  'error.password_same_as_email': {
    ja: 'メールアドレスをパスワードに使用できません',
    en: 'The password must not be the e-mail address',
  },
  'error.duplicate': { ja: 'この値は既に使われています', en: 'This value is already in use' },
  'error.unknown_reference': { ja: '参照先が存在しません', en: 'The referenced record does not exist' },
  'error.out_of_scope': { ja: '担当範囲外の拠点です', en: 'This site is outside your scope' },
  'error.cycle': { ja: '上位部署に自分自身や配下の部署は指定できません', en: 'A department cannot be under itself' },
  'error.in_use': { ja: '他のデータから参照されているため削除できません', en: 'Still referenced by other records' },
  'error.department_site': {
    ja: '部署と拠点が一致しません',
    en: 'The department belongs to another site',
  },
  'error.last_admin': { ja: '最後の管理者は変更できません', en: 'The last active administrator cannot be changed' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(s: string): s is MessageKey {
  return Object.hasOwn(messages, s);
}

export function translate(key: MessageKey, locale: Locale): string {
  return messages[key][locale];
}
