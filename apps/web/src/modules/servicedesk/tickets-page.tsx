import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { requesterTypes, resolutionCodes, type TicketListItemDto, ticketChannels, ticketClockStates, ticketPriorities, ticketStatuses } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Segmented, Select, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable, type SortState } from '../../components/data-table.tsx';
import { ImportButton } from '../../components/import-wizard/import-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { choiceOptions, localName } from '../../lib/format.ts';
import { sortFromParams, useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { ReceptionSheetButton } from './reception-sheet-button.tsx';
import { TicketClockTag } from './ticket-clock.tsx';
import { categoryPath, categoryTreeData, formatSiteTime, useSiteZones } from './ticket-format.ts';
import { invalidateTickets, listTickets, ticketKeys, useTicketCategories } from './tickets.api.ts';

const listKeys = [
  'q',
  'status',
  'siteId',
  'channel',
  'assigneeId',
  'categoryId',
  'priority',
  'requesterType',
  'resolutionCode',
  'clock',
  'sort',
  'order',
] as const;
type Preset = 'mine' | 'open' | 'breached' | 'all';

/** The list's sort columns → the API's sort values (`-received` newest first is the default; the clock sorts by nearest due time). */
function apiSort(sort: SortState): string {
  if (sort.key === 'clock') return 'due';
  return sort.order === 'asc' ? 'received' : '-received';
}

export function TicketsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const canCreate = useCan('ticket.create');
  const [params, setParams] = useListParams(listKeys);
  const zones = useSiteZones();
  const categories = useTicketCategories();

  const sort = sortFromParams(params.sort, params.order, { key: 'receivedAt', order: 'desc' });
  const filters = {
    q: params.q,
    status: params.status,
    siteId: params.siteId,
    channel: params.channel,
    assigneeId: params.assigneeId,
    categoryId: params.categoryId,
    priority: params.priority,
    requesterType: params.requesterType,
    resolutionCode: params.resolutionCode,
    clock: params.clock,
  };
  const query = { ...filters, sort: apiSort(sort) };

  const onlyPresetFilters =
    !params.q && !params.siteId && !params.channel && !params.categoryId && !params.priority && !params.requesterType && !params.resolutionCode;
  const preset: Preset | null = !onlyPresetFilters
    ? null
    : params.assigneeId === 'me' && params.status === 'open' && !params.clock
      ? 'mine'
      : !params.assigneeId && params.status === 'open' && !params.clock
        ? 'open'
        : !params.assigneeId && !params.status && params.clock === 'breached'
          ? 'breached'
          : !params.assigneeId && !params.status && !params.clock
            ? 'all'
            : null;
  const applyPreset = (p: Preset) => {
    const cleared = {
      q: undefined,
      siteId: undefined,
      channel: undefined,
      categoryId: undefined,
      priority: undefined,
      requesterType: undefined,
      resolutionCode: undefined,
    };
    if (p === 'mine') setParams({ ...cleared, assigneeId: 'me', status: 'open', clock: undefined });
    else if (p === 'open') setParams({ ...cleared, assigneeId: undefined, status: 'open', clock: undefined });
    else if (p === 'breached') setParams({ ...cleared, assigneeId: undefined, status: undefined, clock: 'breached' });
    else setParams({ ...cleared, assigneeId: undefined, status: undefined, clock: undefined });
  };

  const columns: TableColumnsType<TicketListItemDto> = [
    {
      key: 'number',
      title: t('ticket.number'),
      width: 150,
      render: (_, r) => (
        <Link to={`/tickets/${r.id}`} data-testid="ticket-link">
          {r.number}
        </Link>
      ),
    },
    {
      key: 'receivedAt',
      title: t('ticket.receivedAtLocal'),
      width: 150,
      sorter: true,
      render: (_, r) => formatSiteTime(r.receivedAt, zones.get(r.site.id), locale),
    },
    { key: 'clock', title: t('ticket.clock'), width: 170, sorter: true, render: (_, r) => <TicketClockTag clock={r.clock} /> },
    { key: 'status', title: t('ticket.status'), width: 130, render: (_, r) => <StatusTag items={ticketStatuses.items} value={r.status} /> },
    { key: 'subject', title: t('ticket.subject'), width: 280, ellipsis: true, dataIndex: 'subject' },
    { key: 'requester', title: t('ticket.requester'), width: 160, ellipsis: true, render: (_, r) => r.requesterName ?? t('common.none') },
    { key: 'site', title: t('ticket.site'), width: 160, ellipsis: true, render: (_, r) => localName(r.site, locale) },
    {
      key: 'assignee',
      title: t('ticket.assignee'),
      width: 140,
      ellipsis: true,
      render: (_, r) => r.assignee?.displayName ?? <Typography.Text type="secondary">{t('ticket.unassigned')}</Typography.Text>,
    },
    { key: 'channel', title: t('ticket.channel'), width: 110, render: (_, r) => <StatusTag items={ticketChannels.items} value={r.channel} /> },
    { key: 'priority', title: t('ticket.priority'), width: 90, render: (_, r) => <StatusTag items={ticketPriorities.items} value={r.priority} /> },
    { key: 'category', title: t('ticket.category'), width: 200, ellipsis: true, render: (_, r) => categoryPath(categories.data?.items, r.category, locale) },
    // Last, so the column chooser can hide them on desks that do not sort by who asked or how it ended.
    {
      key: 'requesterType',
      title: t('ticket.requesterType'),
      width: 150,
      render: (_, r) => <StatusTag items={requesterTypes.items} value={r.requesterType} />,
    },
    {
      key: 'resolutionCode',
      title: t('ticket.resolutionCode'),
      width: 170,
      render: (_, r) => <StatusTag items={resolutionCodes.items} value={r.resolutionCode} />,
    },
  ];

  const statusOptions = [{ value: 'open', label: t('ticket.statusOpen') }, ...choiceOptions(ticketStatuses.items, locale)];
  const assigneeOptions = [
    { value: 'me', label: t('ticket.assigneeMe') },
    { value: 'none', label: t('ticket.unassigned') },
  ];

  return (
    <>
      <PageHeader
        title={t('ticket.title')}
        description={t('ticket.description')}
        extra={
          <>
            <ReceptionSheetButton siteId={params.siteId} />
            <ImportButton ledger="tickets" ledgerLabel={t('ticket.title')} permission="ticket.import" onImported={() => void invalidateTickets(qc)} />
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="ticket-create" onClick={() => navigate('/tickets/new')}>
                {t('ticket.create')}
              </Button>
            )}
          </>
        }
      />
      <Segmented
        style={{ marginBottom: 12 }}
        value={preset ?? undefined}
        onChange={(v) => applyPreset(v as Preset)}
        options={[
          { value: 'mine', label: t('ticket.presetMine') },
          { value: 'open', label: t('ticket.presetOpen') },
          { value: 'breached', label: t('ticket.presetBreached') },
          { value: 'all', label: t('ticket.presetAll') },
        ]}
        aria-label={t('ticket.presets')}
        data-testid="ticket-presets"
      />
      <DataTable<TicketListItemDto>
        queryKey={ticketKeys.list(query)}
        fetchPage={(cursor) => listTickets(query, cursor)}
        columns={columns}
        rowKey="id"
        sort={sort}
        onSortChange={(s) => setParams({ sort: s?.key, order: s?.order })}
        // The clocks re-render every 30 s on their own; the list is re-read every minute for new tickets and business-calendar time.
        refetchInterval={60_000}
        ledger="tickets"
        list={{ keys: listKeys, values: params, update: setParams }}
        // The export takes the site filter (and a month); the other list filters do not apply to it.
        exportTo={{ path: '/tickets/export', query: { siteId: params.siteId }, permission: 'ticket.export' }}
        onRowOpen={(r) => navigate(`/tickets/${r.id}`)}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('ticket.searchPlaceholder')} width={280} />
            <Select
              allowClear
              placeholder={t('ticket.status')}
              style={{ width: 150 }}
              value={params.status}
              options={statusOptions}
              onChange={(status?: string) => setParams({ status })}
              aria-label={t('ticket.status')}
              data-testid="ticket-filter-status"
            />
            <SiteSelect
              allowClear
              style={{ width: 200 }}
              value={params.siteId}
              onChange={(siteId?: string) => setParams({ siteId })}
              aria-label={t('ticket.site')}
            />
            <Select
              allowClear
              placeholder={t('ticket.assignee')}
              style={{ width: 140 }}
              value={params.assigneeId}
              options={assigneeOptions}
              onChange={(assigneeId?: string) => setParams({ assigneeId })}
              aria-label={t('ticket.assignee')}
            />
            <Select
              allowClear
              placeholder={t('ticket.channel')}
              style={{ width: 130 }}
              value={params.channel}
              options={choiceOptions(ticketChannels.items, locale)}
              onChange={(channel?: string) => setParams({ channel })}
              aria-label={t('ticket.channel')}
            />
            <TreeSelect
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder={t('ticket.category')}
              style={{ width: 200 }}
              value={params.categoryId}
              treeData={categoryTreeData(categories.data?.items, locale, params.categoryId)}
              onChange={(categoryId?: string) => setParams({ categoryId })}
              aria-label={t('ticket.category')}
            />
            <Select
              allowClear
              placeholder={t('ticket.priority')}
              style={{ width: 110 }}
              value={params.priority}
              options={choiceOptions(ticketPriorities.items, locale)}
              onChange={(priority?: string) => setParams({ priority })}
              aria-label={t('ticket.priority')}
            />
            <Select
              allowClear
              placeholder={t('ticket.requesterType')}
              style={{ width: 150 }}
              value={params.requesterType}
              options={choiceOptions(requesterTypes.items, locale)}
              onChange={(requesterType?: string) => setParams({ requesterType })}
              aria-label={t('ticket.requesterType')}
              data-testid="ticket-filter-requester-type"
            />
            <Select
              allowClear
              placeholder={t('ticket.resolutionCode')}
              style={{ width: 170 }}
              value={params.resolutionCode}
              options={choiceOptions(resolutionCodes.items, locale)}
              onChange={(resolutionCode?: string) => setParams({ resolutionCode })}
              aria-label={t('ticket.resolutionCode')}
              data-testid="ticket-filter-resolution"
            />
            <Select
              allowClear
              placeholder={t('ticket.clock')}
              style={{ width: 130 }}
              value={params.clock}
              options={choiceOptions(ticketClockStates.items, locale)}
              onChange={(clock?: string) => setParams({ clock })}
              aria-label={t('ticket.clock')}
            />
          </>
        }
      />
    </>
  );
}
