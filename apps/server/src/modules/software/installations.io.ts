import { Id, installationStatuses, SoftwareInstallationCreateInput, type SoftwareInstallationExportQuery } from '@unyo/contracts';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { defineLedgerIo, type Existing, inJson, type Value } from '../../platform/files/ledger-io.ts';
import { hardwareAssets } from '../assets/assets.table.ts';
import { departmentRefs } from '../org/departments.io.ts';
import { sites } from '../org/org.table.ts';
import { installationFilters } from './installations.repo.ts';
import { deviceRefs, licenseRefs } from './licenses.io.ts';
import { softwareInstallations, softwareLicenses } from './software.table.ts';

// The software name is the licence's (2.2.k: taken from the owned ledger): exported for reading, filled from the
// licence on import. siteId (the device's) only labels the import's audit record.
const ImportSchema = SoftwareInstallationCreateInput.safeExtend({
  entryNumber: z.string().trim().min(1).max(50),
  softwareName: z.string().nullable().optional(),
  siteId: Id.optional(),
});

const department = sql<string | null>`(select d.code from departments d where d.id = ${sql.raw('"software_installations"."department_id"')})`;

function select(db: Db) {
  return db
    .select({
      id: softwareInstallations.id,
      siteId: hardwareAssets.siteId,
      version: softwareInstallations.version,
      entryNumber: softwareInstallations.entryNumber,
      appliedOn: softwareInstallations.appliedOn,
      department,
      applicant: softwareInstallations.applicant,
      workedOn: softwareInstallations.workedOn,
      operator: softwareInstallations.operator,
      license: softwareLicenses.assetNumber,
      softwareName: softwareLicenses.softwareName,
      edition: softwareInstallations.edition,
      usedVersion: softwareInstallations.usedVersion,
      language: softwareInstallations.language,
      device: hardwareAssets.assetNumber,
      status: softwareInstallations.status,
      statusNote: softwareInstallations.statusNote,
      note: softwareInstallations.note,
    })
    .from(softwareInstallations)
    .innerJoin(softwareLicenses, eq(softwareLicenses.id, softwareInstallations.licenseId))
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, softwareInstallations.deviceId))
    .innerJoin(sites, eq(sites.id, hardwareAssets.siteId));
}

const valuesOf = ({ id: _i, siteId: _s, version: _v, ...values }: Record<string, unknown>) => values as Record<string, Value>;

/** ソフトウェア使用台帳 (2.2.k): natural key 管理番号; licence and device by asset number, department by code. */
export const installationsIo = defineLedgerIo<SoftwareInstallationExportQuery>({
  name: 'software-installations',
  entity: 'software-installation',
  label: { ja: 'ソフトウェア使用台帳', en: 'Software usage ledger' },
  naturalKey: 'entryNumber',
  schema: ImportSchema,
  columns: [
    { key: 'entryNumber', ja: '管理番号', en: 'Entry number', aliases: ['No', '番号', 'ID'], type: 'code', required: true, width: 12 },
    { key: 'appliedOn', ja: '申請日', en: 'Applied on', type: 'date', width: 12 },
    {
      key: 'department',
      ja: '申請部署',
      en: 'Department',
      aliases: ['申請部署コード', '部署コード'],
      type: 'ref',
      field: 'departmentId',
      ref: { load: departmentRefs },
      width: 12,
    },
    { key: 'applicant', ja: '申請者', en: 'Applicant', type: 'text', width: 14 },
    { key: 'workedOn', ja: '作業日', en: 'Work date', type: 'date', width: 12 },
    { key: 'operator', ja: '作業者', en: 'Worker', type: 'text', width: 14 },
    {
      key: 'license',
      ja: 'ソフトウェア資産の資産管理番号',
      en: 'Licence asset number',
      aliases: ['資産管理番号', 'ライセンス資産管理番号'],
      type: 'ref',
      field: 'licenseId',
      ref: { load: licenseRefs },
      required: true,
      width: 16,
    },
    { key: 'softwareName', ja: 'ソフトウェア名', en: 'Software name', type: 'text', width: 28 },
    { key: 'edition', ja: '実際に使用するエディション', en: 'Edition used', aliases: ['エディション'], type: 'text', width: 14 },
    { key: 'usedVersion', ja: '実際に使用するバージョン', en: 'Version used', aliases: ['バージョン'], type: 'text', width: 12 },
    { key: 'language', ja: '実際に使用する言語', en: 'Language used', aliases: ['言語'], type: 'text', width: 10 },
    {
      key: 'device',
      ja: 'インストール対象機器の資産管理番号',
      en: 'Device asset number',
      aliases: ['対象機器', '機器資産管理番号'],
      type: 'ref',
      field: 'deviceId',
      ref: { load: deviceRefs },
      required: true,
      width: 16,
    },
    { key: 'status', ja: 'ステータス', en: 'Status', aliases: ['状態'], type: 'enum', choices: installationStatuses.items, required: true, width: 16 },
    { key: 'statusNote', ja: 'ステータス（その他）', en: 'Status (other)', type: 'text', width: 16 },
    { key: 'note', ja: '備考', en: 'Note', type: 'text', width: 24 },
  ],

  async loadExisting(db, keys) {
    const rows = await select(db).where(inJson(softwareInstallations.entryNumber, keys));
    return new Map<string, Existing>(rows.map((r) => [r.entryNumber, { id: r.id, siteId: r.siteId, version: r.version, values: valuesOf(r) }]));
  },

  check({ values, refs, input }) {
    if (refs.license) {
      values.softwareName = String(refs.license.softwareName);
      input.softwareName = values.softwareName;
    }
    if (refs.device?.siteId) input.siteId = refs.device.siteId;
  },

  siteOf: (_id, output) => (output.siteId as string | undefined) ?? null,

  write: {
    table: 'software_installations',
    key: 'entry_number',
    columns: {
      entry_number: ['text', 'entryNumber'],
      applied_on: ['date', 'appliedOn'],
      department_id: ['uuid', 'departmentId'],
      applicant: ['text', 'applicant'],
      worked_on: ['date', 'workedOn'],
      operator: ['text', 'operator'],
      license_id: ['uuid', 'licenseId'],
      edition: ['text', 'edition'],
      used_version: ['text', 'usedVersion'],
      language: ['text', 'language'],
      device_id: ['uuid', 'deviceId'],
      status: ['text', 'status'],
      status_note: ['text', 'statusNote'],
      note: ['text', 'note'],
    },
  },

  async exportPage(db, query, actor, cursor, limit) {
    const rows = await select(db)
      .where(and(installationFilters(query, actor), cursor === null ? undefined : gt(softwareInstallations.entryNumber, cursor)))
      .orderBy(asc(softwareInstallations.entryNumber))
      .limit(limit);
    return { rows: rows.map(valuesOf), next: rows.length === limit ? rows[rows.length - 1].entryNumber : null };
  },
});
