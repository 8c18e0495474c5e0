import {
  choiceLabel,
  complianceStatuses,
  IdParams,
  type Locale,
  mediaKinds,
  SoftwareStocktakeCheckInput,
  SoftwareStocktakeCreateInput,
  type SoftwareStocktakeDto,
  SoftwareStocktakeList,
  SoftwareStocktakeDto as StocktakeDto,
  StocktakeMediaList,
} from '@unyo/contracts';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/actor.ts';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { iso } from '../org/org.presenter.ts';
import {
  checkMedia,
  closeStocktake,
  createStocktake,
  findStocktake,
  type LicenseLine,
  licenseLines,
  listStocktakes,
  type StocktakeRow,
  stocktakeMediaLines,
} from './stocktake.service.ts';

async function present(ctx: Ctx, row: StocktakeRow, withLines: boolean): Promise<SoftwareStocktakeDto> {
  const media = await stocktakeMediaLines(ctx.db, row.id, ctx.actor);
  const open = row.status === 'open';
  return {
    id: row.id,
    name: row.name,
    fiscalYear: row.fiscalYear,
    dueOn: row.dueOn,
    status: row.status as 'open' | 'closed',
    closedAt: iso(row.closedAt),
    closedBy: row.closedBy,
    note: row.note,
    media: { total: media.length, checked: media.filter((m) => m.result).length, missing: media.filter((m) => m.result === 'missing').length },
    licenses: withLines ? (open ? await licenseLines(ctx.db) : ((row.snapshot as LicenseLine[] | null) ?? [])) : [],
    version: row.version,
    // Closing covers every site's media, so only a manager who sees all sites closes the agency-wide stock-take.
    abilities: { check: open && can(ctx.actor, 'stocktake.manage'), close: open && can(ctx.actor, 'stocktake.manage') && ctx.actor.visibleSiteIds === null },
  };
}

const H = {
  ja: {
    summary: '概要',
    licenses: 'ライセンスと利用',
    media: '付属品・資料',
    rows: ['棚卸し名', '年度', '状態', '終了日時', '終了者', '付属品・資料（件）', '確認済（件）', '所在不明（件）', '超過製品', '上限間近製品'],
    lic: ['製品', '保有（有効）', '利用', '不足', '検出のみ（台帳未記載）', '台帳のみ（未検出）', '判定'],
    med: ['管理番号', '種別', '名称', '拠点', '保管場所', '結果', '確認日時', '確認者', '備考'],
    open: '実施中',
    closed: '完了',
    present: '所在確認',
    missing: '所在不明',
  },
  en: {
    summary: 'Summary',
    licenses: 'Licences and use',
    media: 'Media and documents',
    rows: ['Stock-take', 'Fiscal year', 'Status', 'Closed at', 'Closed by', 'Media items', 'Checked', 'Missing', 'Products over', 'Products near limit'],
    lic: ['Product', 'Entitled', 'Used', 'Shortfall', 'Detected, not in ledger', 'In ledger, not detected', 'Status'],
    med: ['Item number', 'Kind', 'Title', 'Site', 'Storage location', 'Result', 'Checked at', 'Checked by', 'Note'],
    open: 'Open',
    closed: 'Closed',
    present: 'Present',
    missing: 'Missing',
  },
} satisfies Record<Locale, unknown>;

/** The stock-take's result report (S-4-1-3-1): summary, licences against use, and the media register check. */
async function buildReport(ctx: Ctx, dto: SoftwareStocktakeDto, actor: Actor) {
  const h = H[ctx.locale];
  const media = await stocktakeMediaLines(ctx.db, dto.id, actor);
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet(h.summary);
  const over = dto.licenses.filter((l) => l.status === 'over').length;
  const near = dto.licenses.filter((l) => l.status === 'near').length;
  const values = [
    dto.name,
    dto.fiscalYear,
    dto.status === 'open' ? h.open : h.closed,
    dto.closedAt ?? '',
    dto.closedBy ?? '',
    dto.media.total,
    dto.media.checked,
    dto.media.missing,
    over,
    near,
  ];
  h.rows.forEach((label, i) => {
    s.addRow([label, values[i]]);
  });
  s.getColumn(1).width = 24;
  s.getColumn(2).width = 40;
  const l = wb.addWorksheet(h.licenses, { views: [{ state: 'frozen', ySplit: 1 }] });
  l.addRow(h.lic).font = { bold: true };
  for (const x of dto.licenses)
    l.addRow([
      x.product,
      x.entitled,
      x.consumed,
      x.shortfall,
      x.detectedUnrecorded,
      x.recordedUndetected,
      choiceLabel(complianceStatuses.items, x.status, ctx.locale),
    ]);
  l.getColumn(1).width = 40;
  const m = wb.addWorksheet(h.media, { views: [{ state: 'frozen', ySplit: 1 }] });
  m.addRow(h.med).font = { bold: true };
  for (const x of media)
    m.addRow([
      x.item_number,
      choiceLabel(mediaKinds.items, x.kind, ctx.locale),
      x.title,
      ctx.locale === 'ja' ? x.site_name_ja : x.site_name_en,
      x.storage_location,
      x.result ? h[x.result] : '',
      x.checked_at ? iso(x.checked_at) : '',
      x.checked_by ?? '',
      x.note ?? '',
    ]);
  m.getColumn(3).width = 36;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Annual software stock-take (S-4-1-3-1); the hardware stock-take permissions cover it. */
export async function softwareStocktakeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['software'];
  const read = { guard: 'stocktake.read' } as const;
  const manage = { guard: 'stocktake.manage' } as const;

  r.get('/software-stocktakes', { schema: { tags, response: { 200: SoftwareStocktakeList } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const rows = await listStocktakes(ctx.db);
    return { items: await Promise.all(rows.map(async (row) => (({ licenses: _l, ...rest }) => rest)(await present(ctx, row, false)))) };
  });
  r.post(
    '/software-stocktakes',
    { schema: { tags, body: SoftwareStocktakeCreateInput, response: { 201: StocktakeDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createStocktake(ctx, req.body);
      return reply.status(201).send(await present(ctx, (await findStocktake(ctx.db, id))!, true));
    },
  );
  r.get('/software-stocktakes/:id', { schema: { tags, params: IdParams, response: { 200: StocktakeDto } }, config: read }, async (req, reply) => {
    const ctx = ctxOf(req);
    const row = await findStocktake(ctx.db, req.params.id);
    if (!row) throw notFound();
    setEtag(reply, row.version);
    return present(ctx, row, true);
  });
  r.get(
    '/software-stocktakes/:id/media',
    { schema: { tags, params: IdParams, response: { 200: StocktakeMediaList } }, config: { ...read, scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      if (!(await findStocktake(ctx.db, req.params.id))) throw notFound();
      const lines = await stocktakeMediaLines(ctx.db, req.params.id, ctx.actor);
      return {
        items: lines.map((x) => ({
          media: { id: x.id, itemNumber: x.item_number, title: x.title, kind: x.kind, storageLocation: x.storage_location },
          site: { id: x.site_id, code: x.site_code, nameJa: x.site_name_ja, nameEn: x.site_name_en },
          result: x.result,
          checkedAt: iso(x.checked_at),
          checkedBy: x.checked_by,
          note: x.note,
        })),
      };
    },
  );
  r.post('/software-stocktakes/:id/checks', { schema: { tags, params: IdParams, body: SoftwareStocktakeCheckInput }, config: manage }, async (req, reply) => {
    await checkMedia(ctxOf(req), req.params.id, req.body);
    return reply.status(204).send();
  });
  r.post('/software-stocktakes/:id/close', { schema: { tags, params: IdParams, response: { 200: StocktakeDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    await closeStocktake(ctx, req.params.id, expectedVersion(req));
    const row = (await findStocktake(ctx.db, req.params.id))!;
    setEtag(reply, row.version);
    return present(ctx, row, true);
  });
  r.get('/software-stocktakes/:id/report.xlsx', { schema: { tags, params: IdParams }, config: read }, async (req, reply) => {
    const ctx = ctxOf(req);
    const row = await findStocktake(ctx.db, req.params.id);
    if (!row) throw notFound();
    const buffer = await buildReport(ctx, await present(ctx, row, true), ctx.actor);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="software-stocktake-${row.fiscalYear}.xlsx"`);
    return reply.send(buffer);
  });
}
