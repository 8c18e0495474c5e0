/**
 * Vocabulary of the bench's help-desk inquiries: what staff of a Japanese agency and its overseas offices actually
 * write to an IT service desk (printers, mail, passwords, VPN, shared folders, Teams, meeting rooms…), so that the
 * search measures run against realistic character and word frequencies. Slots in braces are filled per ticket.
 */

export type Topic = {
  /** ticket_categories.code (seeded by migration 0009). */
  category: string;
  /** Share of the language's tickets. */
  weight: number;
  subjects: string[];
  details: string[];
  /** Subjects from this index on are install requests (excluded from S-4-6-1-1). */
  installFrom?: number;
};

export const jaTopics: Topic[] = [
  {
    category: 'printer.print',
    weight: 11,
    subjects: [
      '{floor}のプリンタで印刷できない',
      '複合機で両面印刷ができない',
      'プリンタの紙詰まりエラーが消えない',
      '印刷が途中で止まる',
      'カラー印刷ができない',
    ],
    details: [
      '印刷ボタンを押しても何も出てきません。',
      'プリンタの画面にエラー{code}と表示されています。',
      '他の職員は印刷できているようです。',
      'ドライバを入れ直す必要がありますか。',
      '印刷キューに文書が残ったままになっています。',
    ],
  },
  {
    category: 'printer.scan',
    weight: 4,
    subjects: ['複合機のスキャンがメールで届かない', 'スキャンしたPDFが共有フォルダに保存されない', 'FAXが送信できない'],
    details: ['スキャン自体は完了と表示されます。', '宛先のアドレスは登録済みです。', '昨日までは問題なく使えていました。'],
  },
  {
    category: 'mail.send-receive',
    weight: 11,
    subjects: ['メールが送信できない', 'Outlookでメールを受信できない', '添付ファイル付きのメールが届かない', 'メールボックスの容量がいっぱいになった'],
    details: [
      '送信すると「配信不能」のメールが返ってきます。',
      '{h}時頃から新しいメールが届いていません。',
      '相手先は{org}です。',
      'Outlookを再起動しても改善しません。',
      '容量超過の警告が表示されています。',
    ],
  },
  {
    category: 'mail.past',
    weight: 2,
    subjects: ['過去のメールを参照したい', '退職者のメールを引き継ぎたい'],
    details: ['{y}年度のメールを確認する必要があります。', '監査対応のため必要です。'],
  },
  {
    category: 'account.password',
    weight: 10,
    subjects: ['パスワードを忘れてログインできない', 'パスワードの有効期限が切れた', 'アカウントがロックされた', '多要素認証のスマートフォンを機種変更した'],
    details: [
      '何度かパスワードを間違えてロックされてしまいました。',
      'パスワード変更の画面が表示されません。',
      '認証アプリのコードが受け付けられません。',
      '至急ログインできるようにしてください。',
    ],
  },
  {
    category: 'account.new',
    weight: 3,
    subjects: ['新規採用者のアカウント発行依頼', '異動に伴うアカウント変更依頼'],
    details: ['{m}月1日付けで着任します。', '所属は{dept}です。', '人事発令の写しを添付します。'],
  },
  {
    category: 'network.vpn',
    weight: 6,
    subjects: ['VPNに接続できない', '在宅勤務でVPNがすぐ切れる', '出張先からVPN接続できない'],
    details: ['エラー{code}が表示されて接続できません。', '自宅の回線は問題ありません。', 'ホテルのWi-Fiを使っています。'],
  },
  {
    category: 'network.wifi',
    weight: 4,
    subjects: ['無線LANにつながらない', '会議室で無線LANが不安定'],
    details: ['{room}では電波が弱いようです。', '有線では問題なく接続できます。'],
  },
  {
    category: 'network.wired',
    weight: 3,
    subjects: ['インターネットに接続できない', '有線LANが頻繁に切断される', '共有フォルダにアクセスできない', '共有フォルダのアクセス権限追加依頼'],
    details: [
      'エクスプローラーで「アクセスが拒否されました」と表示されます。',
      'フォルダのパスは\\\\fs01\\{dept}です。',
      'ネットワークケーブルは接続されています。',
    ],
  },
  {
    category: 'cloud.m365',
    weight: 8,
    subjects: ['Teamsで会議に参加できない', 'Teamsの音声が聞こえない', 'Teamsで画面共有ができない', 'OneDriveの同期が止まっている'],
    details: [
      '会議のリンクを開いても待機画面のままです。',
      'ヘッドセットはPCに認識されています。',
      '外部の参加者との会議です。',
      'Teamsを再インストールした方がよいでしょうか。',
    ],
  },
  {
    category: 'groupware.schedule',
    weight: 4,
    subjects: ['会議室の予約方法を知りたい', '会議室の予約が重複している', 'スケジュールが共有されない'],
    details: ['{room}を{m}月の定例会議で使いたいです。', '予約画面にエラーが出ます。', '部署内でスケジュールを共有したいです。'],
  },
  {
    category: 'hardware.peripheral',
    weight: 5,
    subjects: ['会議室のプロジェクターに映らない', 'テレビ会議システムの使い方', 'キーボードが反応しない', 'マウスが動かない'],
    details: ['HDMIケーブルを接続しても「信号なし」と表示されます。', '{room}の機器です。', '電池は交換しました。'],
  },
  {
    category: 'hardware.pc',
    weight: 10,
    subjects: ['PCの動作が遅い', 'PCが起動しない', '画面が真っ暗になる', 'ディスク容量が不足している'],
    details: ['電源を入れてもメーカーのロゴから先に進みません。', '起動に10分以上かかります。', 'PC番号は{pc}です。', '再起動しても同じ症状です。'],
  },
  {
    category: 'os.windows',
    weight: 5,
    subjects: ['Windowsにログインできない', 'Windows Updateが終わらない', 'ブルースクリーンが表示される'],
    details: ['「更新プログラムを構成しています」のまま止まっています。', '停止コード{code}と表示されました。', 'ユーザー名は{user}です。'],
  },
  {
    category: 'software.office',
    weight: 5,
    subjects: ['Excelのマクロが動かない', 'Wordの書式が崩れる', 'PowerPointが応答しない'],
    details: ['マクロを有効にしても実行されません。', '他のPCで開くと正常に表示されます。', '保存前のファイルを復元したいです。'],
  },
  {
    category: 'software.install',
    weight: 4,
    subjects: ['ライセンス認証のエラーが出る', 'ソフトウェアのインストール依頼', '業務用ソフトの追加インストール依頼'],
    details: ['インストールするソフトは{app}です。', '上長の承認は得ています。', 'ライセンスは部署で購入済みです。'],
    installFrom: 1,
  },
  {
    category: 'security.spam',
    weight: 3,
    subjects: ['不審なメールを受信した', '迷惑メールが大量に届く'],
    details: ['添付ファイルは開いていません。', '差出人は{org}を名乗っています。', 'URLをクリックしてしまいました。'],
  },
  {
    category: 'security.malware',
    weight: 1,
    subjects: ['ウイルス対策ソフトの警告が出た'],
    details: ['「脅威が検出されました」と表示されました。', 'USBメモリを接続した直後です。'],
  },
  {
    category: 'file-conversion',
    weight: 1,
    subjects: ['一太郎ファイルをWordに変換したい', 'PDFをExcelに変換したい'],
    details: ['外部から受け取ったファイルです。', '表の体裁を保ったまま変換したいです。'],
  },
  {
    category: 'business-system',
    weight: 2,
    subjects: ['人事給与システムにログインできない', '文書管理システムの使い方'],
    details: ['画面の操作方法が分かりません。', '所管部署が分からず問い合わせました。'],
  },
];

export const enTopics: Topic[] = [
  {
    category: 'printer.print',
    weight: 10,
    subjects: ['Cannot print to the printer on {floorEn}', 'Printer shows a paper jam error', 'Printing stops halfway', 'Printer is offline'],
    details: ['The printer displays error {code}.', 'Other colleagues can print normally.', 'I restarted the printer but it did not help.'],
  },
  {
    category: 'mail.send-receive',
    weight: 11,
    subjects: ['Cannot send e-mail from Outlook', 'Not receiving external e-mail', 'Mailbox is full'],
    details: ['Messages stay in the outbox.', 'I get a non-delivery report from {org}.', 'Outlook says it is disconnected.'],
  },
  {
    category: 'account.password',
    weight: 12,
    subjects: ['Forgot my password', 'Password expired', 'Account is locked', 'Changed my phone for multi-factor authentication'],
    details: ['I entered the wrong password several times.', 'The authenticator code is rejected.', 'I cannot log in to the intranet.'],
  },
  {
    category: 'network.vpn',
    weight: 10,
    subjects: ['Cannot connect to VPN from the hotel', 'VPN disconnects every few minutes', 'VPN client shows error {code}'],
    details: ['I am on a business trip in {city}.', 'The hotel Wi-Fi works for other websites.', 'It worked last week.'],
  },
  {
    category: 'network.wifi',
    weight: 5,
    subjects: ['Wi-Fi keeps disconnecting', 'No internet connection in the office', 'Cannot access the shared folder'],
    details: ['The whole office in {city} is affected.', 'The cable connection works fine.', 'Access is denied on \\\\fs01\\{dept}.'],
  },
  {
    category: 'cloud.m365',
    weight: 12,
    subjects: ['Cannot join a Teams meeting', 'No sound in Teams', 'Screen sharing does not work in Teams', 'OneDrive is not syncing'],
    details: ['The meeting is with the head office in Tokyo.', 'My headset works in other applications.', 'It stays on the lobby screen.'],
  },
  {
    category: 'hardware.pc',
    weight: 12,
    subjects: ['Laptop is very slow', 'Laptop does not start', 'Screen flickers', 'Keyboard is not working'],
    details: ['The asset tag is {pc}.', 'It takes more than ten minutes to start.', 'I already restarted it twice.'],
  },
  {
    category: 'os.windows',
    weight: 6,
    subjects: ['Cannot log in to Windows', 'Windows update is stuck', 'Blue screen error'],
    details: ['The stop code is {code}.', 'It has been updating since yesterday.', 'My user name is {user}.'],
  },
  {
    category: 'software.install',
    weight: 6,
    subjects: ['License activation error', 'Request to install software'],
    details: ['I need {app} for my work.', 'My manager approved it.'],
    installFrom: 1,
  },
  {
    category: 'overseas.travel',
    weight: 8,
    subjects: ['Need a loaner laptop for a business trip', 'Cannot access the intranet while travelling', 'Roaming settings for my mobile phone'],
    details: ['I travel to {city} next {weekday}.', 'I will be away for two weeks.', 'Please prepare it before my departure.'],
  },
  {
    category: 'overseas.office',
    weight: 5,
    subjects: ['Meeting room projector shows no signal', 'Request access to the local printer'],
    details: ['The room is {room}.', 'The office moved to a new floor last month.'],
  },
  {
    category: 'security.spam',
    weight: 3,
    subjects: ['Received a suspicious e-mail', 'Antivirus warning on my laptop'],
    details: ['I did not open the attachment.', 'The sender claims to be {org}.'],
  },
];

export const jaOpenings = ['お疲れ様です。', 'いつもお世話になっております。', '', '{dept}の{name}です。', 'お忙しいところすみません。'];
export const jaContexts = [
  '本日{h}時頃から症状が出ています。',
  '昨日から症状が続いています。',
  '今朝出社したところ症状に気づきました。',
  '',
  '先週から時々発生します。',
];
export const jaInfos = ['PC番号は{pc}です。', '内線{ext}までご連絡ください。', '場所は{bldg}{floor}の{room}です。', 'エラーコード: {code}', ''];
export const jaClosings = ['よろしくお願いいたします。', '至急対応をお願いします。', 'ご確認をお願いします。', '急ぎではありませんが、よろしくお願いします。'];
export const enOpenings = ['Hello,', 'Hi team,', 'Dear Helpdesk,', ''];
export const enContexts = ['This started this morning.', 'Since yesterday the problem continues.', 'After the latest update this happens.', ''];
export const enClosings = ['Thank you.', 'Best regards,', 'This is urgent, please help.', 'Thanks in advance.'];

export const jaReplies = [
  'お問い合わせありがとうございます。手順書をお送りしますのでご確認ください。',
  'リモートで設定を変更しました。再度お試しください。',
  'パスワードを再設定しました。仮パスワードは別途お知らせします。',
  '現地に伺い対応しました。改善しない場合はご連絡ください。',
  '所管部署の窓口をご案内します。',
];
export const enReplies = [
  'Thank you for contacting us. Please follow the attached instructions.',
  'We changed the settings remotely. Please try again.',
  'Your password has been reset; the temporary password follows separately.',
  'A technician fixed it on site. Please let us know if it happens again.',
];

export const vendors = ['NEC', '富士通', 'リコー', 'キヤノン', 'Microsoft'];
export const slots = {
  floor: ['1F', '2F', '3F', '4F', '5F', '7F', '10F'],
  floorEn: ['the 2nd floor', 'the 3rd floor', 'the 5th floor', 'the ground floor'],
  room: ['301会議室', '第2会議室', '大会議室', '応接室', '執務室A', 'Room 4B', 'Board room'],
  bldg: ['本館', '別館', '研究棟'],
  dept: ['総務課', '人事課', '会計課', '企画調整課', '国際協力課', '研究推進課', '情報システム課'],
  org: ['株式会社サンプル商事', '○○大学', '経済産業省', 'JETRO', 'ACME Corp.'],
  app: ['Adobe Acrobat', 'SPSS', 'AutoCAD', 'ArcGIS', 'Visio', '一太郎'],
  city: ['New York', 'London', 'Paris', 'Bangkok', 'Singapore', 'Shanghai', 'São Paulo', 'Dubai', 'Johannesburg'],
  weekday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  name: ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村'],
};
export const enGiven = ['John', 'Emma', 'Liam', 'Olivia', 'Noah', 'Sophie', 'Lucas', 'Mia', 'Arjun', 'Mei', 'Carlos', 'Fatima', 'Thomas', 'Anna'];
export const enFamily = ['Smith', 'Johnson', 'Brown', 'Martin', 'Dubois', 'Müller', 'Rossi', 'Kumar', 'Chen', 'Silva', 'Nguyen', 'Garcia', 'Wilson'];
