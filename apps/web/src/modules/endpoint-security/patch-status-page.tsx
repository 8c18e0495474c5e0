import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type PatchStatusDto, patchInstallStates } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { ImportButton } from '../../components/import-wizard/import-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { choiceOptions, formatDate } from '../../lib/format.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { endpointKeys, getPatchStatus } from './endpoint-security.api.ts';

/** パッチ未適用一覧 (3.3.1.k): device × update pairs not installed, from the newest WSUS / Intune import of each pair. */
export function PatchStatusPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const qc = useQueryClient();
  const [siteId, setSiteId] = useState<string | undefined>();
  const [kb, setKb] = useState<string | undefined>();
  const [state, setState] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const params = { siteId, kb, state, q };
  const { data, error, isPending } = useQuery({ queryKey: endpointKeys.patchStatus(params), queryFn: () => getPatchStatus(params) });

  const columns: TableColumnsType<PatchStatusDto> = [
    { key: 'kb', title: t('patchStatus.kb'), width: 130, render: (_, s) => s.kb },
    { key: 'title', title: t('patchStatus.updateTitle'), ellipsis: true, render: (_, s) => s.title ?? '' },
    { key: 'classification', title: t('patchStatus.classification'), width: 150, render: (_, s) => s.classification ?? '' },
    { key: 'computerName', title: t('patchStatus.computerName'), width: 220, ellipsis: true, render: (_, s) => s.computerName },
    {
      key: 'asset',
      title: t('patchStatus.asset'),
      width: 140,
      render: (_, s) => (s.asset ? <Link to={`/assets/${s.asset.id}`}>{s.asset.assetNumber}</Link> : <Tag>{t('antivirus.unmatched')}</Tag>),
    },
    { key: 'state', title: t('patchStatus.state'), width: 140, render: (_, s) => <StatusTag items={patchInstallStates.items} value={s.state} /> },
    { key: 'last', title: t('patchStatus.lastStatusOn'), width: 120, render: (_, s) => formatDate(s.lastStatusOn, locale) },
  ];

  return (
    <>
      <PageHeader
        title={t('patchStatus.title')}
        description={t('patchStatus.description')}
        extra={
          <ImportButton
            ledger="patch-status"
            ledgerLabel={t('patchStatus.importLabel')}
            permission="endpoint-security.import"
            onImported={() => void qc.invalidateQueries({ queryKey: endpointKeys.all })}
          />
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <SiteSelect allowClear style={{ width: 220 }} value={siteId} onChange={(v) => setSiteId(v as string | undefined)} />
        <Input.Search allowClear placeholder={t('patchStatus.kbFilter')} style={{ width: 180 }} onSearch={(v) => setKb(v || undefined)} />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('patchStatus.stateFilter')}
          value={state}
          onChange={setState}
          options={choiceOptions(patchInstallStates.items, locale)}
        />
        <SearchBox value={q} onChange={setQ} />
      </Space>
      <ProblemAlert error={error} />
      <Table<PatchStatusDto>
        rowKey="id"
        size="small"
        loading={isPending}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 100, showSizeChanger: false, showTotal: (n) => `${n}` }}
        scroll={{ x: 1200 }}
      />
    </>
  );
}
