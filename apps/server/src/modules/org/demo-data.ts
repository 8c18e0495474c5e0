import type { Role } from '@unyo/contracts';

/**
 * The demo agency, built in memory and deterministically (seeded PRNG, fixed reference date): the same
 * sites, departments and ~2,000 people on every run, so screenshots, tests and benchmarks are comparable.
 */

export type DemoSite = {
  code: string;
  kind: 'hq' | 'institute' | 'regional' | 'overseas';
  nameJa: string;
  nameEn: string;
  country: string;
  timeZone: string;
  officeCode: string | null;
  accountCode: string | null;
  staff: number;
};
export type DemoDepartment = { code: string; siteCode: string; nameJa: string; nameEn: string; mail: string };
export type DemoPerson = {
  employeeNumber: string;
  nameKanji: string;
  nameKana: string;
  nameRomaji: string;
  staffType: 'regular' | 'contract' | 'temporary' | 'part_time' | 'project' | 'guest';
  status: 'active' | 'on_leave' | 'transferred' | 'retired';
  siteCode: string;
  departmentCode: string | null;
  email: string;
  extension: string | null;
  startDate: string;
  endDate: string | null;
};
export type DemoAccount = { email: string; role: Role; siteScope: 'all' | 'own' | string; departmentCode: string };

export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_PEOPLE = 2000;
/** Dates are relative to this day, not to "now", so every run yields the same rows. */
const REFERENCE_DATE = '2026-10-01';
const MAIL_DOMAIN = 'example.go.jp';

/** Login users for trying each role; `siteScope` is 'all', 'own' or the code of the one site in scope. */
export const demoAccounts: DemoAccount[] = [
  { email: 'operator@demo.unyo.local', role: 'operator', siteScope: 'all', departmentCode: 'TKY-ISD' },
  { email: 'supervisor@demo.unyo.local', role: 'supervisor', siteScope: 'all', departmentCode: 'TKY-ISD' },
  { email: 'auditor@demo.unyo.local', role: 'auditor', siteScope: 'all', departmentCode: 'TKY-AUD' },
  { email: 'requester@demo.unyo.local', role: 'requester', siteScope: 'own', departmentCode: 'TKY-GA' },
  { email: 'osaka-operator@demo.unyo.local', role: 'operator', siteScope: 'OSA', departmentCode: 'OSA-ISD' },
];

// Staff per office by size class (L/M/S); HQ Tokyo takes what is left of DEMO_PEOPLE.
const regionalStaff = { L: 22, M: 12, S: 8 } as const;
const overseasStaff = { L: 12, M: 5, S: 3 } as const;

const headquarters: DemoSite[] = [
  {
    code: 'TKY',
    kind: 'hq',
    nameJa: '本部（東京）',
    nameEn: 'Headquarters (Tokyo)',
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    officeCode: null,
    accountCode: null,
    staff: 0,
  },
  {
    code: 'OSA',
    kind: 'hq',
    nameJa: '大阪本部',
    nameEn: 'Osaka Headquarters',
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    officeCode: null,
    accountCode: null,
    staff: 150,
  },
  {
    code: 'IDE',
    kind: 'institute',
    nameJa: 'アジア経済研究所',
    nameEn: 'Institute of Developing Economies',
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    officeCode: null,
    accountCode: null,
    staff: 200,
  },
];

// code|city (ja)|city (en)|size — the 40 貿易情報センター.
const regional = `SPK|北海道|Hokkaido|L AOM|青森|Aomori|S MRK|盛岡|Morioka|S SDJ|仙台|Sendai|L AKT|秋田|Akita|S YGT|山形|Yamagata|S
FKS|福島|Fukushima|S IBR|茨城|Ibaraki|M TCG|栃木|Tochigi|M GNM|群馬|Gunma|M STM|埼玉|Saitama|M CHB|千葉|Chiba|M YOK|横浜|Yokohama|L
KIJ|新潟|Niigata|M TOY|富山|Toyama|S KMQ|金沢|Kanazawa|M FKI|福井|Fukui|S NGN|長野|Nagano|M GIF|岐阜|Gifu|S SZO|静岡|Shizuoka|M
NGO|名古屋|Nagoya|L MIE|三重|Mie|S SIG|滋賀|Shiga|S KYO|京都|Kyoto|L UKB|神戸|Kobe|L TTJ|鳥取|Tottori|S IZO|松江|Matsue|S
OKJ|岡山|Okayama|M HIJ|広島|Hiroshima|M YGC|山口|Yamaguchi|S TKS|徳島|Tokushima|S TAK|香川|Kagawa|S MYJ|愛媛|Ehime|S KCZ|高知|Kochi|S
FUK|福岡|Fukuoka|L NGS|長崎|Nagasaki|S KMJ|熊本|Kumamoto|M OIT|大分|Oita|S KOJ|鹿児島|Kagoshima|S OKA|沖縄|Okinawa|M`;

// Account-code prefix → code|country|IANA zone|city (ja)|city (en)|size. Office code = country-code.
const overseas: [string, string][] = [
  [
    '51',
    `NYC|US|America/New_York|ニューヨーク|New York|L LAX|US|America/Los_Angeles|ロサンゼルス|Los Angeles|L CHI|US|America/Chicago|シカゴ|Chicago|M
    HOU|US|America/Chicago|ヒューストン|Houston|S SFO|US|America/Los_Angeles|サンフランシスコ|San Francisco|M ATL|US|America/New_York|アトランタ|Atlanta|S
    YTO|CA|America/Toronto|トロント|Toronto|M`,
  ],
  [
    '52',
    `MEX|MX|America/Mexico_City|メキシコ|Mexico City|M SAO|BR|America/Sao_Paulo|サンパウロ|São Paulo|L BUE|AR|America/Argentina/Buenos_Aires|ブエノスアイレス|Buenos Aires|S
    SCL|CL|America/Santiago|サンティアゴ|Santiago|S LIM|PE|America/Lima|リマ|Lima|S BOG|CO|America/Bogota|ボゴタ|Bogotá|S`,
  ],
  [
    '53',
    `LON|GB|Europe/London|ロンドン|London|L PAR|FR|Europe/Paris|パリ|Paris|L FRA|DE|Europe/Berlin|フランクフルト|Frankfurt|M BER|DE|Europe/Berlin|ベルリン|Berlin|S
    DUS|DE|Europe/Berlin|デュッセルドルフ|Düsseldorf|M MUC|DE|Europe/Berlin|ミュンヘン|Munich|S MIL|IT|Europe/Rome|ミラノ|Milan|M MAD|ES|Europe/Madrid|マドリード|Madrid|M
    AMS|NL|Europe/Amsterdam|アムステルダム|Amsterdam|M BRU|BE|Europe/Brussels|ブリュッセル|Brussels|M GVA|CH|Europe/Zurich|ジュネーブ|Geneva|S VIE|AT|Europe/Vienna|ウィーン|Vienna|M
    STO|SE|Europe/Stockholm|ストックホルム|Stockholm|S WAW|PL|Europe/Warsaw|ワルシャワ|Warsaw|S PRG|CZ|Europe/Prague|プラハ|Prague|S BUD|HU|Europe/Budapest|ブダペスト|Budapest|S
    BUH|RO|Europe/Bucharest|ブカレスト|Bucharest|S IST|TR|Europe/Istanbul|イスタンブール|Istanbul|M MOW|RU|Europe/Moscow|モスクワ|Moscow|M IEV|UA|Europe/Kyiv|キーウ|Kyiv|S
    TAS|UZ|Asia/Tashkent|タシケント|Tashkent|S`,
  ],
  [
    '54',
    `DXB|AE|Asia/Dubai|ドバイ|Dubai|L RUH|SA|Asia/Riyadh|リヤド|Riyadh|S THR|IR|Asia/Tehran|テヘラン|Tehran|S TLV|IL|Asia/Jerusalem|テルアビブ|Tel Aviv|S`,
  ],
  [
    '55',
    `CAI|EG|Africa/Cairo|カイロ|Cairo|S JNB|ZA|Africa/Johannesburg|ヨハネスブルク|Johannesburg|S NBO|KE|Africa/Nairobi|ナイロビ|Nairobi|S
    LOS|NG|Africa/Lagos|ラゴス|Lagos|S ABJ|CI|Africa/Abidjan|アビジャン|Abidjan|S CAS|MA|Africa/Casablanca|カサブランカ|Casablanca|S`,
  ],
  [
    '56',
    `DEL|IN|Asia/Kolkata|ニューデリー|New Delhi|L BOM|IN|Asia/Kolkata|ムンバイ|Mumbai|M MAA|IN|Asia/Kolkata|チェンナイ|Chennai|M BLR|IN|Asia/Kolkata|ベンガルール|Bengaluru|M
    DAC|BD|Asia/Dhaka|ダッカ|Dhaka|S CMB|LK|Asia/Colombo|コロンボ|Colombo|S KHI|PK|Asia/Karachi|カラチ|Karachi|S`,
  ],
  [
    '57',
    `RGN|MM|Asia/Yangon|ヤンゴン|Yangon|S BKK|TH|Asia/Bangkok|バンコク|Bangkok|L HAN|VN|Asia/Ho_Chi_Minh|ハノイ|Hanoi|M SGN|VN|Asia/Ho_Chi_Minh|ホーチミン|Ho Chi Minh City|M
    PNH|KH|Asia/Phnom_Penh|プノンペン|Phnom Penh|S VTE|LA|Asia/Vientiane|ビエンチャン|Vientiane|S KUL|MY|Asia/Kuala_Lumpur|クアラルンプール|Kuala Lumpur|M
    SIN|SG|Asia/Singapore|シンガポール|Singapore|L JKT|ID|Asia/Jakarta|ジャカルタ|Jakarta|M MNL|PH|Asia/Manila|マニラ|Manila|M`,
  ],
  [
    '58',
    `BJS|CN|Asia/Shanghai|北京|Beijing|L SHA|CN|Asia/Shanghai|上海|Shanghai|L CAN|CN|Asia/Shanghai|広州|Guangzhou|M DLC|CN|Asia/Shanghai|大連|Dalian|M
    TAO|CN|Asia/Shanghai|青島|Qingdao|S WUH|CN|Asia/Shanghai|武漢|Wuhan|S CTU|CN|Asia/Shanghai|成都|Chengdu|S HKG|HK|Asia/Hong_Kong|香港|Hong Kong|L
    TPE|TW|Asia/Taipei|台北|Taipei|M SEL|KR|Asia/Seoul|ソウル|Seoul|L ULN|MN|Asia/Ulaanbaatar|ウランバートル|Ulaanbaatar|S`,
  ],
  ['59', `SYD|AU|Australia/Sydney|シドニー|Sydney|M MEL|AU|Australia/Melbourne|メルボルン|Melbourne|S AKL|NZ|Pacific/Auckland|オークランド|Auckland|S`],
];

// code|name (ja)|name (en)|mailbox — HQ divisions, the institute's planning division and research groups.
const divisions = `TKY-ISD|情報システム課|Information Systems Division|isd
TKY-GA|総務課|General Affairs Division|soumu
TKY-HR|人事課|Human Resources Division|jinji
TKY-ACC|経理課|Accounting Division|keiri
TKY-PR|広報課|Public Relations Division|kouhou
TKY-PRC|調達課|Procurement Division|choutatsu
TKY-AUD|監査室|Internal Audit Office|kansa
TKY-PLN|経営企画課|Corporate Planning Division|keiei-kikaku
TKY-RSK|危機管理課|Risk Management Division|kikikanri
TKY-REG|国内事務所運営課|Domestic Offices Division|kokunai
TKY-OVS|海外事務所運営課|Overseas Offices Division|kaigai
TKY-TIC|貿易投資相談課|Trade and Investment Advisory Division|soudan
TKY-RES-P|調査部 企画課|Research Department, Planning Division|chousa-kikaku
TKY-INV-P|対日投資部 企画課|Invest Japan Department, Planning Division|invest-kikaku
TKY-DGT-P|デジタル貿易・新産業部 企画課|Digital Trade and New Industries Department, Planning Division|digital-kikaku
TKY-AGR-P|農林水産食品部 企画課|Agriculture, Forestry, Fisheries and Food Department, Planning Division|agri-kikaku
TKY-BIZ-P|ビジネス展開・人材支援部 企画課|Business Development Support Department, Planning Division|biz-kikaku
TKY-EXH-P|展示事業部 企画課|Exhibitions Department, Planning Division|tenji-kikaku
OSA-GA|大阪総務課|Osaka General Affairs|osaka-soumu
OSA-ACC|大阪経理課|Osaka Accounting|osaka-keiri
OSA-ISD|大阪情報システム係|Osaka Information Systems Section|osaka-isd
OSA-BIZ|大阪ビジネス展開課|Osaka Business Development Division|osaka-biz
OSA-TIC|大阪貿易投資相談課|Osaka Trade and Investment Advisory Division|osaka-soudan
IDE-RPD|研究企画課|Research Planning Division|ide-kikaku
IDE-GA|研究所総務課|Institute General Affairs Division|ide-soumu
IDE-LIB|図書館|Library|ide-library
IDE-DEV|開発研究センター|Development Studies Center|ide-dsc
IDE-IDR|新領域研究センター|Inter-disciplinary Studies Center|ide-isc
IDE-EAS|東アジア研究グループ|East Asian Studies Group|ide-eas
IDE-SEA|東南アジア研究グループ|Southeast Asian Studies Group|ide-sea
IDE-SAS|南アジア研究グループ|South Asian Studies Group|ide-sas
IDE-MEA|中東・アフリカ研究グループ|Middle Eastern and African Studies Group|ide-mea
IDE-LAT|ラテンアメリカ研究グループ|Latin American Studies Group|ide-lat`;

/** Offices large enough to be their own department; the others have staff without a department. */
const officesWithDepartment = 'SPK SDJ YOK KIJ KMQ SZO NGO KYO UKB HIJ FUK OKA NYC LAX CHI LON PAR FRA BKK SIN SHA BJS HKG SEL SAO DXB DEL'.split(' ');

const rows = (text: string) =>
  text
    .trim()
    .split(/\s+(?=[A-Z]{3}\|)/)
    .map((r) => r.split('|'));

export function buildDemoSites(): DemoSite[] {
  const domestic = rows(regional).map(
    ([code, ja, en, size]): DemoSite => ({
      code,
      kind: 'regional',
      nameJa: `${ja}貿易情報センター`,
      nameEn: `${en} Trade Information Center`,
      country: 'JP',
      timeZone: 'Asia/Tokyo',
      officeCode: null,
      accountCode: null,
      staff: regionalStaff[size as keyof typeof regionalStaff],
    }),
  );
  const abroad = overseas.flatMap(([prefix, text]) =>
    rows(text).map(
      ([code, country, timeZone, ja, en, size], i): DemoSite => ({
        code,
        kind: 'overseas',
        nameJa: `${ja}事務所`,
        nameEn: `${en} Office`,
        country,
        timeZone,
        officeCode: `${country}-${code}`,
        accountCode: `${prefix}${String(i + 1).padStart(2, '0')}`,
        staff: overseasStaff[size as keyof typeof overseasStaff],
      }),
    ),
  );
  const others = [...headquarters.slice(1), ...domestic, ...abroad].reduce((n, s) => n + s.staff, 0);
  return [{ ...headquarters[0], staff: DEMO_PEOPLE - others }, ...headquarters.slice(1), ...domestic, ...abroad];
}

export function buildDemoDepartments(sites: DemoSite[]): DemoDepartment[] {
  const fixed = divisions.split('\n').map((line) => {
    const [code, nameJa, nameEn, box] = line.split('|');
    return { code, siteCode: code.slice(0, 3), nameJa, nameEn, mail: `${box}@${MAIL_DOMAIN}` };
  });
  const offices = officesWithDepartment.map((code) => {
    const site = sites.find((s) => s.code === code);
    if (!site) throw new Error(`demo data: no site ${code}`);
    return { code: `${code}-OFF`, siteCode: code, nameJa: site.nameJa, nameEn: site.nameEn, mail: `${code.toLowerCase()}@${MAIL_DOMAIN}` };
  });
  return [...fixed, ...offices];
}

// kanji:kana:romaji (Hepburn without macrons, as on passports), most common first; 髙橋, 山﨑 and 德永 are
// CP932 extension kanji that older systems mangle, so they belong in any realistic test set.
const familyNames = `佐藤:サトウ:Sato 鈴木:スズキ:Suzuki 高橋:タカハシ:Takahashi 田中:タナカ:Tanaka 伊藤:イトウ:Ito 渡辺:ワタナベ:Watanabe
山本:ヤマモト:Yamamoto 中村:ナカムラ:Nakamura 小林:コバヤシ:Kobayashi 加藤:カトウ:Kato 吉田:ヨシダ:Yoshida 山田:ヤマダ:Yamada
佐々木:ササキ:Sasaki 山口:ヤマグチ:Yamaguchi 松本:マツモト:Matsumoto 井上:イノウエ:Inoue 木村:キムラ:Kimura 林:ハヤシ:Hayashi
斎藤:サイトウ:Saito 清水:シミズ:Shimizu 山崎:ヤマザキ:Yamazaki 森:モリ:Mori 池田:イケダ:Ikeda 橋本:ハシモト:Hashimoto 阿部:アベ:Abe
石川:イシカワ:Ishikawa 山下:ヤマシタ:Yamashita 中島:ナカジマ:Nakajima 石井:イシイ:Ishii 小川:オガワ:Ogawa 前田:マエダ:Maeda
岡田:オカダ:Okada 長谷川:ハセガワ:Hasegawa 藤田:フジタ:Fujita 後藤:ゴトウ:Goto 近藤:コンドウ:Kondo 村上:ムラカミ:Murakami
遠藤:エンドウ:Endo 青木:アオキ:Aoki 坂本:サカモト:Sakamoto 斉藤:サイトウ:Saito 福田:フクダ:Fukuda 太田:オオタ:Ota 西村:ニシムラ:Nishimura
藤井:フジイ:Fujii 金子:カネコ:Kaneko 岡本:オカモト:Okamoto 藤原:フジワラ:Fujiwara 中野:ナカノ:Nakano 三浦:ミウラ:Miura 原田:ハラダ:Harada
中川:ナカガワ:Nakagawa 松田:マツダ:Matsuda 竹内:タケウチ:Takeuchi 小野:オノ:Ono 田村:タムラ:Tamura 中山:ナカヤマ:Nakayama 和田:ワダ:Wada
石田:イシダ:Ishida 森田:モリタ:Morita 上田:ウエダ:Ueda 原:ハラ:Hara 内田:ウチダ:Uchida 柴田:シバタ:Shibata 酒井:サカイ:Sakai
宮崎:ミヤザキ:Miyazaki 横山:ヨコヤマ:Yokoyama 高木:タカギ:Takagi 安藤:アンドウ:Ando 宮本:ミヤモト:Miyamoto 大野:オオノ:Ono 小島:コジマ:Kojima
谷口:タニグチ:Taniguchi 今井:イマイ:Imai 工藤:クドウ:Kudo 高田:タカダ:Takada 増田:マスダ:Masuda 丸山:マルヤマ:Maruyama 杉山:スギヤマ:Sugiyama
村田:ムラタ:Murata 大塚:オオツカ:Otsuka 新井:アライ:Arai 小山:コヤマ:Koyama 平野:ヒラノ:Hirano 藤本:フジモト:Fujimoto 河野:コウノ:Kono
上野:ウエノ:Ueno 野口:ノグチ:Noguchi 武田:タケダ:Takeda 松井:マツイ:Matsui 千葉:チバ:Chiba 岩崎:イワサキ:Iwasaki 菅原:スガワラ:Sugawara
木下:キノシタ:Kinoshita 久保:クボ:Kubo 佐野:サノ:Sano 野村:ノムラ:Nomura 松尾:マツオ:Matsuo 市川:イチカワ:Ichikawa 菊地:キクチ:Kikuchi
髙橋:タカハシ:Takahashi 山﨑:ヤマザキ:Yamazaki 德永:トクナガ:Tokunaga`;

const givenNames = `太郎:タロウ:Taro 一郎:イチロウ:Ichiro 健一:ケンイチ:Kenichi 大輔:ダイスケ:Daisuke 翔太:ショウタ:Shota 健太:ケンタ:Kenta
拓也:タクヤ:Takuya 直樹:ナオキ:Naoki 誠:マコト:Makoto 浩:ヒロシ:Hiroshi 隆:タカシ:Takashi 翔:ショウ:Sho 大樹:ダイキ:Daiki 悠斗:ユウト:Yuto
蓮:レン:Ren 陽翔:ハルト:Haruto 亮:リョウ:Ryo 剛:ツヨシ:Tsuyoshi 修:オサム:Osamu 聡:サトシ:Satoshi 学:マナブ:Manabu 哲也:テツヤ:Tetsuya
和也:カズヤ:Kazuya 達也:タツヤ:Tatsuya 雄一:ユウイチ:Yuichi 俊介:シュンスケ:Shunsuke 康弘:ヤスヒロ:Yasuhiro 昌弘:マサヒロ:Masahiro
正人:マサト:Masato 秀樹:ヒデキ:Hideki 洋平:ヨウヘイ:Yohei 航:ワタル:Wataru 拓海:タクミ:Takumi 翼:ツバサ:Tsubasa 慎吾:シンゴ:Shingo
圭:ケイ:Kei 浩二:コウジ:Koji 純一:ジュンイチ:Junichi 博之:ヒロユキ:Hiroyuki 智也:トモヤ:Tomoya 祐介:ユウスケ:Yusuke 勇気:ユウキ:Yuki
克也:カツヤ:Katsuya 裕太:ユウタ:Yuta 賢治:ケンジ:Kenji 光:ヒカル:Hikaru 悟:サトル:Satoru 進:ススム:Susumu 徹:トオル:Toru 涼介:リョウスケ:Ryosuke 誠一:セイイチ:Seiichi
花子:ハナコ:Hanako 美咲:ミサキ:Misaki さくら:サクラ:Sakura 由美:ユミ:Yumi 陽子:ヨウコ:Yoko 恵子:ケイコ:Keiko 裕子:ユウコ:Yuko
真由美:マユミ:Mayumi 直美:ナオミ:Naomi 愛:アイ:Ai 結衣:ユイ:Yui 葵:アオイ:Aoi 陽菜:ヒナ:Hina 美穂:ミホ:Miho 麻衣:マイ:Mai 彩:アヤ:Aya
千尋:チヒロ:Chihiro 優子:ユウコ:Yuko 久美子:クミコ:Kumiko 智子:トモコ:Tomoko 明美:アケミ:Akemi 幸子:サチコ:Sachiko 典子:ノリコ:Noriko
香織:カオリ:Kaori 沙織:サオリ:Saori 友美:トモミ:Tomomi 恵:メグミ:Megumi 真理:マリ:Mari 奈々:ナナ:Nana 遥:ハルカ:Haruka 美紀:ミキ:Miki
理恵:リエ:Rie 由紀:ユキ:Yuki 亜希子:アキコ:Akiko 瞳:ヒトミ:Hitomi 彩花:アヤカ:Ayaka 美月:ミズキ:Mizuki 七海:ナナミ:Nanami 凛:リン:Rin
紗希:サキ:Saki 菜摘:ナツミ:Natsumi 真央:マオ:Mao 京子:キョウコ:Kyoko 明日香:アスカ:Asuka 梨沙:リサ:Risa 晴美:ハルミ:Harumi
静香:シズカ:Shizuka 舞:マイ:Mai 綾乃:アヤノ:Ayano`;

export type NameParts = { kanji: string; kana: string; romaji: string };
const nameTable = (text: string): NameParts[] =>
  text.split(/\s+/).map((entry) => {
    const [kanji, kana, romaji] = entry.split(':');
    return { kanji, kana, romaji };
  });
export const demoFamilyNames = nameTable(familyNames);
export const demoGivenNames = nameTable(givenNames);

/** mulberry32: small, fast and good enough to shuffle demo data; the same seed gives the same agency. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const staffTypes = ['regular', 'contract', 'temporary', 'part_time', 'project', 'guest'] as const;
// Percentages by site kind: overseas offices hire local contract staff; the institute hosts visiting researchers.
const staffMix: Record<DemoSite['kind'], number[]> = {
  hq: [60, 17, 10, 8, 3, 2],
  institute: [55, 18, 6, 8, 6, 7],
  regional: [66, 15, 8, 9, 1, 1],
  overseas: [55, 35, 3, 5, 1, 1],
};
const extensionPrefix: Record<string, string> = { TKY: '3', OSA: '6', IDE: '7' };

const DAY = 86_400_000;
const REF = Date.parse(REFERENCE_DATE);
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Builds the whole agency; `seed` changes the people, never the sites or departments. */
export function buildDemoAgency(seed = 20260401) {
  const sites = buildDemoSites();
  const departments = buildDemoDepartments(sites);
  const rnd = seededRandom(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const weighted = (weights: number[]) => {
    let r = rnd() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < weights.length - 1; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  };
  const daysBefore = (ms: number, maxDays: number) => ms - int(maxDays) * DAY;
  const counters = new Map<string, number>();
  const nextNumber = (key: string) => {
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return n;
  };

  const people: DemoPerson[] = [];
  for (const site of sites) {
    const siteDepartments = departments.filter((d) => d.siteCode === site.code).map((d) => d.code);
    for (let i = 0; i < site.staff; i++) {
      const staffType = staffTypes[weighted(staffMix[site.kind])];
      // Common names come up more often: square the draw to skew towards the head of the table.
      const family = demoFamilyNames[Math.floor(rnd() ** 2 * demoFamilyNames.length)];
      const given = demoGivenNames[int(demoGivenNames.length)];

      let start: number;
      if (staffType === 'regular') start = rnd() < 0.8 ? Date.UTC(1996 + int(31), 3, 1) : daysBefore(REF, 30 * 365);
      else if (staffType === 'contract') start = daysBefore(REF, 12 * 365);
      else if (staffType === 'part_time') start = daysBefore(REF, 5 * 365);
      else if (staffType === 'temporary') start = daysBefore(REF, 3 * 365);
      else start = daysBefore(REF, 2 * 365);

      let status: DemoPerson['status'] = 'active';
      let end: number | null = null;
      const r = rnd();
      const leftBefore = () => start + int(Math.max(1, (REF - start) / DAY)) * DAY;
      if (staffType === 'project' || staffType === 'guest') {
        // Fixed-term IDs: the end date may lie ahead; past it, the ID is retired.
        end = start + (365 + int(2 * 365)) * DAY;
        if (end < REF) status = 'retired';
      } else if (staffType === 'regular' || staffType === 'contract') {
        if (r < 0.04) status = 'on_leave';
        else if (r < 0.08) [status, end] = ['transferred', leftBefore()];
        else if (r < 0.12) [status, end] = ['retired', leftBefore()];
      } else if (r < 0.1) [status, end] = ['retired', leftBefore()];

      const year = new Date(start).getUTCFullYear();
      const employeeNumber =
        staffType === 'regular'
          ? `${String(year % 100).padStart(2, '0')}${String(nextNumber(`y${year}`)).padStart(4, '0')}`
          : `${{ contract: 'S', temporary: 'H', part_time: 'A', project: 'P', guest: 'G' }[staffType]}${String(nextNumber(staffType)).padStart(5, '0')}`;
      const local = `${given.romaji}.${family.romaji}`.toLowerCase();
      const dup = nextNumber(`m${local}`);
      const prefix = site.kind === 'overseas' ? '' : (extensionPrefix[site.code] ?? '8');
      people.push({
        employeeNumber,
        nameKanji: `${family.kanji} ${given.kanji}`,
        nameKana: `${family.kana} ${given.kana}`,
        nameRomaji: `${given.romaji} ${family.romaji}`,
        staffType,
        status,
        siteCode: site.code,
        departmentCode: siteDepartments.length ? siteDepartments[int(siteDepartments.length)] : null,
        email: `${local}${dup > 1 ? dup : ''}@${MAIL_DOMAIN}`,
        extension: staffType === 'guest' ? null : `${prefix}${String(int(1000)).padStart(3, '0')}`,
        startDate: isoDate(start),
        endDate: end === null ? null : isoDate(end),
      });
    }
  }

  // Each demo login is linked to its own person: the next active regular employee of its department.
  const taken = new Set<string>();
  const accounts = demoAccounts.map((a) => {
    const person = people.find(
      (p) => p.departmentCode === a.departmentCode && p.status === 'active' && p.staffType === 'regular' && !taken.has(p.employeeNumber),
    );
    if (!person) throw new Error(`demo data: nobody in ${a.departmentCode} for ${a.email}`);
    taken.add(person.employeeNumber);
    return { ...a, employeeNumber: person.employeeNumber };
  });
  return { sites, departments, people, accounts };
}
