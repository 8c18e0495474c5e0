import { count } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { inTransaction } from '../../platform/http/context.ts';
import { departments, people, sites } from './org.table.ts';

type SiteSeed = [code: string, kind: string, nameJa: string, nameEn: string, country: string, tz: string, officeCode?: string, accountCode?: string];

const siteSeeds: SiteSeed[] = [
  ['TKY', 'hq', '本部（東京）', 'Headquarters (Tokyo)', 'JP', 'Asia/Tokyo'],
  ['OSA', 'hq', '大阪本部', 'Osaka Headquarters', 'JP', 'Asia/Tokyo'],
  ['IDE', 'institute', 'アジア経済研究所', 'Institute of Developing Economies', 'JP', 'Asia/Tokyo'],
  ['SPK', 'regional', '北海道貿易情報センター', 'Hokkaido Trade Information Center', 'JP', 'Asia/Tokyo'],
  ['SDJ', 'regional', '仙台貿易情報センター', 'Sendai Trade Information Center', 'JP', 'Asia/Tokyo'],
  ['NGO', 'regional', '名古屋貿易情報センター', 'Nagoya Trade Information Center', 'JP', 'Asia/Tokyo'],
  ['FUK', 'regional', '福岡貿易情報センター', 'Fukuoka Trade Information Center', 'JP', 'Asia/Tokyo'],
  ['NYC', 'overseas', 'ニューヨーク事務所', 'New York Office', 'US', 'America/New_York', 'US-NYC', '5101'],
  ['PAR', 'overseas', 'パリ事務所', 'Paris Office', 'FR', 'Europe/Paris', 'FR-PAR', '5201'],
  ['LON', 'overseas', 'ロンドン事務所', 'London Office', 'GB', 'Europe/London', 'GB-LON', '5202'],
  ['BKK', 'overseas', 'バンコク事務所', 'Bangkok Office', 'TH', 'Asia/Bangkok', 'TH-BKK', '5301'],
  ['SHA', 'overseas', '上海事務所', 'Shanghai Office', 'CN', 'Asia/Shanghai', 'CN-SHA', '5302'],
  ['SAO', 'overseas', 'サンパウロ事務所', 'São Paulo Office', 'BR', 'America/Sao_Paulo', 'BR-SAO', '5401'],
];

const deptSeeds: [code: string, site: string, nameJa: string, nameEn: string, mail: string | null][] = [
  ['TKY-ISD', 'TKY', '情報システム課', 'Information Systems Division', 'isd@example.go.jp'],
  ['TKY-GA', 'TKY', '総務課', 'General Affairs Division', 'soumu@example.go.jp'],
  ['TKY-HR', 'TKY', '人事課', 'Human Resources Division', 'jinji@example.go.jp'],
  ['OSA-GA', 'OSA', '大阪総務課', 'Osaka General Affairs', 'osaka-soumu@example.go.jp'],
  ['IDE-RPD', 'IDE', '研究企画課', 'Research Planning Division', 'ide-kikaku@example.go.jp'],
  ['NYC-OFF', 'NYC', 'ニューヨーク事務所', 'New York Office', 'nyc@example.go.jp'],
  ['PAR-OFF', 'PAR', 'パリ事務所', 'Paris Office', 'par@example.go.jp'],
];

const peopleSeeds: [num: string, kanji: string, kana: string, romaji: string, staff: string, dept: string][] = [
  ['100001', '山田 太郎', 'ヤマダ タロウ', 'Taro Yamada', 'regular', 'TKY-ISD'],
  ['100002', '佐藤 花子', 'サトウ ハナコ', 'Hanako Sato', 'regular', 'TKY-ISD'],
  ['100003', '鈴木 一郎', 'スズキ イチロウ', 'Ichiro Suzuki', 'contract', 'TKY-GA'],
  ['100004', '髙橋 美咲', 'タカハシ ミサキ', 'Misaki Takahashi', 'temporary', 'TKY-HR'],
  ['100005', '田中 健', 'タナカ ケン', 'Ken Tanaka', 'part_time', 'TKY-GA'],
  ['100006', '伊藤 直樹', 'イトウ ナオキ', 'Naoki Ito', 'regular', 'OSA-GA'],
  ['100007', '渡辺 さくら', 'ワタナベ サクラ', 'Sakura Watanabe', 'regular', 'IDE-RPD'],
  ['100008', '中村 翔', 'ナカムラ ショウ', 'Sho Nakamura', 'project', 'IDE-RPD'],
  ['100009', '小林 由美', 'コバヤシ ユミ', 'Yumi Kobayashi', 'regular', 'NYC-OFF'],
  ['100010', '加藤 大輔', 'カトウ ダイスケ', 'Daisuke Kato', 'guest', 'PAR-OFF'],
];

/** A small demo agency for a first look (issue #3 grows it to the full agency). */
export async function seedDemo(db: Db, opts: { onlyIfEmpty: boolean }): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(sites);
  if (opts.onlyIfEmpty && n > 0) return false;
  await inTransaction(db, async ({ tx }) => {
    const siteRows = await tx
      .insert(sites)
      .values(
        siteSeeds.map(([code, kind, nameJa, nameEn, country, timeZone, officeCode, accountCode]) => ({
          code,
          kind,
          nameJa,
          nameEn,
          country,
          timeZone,
          officeCode,
          accountCode,
        })),
      )
      .returning({ id: sites.id, code: sites.code });
    const siteId = new Map(siteRows.map((s) => [s.code, s.id]));
    const deptRows = await tx
      .insert(departments)
      .values(deptSeeds.map(([code, site, nameJa, nameEn, mail]) => ({ code, siteId: siteId.get(site)!, nameJa, nameEn, mail })))
      .returning({ id: departments.id, code: departments.code, siteId: departments.siteId });
    const dept = new Map(deptRows.map((d) => [d.code, d]));
    await tx.insert(people).values(
      peopleSeeds.map(([employeeNumber, nameKanji, nameKana, nameRomaji, staffType, d]) => ({
        employeeNumber,
        nameKanji,
        nameKana,
        nameRomaji,
        staffType,
        siteId: dept.get(d)!.siteId,
        departmentId: dept.get(d)!.id,
        email: `${nameRomaji.toLowerCase().replace(' ', '.')}@example.go.jp`,
        startDate: '2020-04-01',
      })),
    );
    await writeAudit(
      tx,
      { actor: { userId: null, label: 'system' }, requestId: null },
      {
        action: 'demo.seeded',
        entityType: 'system',
        after: { sites: siteRows.length, departments: deptRows.length, people: peopleSeeds.length },
      },
    );
  });
  return true;
}
