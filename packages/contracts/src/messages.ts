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
  'problem.notice_not_published': { ja: 'このお知らせは公開されていません', en: 'This notice is not published' },
  'problem.stocktake_closed': { ja: 'この棚卸しは終了しています', en: 'This stock-take is closed' },
  'problem.checklist_invalid': { ja: 'このリンクは無効か、有効期限が切れています', en: 'This link is invalid or has expired' },
  'problem.checklist_answered': { ja: 'この確認表は回答済みです', en: 'This checklist has already been answered' },
  'problem.survey_invalid': { ja: 'このアンケートのリンクは無効です', en: 'This survey link is not valid' },
  'problem.survey_answered': { ja: 'このアンケートは回答済みです。ご協力ありがとうございました', en: 'This survey has already been answered. Thank you' },
  'problem.survey_closed': { ja: 'このアンケートの回答期間は終了しました', en: 'This survey is no longer accepting answers' },
  'problem.survey_state': { ja: 'アンケートの状態が、この操作を許しません', en: 'The survey is not in a state that allows this' },
  'problem.incident_state': { ja: '障害の状態が、この操作を許しません', en: 'The incident is not in a state that allows this' },
  'error.before_occurred': { ja: '発生日時より前の日時です', en: 'Earlier than the occurrence' },
  'error.after_milestone': { ja: '記録済みの経過（検知・報告等）より後の日時です', en: 'Later than a milestone already recorded' },
  'error.escalation_open': { ja: '2次エスカレーションが継続中です', en: 'A secondary escalation is still open' },
  'error.escalation_not_open': { ja: '継続中の2次エスカレーションがありません', en: 'No secondary escalation is open' },
  'problem.security_case_state': { ja: 'セキュリティ対応の状態が、この操作を許しません', en: 'The security case is not in a state that allows this' },
  'error.unknown_step': { ja: 'この対応のチェックリストにない手順です', en: 'Not a step of this case checklist' },
  'error.before_detected': { ja: '検知日時より前の日時です', en: 'Earlier than the detection' },
  'error.step_required': {
    ja: '必須の手順が未実施です（実施するか、該当なしとして理由を記入してください）',
    en: 'Required step not done (record it, or mark it not applicable with a reason)',
  },
  'error.used_over_size': { ja: '使用量が容量を超えています', en: 'Used is larger than the size' },
  'error.same_version': { ja: '現在の版と同じです', en: 'Same as the current version' },
  'error.not_in_survey': { ja: 'この調査の対象拠点ではありません', en: 'Not a site of this survey' },
  'error.outside_period': { ja: '調査対象期間外の日付です', en: 'Outside the period the survey asks about' },
  'error.not_in_stocktake': { ja: 'この棚卸しの対象ではありません', en: 'Not part of this stock-take' },
  'error.unknown_asset': { ja: 'このQRコードの資産は台帳にありません', en: 'No asset in the ledger has this QR code' },
  'error.required': { ja: '必須項目です', en: 'Required' },
  'error.mac_format': { ja: 'MACアドレスの形式が正しくありません（例: 00:1A:2B:3C:4D:5E）', en: 'Invalid MAC address (e.g. 00:1A:2B:3C:4D:5E)' },
  'error.ip_format': { ja: 'IPアドレスの形式が正しくありません', en: 'Invalid IP address' },
  'error.too_many': { ja: '項目が多すぎます', en: 'Too many entries' },
  'error.parent_cycle': { ja: '親資産に自分自身や子孫は指定できません', en: 'The parent asset cannot be the asset itself or one of its children' },
  'error.invalid': { ja: '値が不正です', en: 'Invalid value' },
  'error.code_format': {
    ja: '半角英数字と . _ - のみ使用できます',
    en: 'Use only letters, digits and . _ -',
  },
  'error.country_format': { ja: '国コードは2文字（ISO 3166）で入力してください', en: 'Use a 2-letter ISO 3166 country code' },
  'error.time_zone': { ja: 'IANAタイムゾーン名（例: Asia/Tokyo）を入力してください', en: 'Use an IANA time zone such as Asia/Tokyo' },
  'error.kana': { ja: 'かな・カナで入力してください', en: 'Use hiragana or katakana only' },
  'error.end_before_start': { ja: '終了日は開始日以降にしてください', en: 'The end date must not be before the start date' },
  'error.presented_before_instruction': { ja: '提示日は作業指示日以降にしてください', en: 'The plan cannot be presented before the instruction' },
  'error.call_time_order': {
    ja: '着信・応答・終了（折り返し）の順になっていません',
    en: 'Times must follow the order queued → answered → ended (called back)',
  },
  'error.callback_needs_voice': {
    ja: '折り返し日時は音声応答で受けた通話にのみ入力できます',
    en: 'A callback time is only for calls taken by the voice system',
  },
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
  'error.duplicate_clone_image': {
    ja: 'この機種・OS・ソフトウェア構成の有効なクローンイメージは既にあります',
    en: 'An active clone image for this model, OS and software set already exists',
  },
  'error.unknown_reference': { ja: '参照先が存在しません', en: 'The referenced record does not exist' },
  'error.image_only': { ja: '画像ファイル（PNG・JPEG・GIF）のみ指定できます', en: 'Only image files (PNG, JPEG, GIF) can be used' },
  'error.required_overseas': {
    ja: '海外拠点が対象のため、英語の入力が必要です',
    en: 'Required because an overseas office is targeted',
  },
  'error.notice_not_published': { ja: '公開状態のお知らせのみ配信できます', en: 'Only a published notice can be mailed' },
  'error.upgrade_cycle': {
    ja: 'アップグレード元に自分自身またはアップグレード先は指定できません',
    en: 'A licence cannot upgrade itself or one of its own upgrades',
  },
  'error.license_needs_product': { ja: 'ライセンスを製品に割り当ててください', en: 'Assign the licence to a product first' },
  'error.finding_closed': { ja: 'この検出結果は対応済みです', en: 'This finding is already closed' },
  'error.monitoring_site_required': { ja: '資産か拠点を指定してください', en: 'Give an asset or a site' },
  'error.media_lent': { ja: '貸出中です', en: 'The item is lent out' },
  'error.media_not_lent': { ja: '貸出中ではありません', en: 'The item is not lent out' },
  'error.media_disposed': { ja: '廃棄済みです', en: 'The item was disposed of' },
  'error.stocktake_open': { ja: '実施中のソフトウェア棚卸しがあります', en: 'A software stock-take is already open' },
  'error.stocktake_closed': { ja: 'この棚卸しは終了しています', en: 'This stock-take is closed' },
  'error.stocktake_unchecked': { ja: '未確認の付属品・資料があります', en: 'Some media items have not been checked' },
  'error.out_of_scope': { ja: '担当範囲外の拠点です', en: 'This site is outside your scope' },
  'error.month_format': { ja: '年月は YYYY-MM 形式で入力してください', en: 'Use a YYYY-MM month' },
  'error.time_format': { ja: '時刻は HH:MM 形式で入力してください（例: 07:00）', en: 'Use an HH:MM time (e.g. 07:00)' },
  'error.backup_job_required': {
    ja: 'ジョブID、またはジョブ名と対象機器の資産管理番号を指定してください',
    en: 'Give the job id, or the job name and the target asset number',
  },
  'error.backup_job_unknown': { ja: '該当するバックアップジョブがありません', en: 'No such backup job' },
  'error.backup_weekdays_required': { ja: '毎週のジョブには曜日を指定してください', en: 'A weekly job needs its weekdays' },
  'error.backup_month_day_required': { ja: '毎月のジョブには日付を指定してください', en: 'A monthly job needs its day of month' },
  'error.backup_pattern_invalid': { ja: '件名パターンが正規表現として読み取れません', en: 'The subject pattern is not a valid regular expression' },
  'error.backup_result_not_failed': {
    ja: '失敗・未報告の結果にのみ対応記録を付けられます',
    en: 'Only failed or missing results have a triage record',
  },
  'error.counts_over_target': { ja: '成功数と失敗数の合計が対象数を超えています', en: 'Successes and failures add up to more than the target count' },
  'error.device_required': { ja: '対象機器を指定してください', en: 'Choose the device' },
  'error.device_or_group_required': {
    ja: '対象機器、またはポリシーの対象グループを指定してください',
    en: 'Choose the device, or give the policy group',
  },
  'error.backup_result_job': { ja: '指定したジョブの結果ではありません', en: 'The result belongs to another job' },
  'error.restore_done_at_required': { ja: '完了にするには完了日時が必要です', en: 'A done request needs its completion time' },
  'error.cycle': { ja: '上位部署に自分自身や配下の部署は指定できません', en: 'A department cannot be under itself' },
  'error.business_system_kind': {
    ja: '業務システムは種別が「業務システム障害」の障害にのみ指定できます',
    en: 'A business system can be set only on business-system incidents',
  },
  'error.business_system_inactive': { ja: '利用終了した業務システムは指定できません', en: 'This business system is no longer in use' },
  'error.in_use': { ja: '他のデータから参照されているため削除できません', en: 'Still referenced by other records' },
  'error.department_site': {
    ja: '部署と拠点が一致しません',
    en: 'The department belongs to another site',
  },
  'error.last_admin': { ja: '最後の管理者は変更できません', en: 'The last active administrator cannot be changed' },
  'error.finding_state': { ja: 'この状態のチェック結果には実行できません', en: 'Not possible for a finding in this state' },
  'error.supervisor_only': { ja: '担当職員のみ実行できます', en: 'Only the staff in charge can do this' },
  // Tickets (service desk)
  'problem.ticket_transition': { ja: 'この問合せの現在の状態ではこの操作はできません', en: 'Not possible in the current status of this inquiry' },
  'error.ticket_requester': {
    ja: '依頼者（人物、氏名、メールアドレスまたは電話番号）を入力してください',
    en: 'Enter the requester (a person, name, e-mail or phone)',
  },
  'error.in_future': { ja: '未来の日時は指定できません', en: 'Cannot be in the future' },
  // Ticket extras: resolution codes, details, category administration
  'error.resolution_status': { ja: '解決区分は解決・完了にするときだけ指定できます', en: 'A resolution code can only be given when resolving or closing' },
  'error.resolution_department': {
    ja: '案内先部署は「所管部署へ案内」のときだけ指定できます',
    en: 'A department can only be given with "Referred to owning department"',
  },
  'error.resolution_department_required': {
    ja: '案内先の部署を指定してください（分類に所管部署がありません）',
    en: 'Choose the department to refer to (the category has no owner department)',
  },
  'error.details_not_allowed': { ja: 'この分類には詳細項目がありません', en: 'This category has no detail fields' },
  'error.category_code': {
    ja: 'コードは英小文字・数字・ハイフンで、子分類は「親コード.xxx」にしてください',
    en: 'Use lowercase letters, digits and hyphens; a sub-category code is "<parent code>.xxx"',
  },
  'error.category_parent': { ja: '上位分類には最上位の分類だけを指定できます（2階層まで）', en: 'The parent must be a top-level category (two levels only)' },
  'error.assignee_out_of_scope': {
    ja: 'この担当者は問い合わせを更新できないか、この拠点を参照できません',
    en: 'This user cannot update tickets or cannot see this site',
  },
  'error.upload_quota': { ja: '1日にアップロードできるファイル数の上限に達しました', en: 'You have reached the daily upload limit' },
  'error.category_has_children': { ja: '子分類を持つ分類は他の分類の下に移せません', en: 'A category with sub-categories cannot be moved under another' },
  // Ledger import/export (platform/files). {placeholders} are filled in by the server.
  'problem.import_file': { ja: 'ファイルを取り込めません', en: 'The file cannot be imported' },
  'problem.import_running': { ja: '同じ取込IDの取込が実行中です', en: 'An import with this id is already running' },
  'import.empty_file': { ja: 'ファイルが空です', en: 'The file is empty' },
  'import.too_large': { ja: 'ファイルが大きすぎます（上限 {max} MB）', en: 'The file is too large (limit {max} MB)' },
  'import.too_many_rows': { ja: '行数が多すぎます（上限 {max} 行）', en: 'Too many rows (limit {max})' },
  'import.binary_file': {
    ja: 'CSVまたはExcel（.xlsx）のファイルではありません',
    en: 'This is not a CSV or Excel (.xlsx) file',
  },
  'import.xls_unsupported': {
    ja: '旧形式のExcel（.xls）は取り込めません。.xlsx またはCSVで保存し直してください',
    en: 'Old Excel files (.xls) are not supported. Save as .xlsx or CSV',
  },
  'import.utf16_unsupported': {
    ja: 'UTF-16のテキストは取り込めません。「CSV UTF-8」またはShift_JISのCSVで保存し直してください',
    en: 'UTF-16 text is not supported. Save as "CSV UTF-8" or Shift_JIS CSV',
  },
  'import.corrupt_xlsx': {
    ja: 'Excelファイルが壊れているか、途中で切れています',
    en: 'The Excel file is damaged or incomplete',
  },
  'import.undecodable': {
    ja: '{row}行目に読み取れない文字があります。UTF-8またはShift_JISで保存してください',
    en: 'Row {row} has characters that cannot be read. Save the file as UTF-8 or Shift_JIS',
  },
  'import.malformed_csv': {
    ja: '{row}行目付近でCSVの形式が崩れています（引用符の閉じ忘れ、またはファイルが途中で切れています）',
    en: 'The CSV is malformed near row {row} (an unclosed quote, or the file is cut off)',
  },
  'import.no_header': { ja: '1行目に見出しがありません', en: 'Row 1 has no column headings' },
  'import.no_rows': { ja: 'データ行がありません', en: 'The file has no data rows' },
  'import.missing_column': { ja: '列「{column}」がありません', en: 'The column "{column}" is missing' },
  'import.duplicate_column': {
    ja: '列「{column}」が複数あります',
    en: 'The column "{column}" appears more than once',
  },
  'import.bad_mapping': { ja: '列の対応付けが不正です', en: 'The column mapping is invalid' },
  'import.duplicate_key': {
    ja: 'ファイル内で重複しています（{row}行目と同じ値）',
    en: 'Duplicate in the file (same value as row {row})',
  },
  'import.invalid_date': {
    ja: '日付として読み取れません（例: 2024/4/1、令和6年4月1日、R6.4.1）',
    en: 'Not a date (e.g. 2024-04-01, 令和6年4月1日, R6.4.1)',
  },
  'import.invalid_bool': { ja: '○/×、有/無、はい/いいえ のいずれかで入力してください', en: 'Use yes/no (○/×, 有/無, true/false, 1/0)' },
  'import.invalid_number': { ja: '整数で入力してください', en: 'Enter a whole number' },
  'import.invalid_yen': { ja: '金額（円）として読み取れません', en: 'Not an amount in yen' },
  'import.invalid_choice': { ja: '次のいずれかで入力してください: {choices}', en: 'Use one of: {choices}' },
  'import.unknown_reference': { ja: '「{value}」が見つかりません', en: '"{value}" does not exist' },
  'import.out_of_scope': { ja: '担当範囲外の拠点のデータです', en: 'This record belongs to a site outside your scope' },
  'import.concurrent_change': {
    ja: '取込中に他のユーザーが同じデータを更新しました。何も登録していません。もう一度取り込んでください',
    en: 'Someone changed the same records during the import. Nothing was written; import again',
  },
  'import.invalid_ip': { ja: '「{value}」はIPアドレスとして読み取れません', en: '"{value}" is not an IP address' },
  'import.invalid_mac': {
    ja: '「{value}」はMACアドレスとして読み取れません（例: 00:1A:2B:3C:4D:5E）',
    en: '"{value}" is not a MAC address (e.g. 00:1A:2B:3C:4D:5E)',
  },
  'import.invalid_napt': {
    ja: 'NAPT設定「{value}」を読み取れません（例: tcp 10.0.0.5:443=203.0.113.5:8443 #Web公開; udp 10.0.0.6=203.0.113.6）',
    en: 'Cannot read the NAPT rule "{value}" (e.g. tcp 10.0.0.5:443=203.0.113.5:8443 #web; udp 10.0.0.6=203.0.113.6)',
  },
  'import.duplicate_serial': {
    ja: 'シリアル番号「{value}」は資産 {asset} に登録済みです',
    en: 'The serial number "{value}" is already registered on asset {asset}',
  },
  'import.mac_in_use': { ja: 'MACアドレス {value} は資産 {asset} で使用中です', en: 'The MAC address {value} is in use on asset {asset}' },
  'import.invalid_datetime': {
    ja: '日時として読み取れません（例: 2025/4/1 9:30）',
    en: 'Not a date and time (e.g. 2025-04-01 09:30)',
  },
  'import.time_before': { ja: '「{column}」より前の日時です', en: 'Earlier than "{column}"' },
  'import.requires_column': { ja: '「{column}」も入力してください', en: 'Needs "{column}" as well' },
  'import.before_received': { ja: '受付日時より前の日時です', en: 'Earlier than the time received' },
  'import.before_first_answer': { ja: '初回回答日時より前の日時です', en: 'Earlier than the first answer' },
  'import.before_escalation_start': { ja: 'エスカレーション開始日時より前の日時です', en: 'Earlier than the escalation start' },
  'import.before_resolved': { ja: '解決日時より前の日時です', en: 'Earlier than the resolution' },
  'import.escalation_end_without_start': { ja: 'エスカレーション開始日時がありません', en: 'There is no escalation start' },
  'import.incident_exists': { ja: 'この番号の障害は登録済みです', en: 'An incident with this number already exists' },
  'import.before_occurred': { ja: '発生日時より前の日時です', en: 'Earlier than the occurrence' },
  'import.before_first_recovery': { ja: '初回回復日時より前の日時です', en: 'Earlier than the first recovery' },
  'import.before_reopened': { ja: '再発日時より前の日時です', en: 'Earlier than the reopening' },
  'import.ticket_exists': { ja: 'この番号の問合せは登録済みです', en: 'An inquiry with this number already exists' },
  'problem.pdf_font_missing': {
    ja: 'PDF作成用の日本語フォントがサーバーにありません（fonts-noto-cjk をインストールしてください）',
    en: 'The server has no Japanese font for PDFs (install fonts-noto-cjk)',
  },
  'problem.label_font_missing': {
    ja: 'ラベル印刷用の日本語フォントがサーバーにありません（fonts-noto-cjk をインストールしてください）',
    en: 'The server has no Japanese font for labels (install fonts-noto-cjk)',
  },
  'import.create_needs_all_sites': {
    ja: '拠点の新規登録は全拠点を担当する利用者のみ行えます',
    en: 'Only users with access to all sites can create sites',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(s: string): s is MessageKey {
  return Object.hasOwn(messages, s);
}

export function translate(key: MessageKey, locale: Locale): string {
  return messages[key][locale];
}
