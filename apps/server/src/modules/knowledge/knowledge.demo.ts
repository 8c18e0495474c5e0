import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { seededRandom } from '../org/demo-data.ts';
import { ticketCategories } from '../servicedesk/tickets.table.ts';
import { kbArticles, kbArticleVersions } from './knowledge.table.ts';

/** [category code, ja title, ja body, en title, en body, tags] — the everyday questions of the desk. */
const topics: [string, string, string, string, string, string[]][] = [
  [
    'network.vpn',
    'VPNに接続できない',
    'VPNクライアントを終了して再起動し、インターネットに接続できていることを確認してから再接続してください。',
    'Cannot connect to the VPN',
    'Quit and restart the VPN client, check that the internet works, then connect again.',
    ['vpn'],
  ],
  [
    'network.vpn',
    'VPN接続が頻繁に切れる',
    '省電力設定で無線LANが切断されていないか確認し、有線LANでの接続もお試しください。',
    'The VPN connection keeps dropping',
    'Check that power saving does not switch Wi-Fi off and try a wired connection.',
    ['vpn'],
  ],
  [
    'network.wifi',
    '無線LANにつながらない',
    'SSIDとパスワードを確認し、PCの無線LANをオフ・オンしてください。改善しない場合は端末名を添えて連絡してください。',
    'Cannot join the Wi-Fi',
    'Check the SSID and password and switch Wi-Fi off and on. If it still fails, tell us the device name.',
    ['wifi'],
  ],
  [
    'network.wired',
    '有線LANでネットワークに接続できない',
    'LANケーブルの抜けとハブのランプを確認し、別の差込口もお試しください。',
    'No network on a wired connection',
    'Check the cable and the hub lights, and try another wall socket.',
    ['lan'],
  ],
  [
    'account.password',
    'パスワードを忘れた・ロックされた',
    'ヘルプデスクに電話で本人確認のうえ、仮パスワードを発行します。初回ログイン時に変更してください。',
    'Forgotten password or locked account',
    'Call the service desk to verify your identity; we issue a temporary password that you change at first sign-in.',
    ['password'],
  ],
  [
    'account.password',
    'パスワードの有効期限が切れた',
    'ログイン画面の案内に従って新しいパスワードを設定してください。12文字以上が必要です。',
    'My password has expired',
    'Follow the sign-in screen to set a new password of at least 12 characters.',
    ['password'],
  ],
  [
    'account.new',
    '異動に伴うアカウント変更',
    '人事発令の後、所属長から申請書を提出してください。反映まで2営業日かかります。',
    'Account changes after a transfer',
    'After the HR order, your manager submits the request form. It takes two business days.',
    ['account'],
  ],
  [
    'mail.send-receive',
    'メールが送信できない',
    '宛先アドレスと添付ファイルのサイズ（上限10MB）を確認してください。送信済みフォルダーに残っていない場合は再送してください。',
    'Cannot send mail',
    'Check the address and the attachment size (10 MB limit). Resend if it is not in Sent Items.',
    ['mail'],
  ],
  [
    'mail.send-receive',
    'メールが受信できない',
    '受信トレイの容量と迷惑メールフォルダーを確認してください。',
    'Mail is not arriving',
    'Check the mailbox quota and the junk mail folder.',
    ['mail'],
  ],
  [
    'mail.past',
    '過去のメールを参照したい',
    'アーカイブフォルダーを検索してください。1年より前のメールは申請により復元します。',
    'Finding old mail',
    'Search the archive folder. Mail older than one year is restored on request.',
    ['mail', 'archive'],
  ],
  [
    'printer.print',
    'プリンターで印刷できない',
    '用紙切れ・紙詰まりを確認し、複合機の電源を入れ直してください。印刷キューに残ったジョブは削除します。',
    'Printing does not work',
    'Check for paper jams and empty trays and restart the multifunction printer. Delete jobs stuck in the queue.',
    ['printer'],
  ],
  [
    'printer.print',
    '印刷がかすれる・汚れる',
    'トナー残量を確認し、交換後も改善しない場合は保守会社に連絡します。',
    'Faint or smudged prints',
    'Check the toner; if a new cartridge does not help we call the maintenance company.',
    ['printer', 'toner'],
  ],
  [
    'printer.scan',
    'スキャンしたファイルが届かない',
    '複合機の宛先登録とメールの受信容量を確認してください。',
    'Scans are not delivered',
    'Check the address book entry on the MFP and your mailbox quota.',
    ['scan'],
  ],
  [
    'software.office',
    'Excelが応答しない',
    'アドインを無効にしてセーフモードで起動し、ファイルを修復してください。',
    'Excel is not responding',
    'Start Excel in safe mode without add-ins and repair the file.',
    ['excel', 'office'],
  ],
  [
    'software.office',
    'Wordの文書が開けない',
    '保護ビューを解除し、開いて修復を選んでください。',
    'A Word document will not open',
    'Leave protected view and choose Open and Repair.',
    ['word', 'office'],
  ],
  [
    'software.install',
    'ソフトウェアのインストール依頼',
    '標準ソフトウェア一覧にあるものはポータルから依頼できます。一覧にないものは導入相談をしてください。',
    'Requesting a software installation',
    'Software in the standard list can be requested in the portal; ask for a consultation for anything else.',
    ['install'],
  ],
  [
    'software.consult',
    'フリーソフトを使いたい',
    'セキュリティ確認が必要です。ソフト名・入手元・用途を添えて相談してください。',
    'Using freeware',
    'It needs a security review. Send the name, download source and purpose.',
    ['freeware'],
  ],
  [
    'cloud.m365',
    'Teamsの会議に参加できない',
    'ブラウザー版で参加できるか確認し、アプリのキャッシュを削除してください。',
    'Cannot join a Teams meeting',
    'Try the browser version and clear the app cache.',
    ['teams', 'm365'],
  ],
  [
    'cloud.m365',
    'OneDriveが同期しない',
    '同期を一時停止して再開し、ファイル名に使えない文字がないか確認してください。',
    'OneDrive is not syncing',
    'Pause and resume sync and check for characters not allowed in file names.',
    ['onedrive', 'm365'],
  ],
  [
    'groupware.schedule',
    'スケジュールが共有されない',
    '公開範囲の設定を確認し、相手に閲覧権限を付与してください。',
    'My schedule is not shared',
    'Check the sharing settings and give the other person read access.',
    ['schedule'],
  ],
  [
    'hardware.pc',
    'PCが起動しない',
    '電源ケーブルとバッテリーを確認し、電源ボタンを10秒長押ししてから起動してください。',
    'The PC does not start',
    'Check the power cable and battery, hold the power button for 10 seconds and start again.',
    ['pc'],
  ],
  [
    'hardware.pc',
    'PCの動作が遅い',
    '再起動し、不要なアプリを終了してください。ディスクの空き容量も確認します。',
    'The PC is slow',
    'Restart, close unused apps and check the free disk space.',
    ['pc'],
  ],
  [
    'hardware.peripheral',
    '外付けモニターが映らない',
    'ケーブルの接続と入力切替を確認し、表示設定で複製・拡張を選んでください。',
    'The external monitor shows nothing',
    'Check the cable and the input source and choose duplicate or extend in display settings.',
    ['monitor'],
  ],
  [
    'os.windows',
    'Windows Updateが終わらない',
    '電源を接続したまま待ち、1時間以上進まない場合は再起動してください。',
    'Windows Update does not finish',
    'Keep the PC plugged in; restart if nothing moves for over an hour.',
    ['windows', 'update'],
  ],
  [
    'os.macos',
    'Macでファイル共有に接続できない',
    'Finderの「サーバへ接続」でsmb://から始まるアドレスを入力してください。',
    'Mac cannot reach the file share',
    'In Finder use Connect to Server with an address starting with smb://.',
    ['mac', 'share'],
  ],
  [
    'security.spam',
    '迷惑メールが届いた',
    'リンクや添付を開かずに、迷惑メールとして報告してください。',
    'I received spam',
    'Do not open links or attachments; report it as junk.',
    ['spam'],
  ],
  [
    'security.malware',
    'ウイルス警告が表示された',
    'ネットワークケーブルを抜き、無線LANを切ってからヘルプデスクに電話してください。',
    'A virus warning appeared',
    'Unplug the network cable, switch Wi-Fi off and call the service desk.',
    ['virus'],
  ],
  [
    'file-conversion',
    '一太郎のファイルをWordに変換したい',
    'ヘルプデスクで変換します。ファイルを添付して依頼してください。',
    'Converting Ichitaro files to Word',
    'The service desk converts them; attach the file to your request.',
    ['conversion'],
  ],
  [
    'overseas.travel',
    '出張先からメールを使いたい',
    '出張前にVPNと多要素認証の動作を確認してください。現地のWi-Fiでの接続手順を案内します。',
    'Using mail on a business trip',
    'Test the VPN and multi-factor sign-in before you travel; we send the steps for hotel Wi-Fi.',
    ['travel', 'vpn'],
  ],
  [
    'overseas.office',
    '海外拠点でプリンターを追加したい',
    '現地のIPアドレスと機種名を添えて依頼してください。',
    'Adding a printer at an overseas office',
    'Send the local IP address and the model name.',
    ['overseas', 'printer'],
  ],
];

const variants: [string, string][] = [
  ['', ''],
  ['（在宅勤務）', ' (working from home)'],
  ['（本部）', ' (headquarters)'],
  ['（地方事務所）', ' (regional office)'],
  ['（Windows 11）', ' (Windows 11)'],
];

/**
 * About 150 bilingual articles for the demo: each everyday topic in a few settings, most published to requesters,
 * some internal, a few drafts and Japanese-only ones, each with its first version.
 */
export async function seedDemoKnowledge(tx: Db, seed = 20261101): Promise<{ articles: number }> {
  const rand = seededRandom(seed);
  const cats = await tx
    .select({ id: ticketCategories.id, code: ticketCategories.code })
    .from(ticketCategories)
    .where(inArray(ticketCategories.code, [...new Set(topics.map((x) => x[0]))]));
  const catId = new Map(cats.map((c) => [c.code, c.id]));
  const rows = variants.flatMap(([vja, ven], v) =>
    topics.map(([code, tja, bja, ten, ben, tags], i) => {
      const n = v * topics.length + i;
      const jaOnly = n % 7 === 3;
      const published = n % 11 !== 5;
      const at = new Date(Date.UTC(2025, 3, 1) + Math.floor(rand() * 400) * 86_400_000);
      return {
        categoryId: catId.get(code) ?? null,
        visibility: n % 5 === 4 ? 'internal' : 'published',
        status: published ? 'published' : 'draft',
        titleJa: `${tja}${vja}`,
        bodyJa: `${bja}\n\n解決しない場合はヘルプデスクへお問い合わせください。`,
        titleEn: jaOnly ? null : `${ten}${ven}`,
        bodyEn: jaOnly ? null : `${ben}\n\nIf this does not help, contact the service desk.`,
        tags,
        screenshotFileIds: [] as string[],
        publishedAt: published ? at : null,
        updatedByLabel: 'demo',
        createdAt: at,
        updatedAt: at,
      };
    }),
  );
  const inserted = await tx.insert(kbArticles).values(rows).returning({ id: kbArticles.id });
  await tx.insert(kbArticleVersions).values(
    rows.map((r, i) => ({
      articleId: inserted[i].id,
      number: 1,
      authorLabel: 'demo',
      createdAt: r.createdAt,
      categoryId: r.categoryId,
      visibility: r.visibility,
      status: r.status,
      titleJa: r.titleJa,
      bodyJa: r.bodyJa,
      titleEn: r.titleEn,
      bodyEn: r.bodyEn,
      tags: r.tags,
      screenshotFileIds: r.screenshotFileIds,
    })),
  );
  return { articles: rows.length };
}
