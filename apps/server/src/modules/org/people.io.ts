import { PersonCreateInput, type PersonExportQuery, personStatuses, staffTypes } from '@unyo/contracts';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { defineLedgerIo, type Existing, inJson, type Value } from '../../platform/files/ledger-io.ts';
import { departmentRefs } from './departments.io.ts';
import { departments, people, sites } from './org.table.ts';
import { personFilters } from './people.repo.ts';
import { siteRefs } from './sites.io.ts';

const personColumns = {
  employeeNumber: people.employeeNumber,
  nameKanji: people.nameKanji,
  nameKana: people.nameKana,
  nameRomaji: people.nameRomaji,
  staffType: people.staffType,
  site: sites.code,
  department: departments.code,
  email: people.email,
  extension: people.extension,
  status: people.status,
  startDate: people.startDate,
  endDate: people.endDate,
};

function selectPeople(db: Db) {
  return db
    .select({ id: people.id, siteId: people.siteId, version: people.version, ...personColumns })
    .from(people)
    .innerJoin(sites, eq(sites.id, people.siteId))
    .leftJoin(departments, eq(departments.id, people.departmentId));
}

const valuesOf = ({ id: _id, siteId: _s, version: _v, ...values }: Record<string, unknown>) => values as Record<string, Value>;

/** 職員 ledger: natural key 職員番号; site and department by code. */
export const peopleIo = defineLedgerIo<PersonExportQuery>({
  name: 'people',
  entity: 'person',
  label: { ja: '職員', en: 'People' },
  naturalKey: 'employeeNumber',
  schema: PersonCreateInput,
  columns: [
    {
      key: 'employeeNumber',
      ja: '職員番号',
      en: 'Employee number',
      aliases: ['社員番号', '職員コード', '職員No', '個人番号', 'Employee No', 'Staff number'],
      type: 'code',
      required: true,
      width: 12,
    },
    { key: 'nameKanji', ja: '氏名', en: 'Name', aliases: ['氏名（漢字）', '名前', 'Full name'], type: 'text', required: true, width: 18 },
    { key: 'nameKana', ja: '氏名（カナ）', en: 'Name (kana)', aliases: ['フリガナ', 'ふりがな', 'カナ氏名', 'よみがな', 'Kana'], type: 'text', width: 20 },
    { key: 'nameRomaji', ja: '氏名（ローマ字）', en: 'Name (romaji)', aliases: ['ローマ字氏名', 'ローマ字', 'Romaji'], type: 'text', width: 20 },
    { key: 'staffType', ja: '職員区分', en: 'Staff type', aliases: ['区分', '雇用区分'], type: 'enum', choices: staffTypes.items, required: true, width: 12 },
    { key: 'site', ja: '拠点コード', en: 'Site code', aliases: ['拠点'], type: 'ref', field: 'siteId', ref: { load: siteRefs }, required: true, width: 10 },
    {
      key: 'department',
      ja: '部署コード',
      en: 'Department code',
      aliases: ['所属コード', '部署'],
      type: 'ref',
      field: 'departmentId',
      ref: { load: departmentRefs },
      width: 12,
    },
    { key: 'email', ja: 'メールアドレス', en: 'E-mail', aliases: ['メール', 'Email', 'E-mail address', 'Mail'], type: 'code', width: 28 },
    { key: 'extension', ja: '内線番号', en: 'Extension', aliases: ['内線'], type: 'code', width: 10 },
    { key: 'status', ja: '在籍状況', en: 'Status', aliases: ['在籍区分', '状態'], type: 'enum', choices: personStatuses.items, keepWhenEmpty: true, width: 10 },
    { key: 'startDate', ja: '着任日', en: 'Start date', aliases: ['開始日', '採用日', '入庁日', '着任年月日'], type: 'date', width: 12 },
    { key: 'endDate', ja: '終了日', en: 'End date', aliases: ['離任日', '退職日', '終了年月日'], type: 'date', width: 12 },
  ],

  async loadExisting(db, keys) {
    const rows = await selectPeople(db).where(inJson(people.employeeNumber, keys));
    return new Map<string, Existing>(rows.map((r) => [r.employeeNumber, { id: r.id, siteId: r.siteId, version: r.version, values: valuesOf(r) }]));
  },

  check({ values, refs, input, error }) {
    const dept = refs.department;
    // A department implies its site: a file with only 部署コード still places the person.
    if ((values.site ?? null) === null && dept) {
      values.site = String(dept.siteCode);
      input.siteId = dept.siteId;
      refs.site = { id: String(dept.siteId), siteId: dept.siteId };
    }
    if (dept && refs.site && dept.siteId !== refs.site.id) error('department', 'error.department_site');
  },

  siteOf: (_id, output) => (output.siteId as string | undefined) ?? null,

  write: {
    table: 'people',
    key: 'employee_number',
    columns: {
      employee_number: ['text', 'employeeNumber'],
      name_kanji: ['text', 'nameKanji'],
      name_kana: ['text', 'nameKana'],
      name_romaji: ['text', 'nameRomaji'],
      staff_type: ['text', 'staffType'],
      site_id: ['uuid', 'siteId'],
      department_id: ['uuid', 'departmentId'],
      email: ['text', 'email'],
      extension: ['text', 'extension'],
      status: ['text', 'status'],
      start_date: ['date', 'startDate'],
      end_date: ['date', 'endDate'],
    },
  },

  // Keyset on the unique employee number, with the list's own filters and scope (personFilters).
  async exportPage(db, query, actor, cursor, limit) {
    const rows = await selectPeople(db)
      .where(and(personFilters(query, actor), cursor === null ? undefined : gt(people.employeeNumber, cursor)))
      .orderBy(asc(people.employeeNumber))
      .limit(limit);
    return { rows: rows.map(valuesOf), next: rows.length === limit ? rows[rows.length - 1].employeeNumber : null };
  },
});
