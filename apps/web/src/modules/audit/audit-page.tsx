import type { AuditEntryDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, DatePicker, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { JsonDiff } from '../../components/json-diff.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { datePickerFormat, formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { auditKeys, listAudit } from './audit.api.ts';

const listKeys = ['entityType', 'entityId', 'actorId', 'action', 'from', 'to'] as const;

export function AuditPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useListParams(listKeys);
  const query = { ...params };
  const filtered = Object.values(params).some(Boolean);

  const columns: TableColumnsType<AuditEntryDto> = [
    { key: 'at', title: t('audit.at'), width: 170, render: (_, e) => formatDateTime(e.at, locale) },
    {
      key: 'actor',
      title: t('audit.actor'),
      width: 200,
      render: (_, e) => (e.actorId ? <Typography.Link onClick={() => setParams({ actorId: e.actorId })}>{e.actorLabel}</Typography.Link> : e.actorLabel),
    },
    {
      key: 'action',
      title: t('audit.action'),
      width: 200,
      render: (_, e) => (
        <Tag style={{ fontFamily: 'monospace' }} onClick={() => setParams({ action: e.action })}>
          {e.action}
        </Tag>
      ),
    },
    { key: 'entityType', title: t('audit.entityType'), dataIndex: 'entityType', width: 140 },
    {
      key: 'entityId',
      title: t('audit.entityId'),
      width: 300,
      render: (_, e) =>
        e.entityId && (
          <Typography.Link style={{ fontFamily: 'monospace', fontSize: 12 }} onClick={() => setParams({ entityType: e.entityType, entityId: e.entityId })}>
            {e.entityId}
          </Typography.Link>
        ),
    },
    {
      key: 'requestId',
      title: t('audit.requestId'),
      width: 300,
      render: (_, e) => (
        <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
          {e.requestId}
        </Typography.Text>
      ),
    },
  ];

  const range: [Dayjs | null, Dayjs | null] = [params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null];

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <DataTable<AuditEntryDto>
        queryKey={auditKeys.list(query)}
        fetchPage={(cursor) => listAudit(query, cursor)}
        columns={columns}
        rowKey={(e) => String(e.id)}
        size="small"
        scrollX={1310}
        expandable={{
          expandedRowRender: (e) => <JsonDiff before={e.before} after={e.after} />,
          rowExpandable: (e) => e.before !== null || e.after !== null,
        }}
        toolbar={
          <>
            <SearchBox
              testId="audit-entity-type"
              width={170}
              placeholder={t('audit.entityType')}
              value={params.entityType}
              onChange={(entityType) => setParams({ entityType })}
            />
            <SearchBox testId="audit-action" width={200} placeholder={t('audit.action')} value={params.action} onChange={(action) => setParams({ action })} />
            <SearchBox
              testId="audit-entity-id"
              width={300}
              placeholder={t('audit.entityId')}
              value={params.entityId}
              onChange={(entityId) => setParams({ entityId })}
            />
            <DatePicker.RangePicker
              aria-label={t('audit.period')}
              format={datePickerFormat(locale)}
              value={range}
              allowEmpty={[true, true]}
              onChange={(dates) =>
                setParams({
                  from: dates?.[0] ? dates[0].startOf('day').toISOString() : undefined,
                  to: dates?.[1] ? dates[1].endOf('day').toISOString() : undefined,
                })
              }
            />
            {filtered && <Button onClick={() => setParams(Object.fromEntries(listKeys.map((k) => [k, undefined])))}>{t('common.clearFilters')}</Button>}
          </>
        }
      />
    </>
  );
}
