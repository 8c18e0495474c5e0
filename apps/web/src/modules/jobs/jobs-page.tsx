import { PlayCircleOutlined } from '@ant-design/icons';
import type { Choice, JobRunDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Popconfirm, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { en } from '../../app/en.ts';
import { useLocale } from '../../app/i18n.ts';
import { ja } from '../../app/ja.ts';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { choiceOptions, formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { type JobDefinition, jobKeys, listJobRuns, useJobDefinitions, useRunJob } from './jobs.api.ts';

/** Run states as a choice set (contracts define only the enum; labels live in the UI resources). */
export const jobRunStatuses: Choice[] = (['running', 'succeeded', 'failed'] as const).map((value) => ({
  value,
  ja: ja.jobStatus[value],
  en: en.jobStatus[value],
  color: { running: 'processing', succeeded: 'green', failed: 'red' }[value],
}));

const listKeys = ['name', 'status'] as const;

export function JobsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const canRun = useCan('job.run');
  const definitions = useJobDefinitions();
  const run = useRunJob();
  const [params, setParams] = useListParams(listKeys);
  const query = { name: params.name, status: params.status };

  const formatDuration = (ms: number | null): string => {
    if (ms === null) return '';
    if (ms < 1000) return t('jobs.durationMs', { value: ms });
    const sec = ms / 1000;
    if (sec < 60) return t('jobs.durationSec', { value: sec.toFixed(1) });
    return t('jobs.durationMin', { min: Math.floor(sec / 60), sec: Math.round(sec % 60) });
  };

  const definitionColumns: TableColumnsType<JobDefinition> = [
    { key: 'name', title: t('jobs.name'), render: (_, d) => <Typography.Text code>{d.name}</Typography.Text> },
    {
      key: 'cron',
      title: t('jobs.cron'),
      width: 200,
      render: (_, d) =>
        d.cron ? <Typography.Text code>{d.cron}</Typography.Text> : <Typography.Text type="secondary">{t('jobs.manualOnly')}</Typography.Text>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 160,
      render: (_, d) =>
        canRun &&
        d.manual && (
          <Popconfirm
            title={t('jobs.runConfirm', { name: d.name })}
            okText={t('jobs.runNow')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              run
                .mutateAsync(d.name)
                .then(() => message.success(t('jobs.started')))
                .catch((err: unknown) => message.error(problemText(err, t('common.unexpectedError'))))
            }
          >
            <Button size="small" icon={<PlayCircleOutlined />} loading={run.isPending && run.variables === d.name}>
              {t('jobs.runNow')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const runColumns: TableColumnsType<JobRunDto> = [
    { key: 'name', title: t('jobs.name'), width: 240, render: (_, r) => <Typography.Text code>{r.name}</Typography.Text> },
    { key: 'status', title: t('jobs.status'), width: 110, render: (_, r) => <StatusTag items={jobRunStatuses} value={r.status} /> },
    { key: 'startedAt', title: t('jobs.startedAt'), width: 160, render: (_, r) => formatDateTime(r.startedAt, locale) },
    { key: 'finishedAt', title: t('jobs.finishedAt'), width: 160, render: (_, r) => formatDateTime(r.finishedAt, locale) },
    { key: 'duration', title: t('jobs.duration'), width: 120, align: 'right', render: (_, r) => formatDuration(r.durationMs) },
    {
      key: 'error',
      title: t('jobs.error'),
      width: 320,
      ellipsis: { showTitle: true },
      render: (_, r) => r.error && <Typography.Text type="danger">{r.error}</Typography.Text>,
    },
    { key: 'instance', title: t('jobs.instance'), dataIndex: 'instance', width: 160, ellipsis: true },
  ];

  return (
    <>
      <PageHeader title={t('jobs.title')} />
      <Card title={t('jobs.definitions')} size="small" style={{ marginBottom: 16 }}>
        {definitions.error && <ProblemAlert error={definitions.error} />}
        <Table<JobDefinition>
          rowKey="name"
          columns={definitionColumns}
          dataSource={definitions.data ?? []}
          loading={definitions.isPending}
          pagination={false}
          size="small"
        />
      </Card>
      <Card title={t('jobs.runs')} size="small">
        <DataTable<JobRunDto>
          queryKey={jobKeys.runs(query)}
          fetchPage={(cursor) => listJobRuns(query, cursor)}
          columns={runColumns}
          rowKey="id"
          size="small"
          scrollX={1270}
          refetchInterval={10_000}
          expandable={{
            expandedRowRender: (r) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{r.error}</pre>,
            rowExpandable: (r) => !!r.error,
          }}
          toolbar={
            <>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('jobs.name')}
                style={{ width: 260 }}
                value={params.name}
                options={(definitions.data ?? []).map((d) => ({ value: d.name, label: d.name }))}
                onChange={(name?: string) => setParams({ name })}
                aria-label={t('jobs.name')}
              />
              <Select
                allowClear
                placeholder={t('jobs.status')}
                style={{ width: 140 }}
                value={params.status}
                options={choiceOptions(jobRunStatuses, locale)}
                onChange={(status?: string) => setParams({ status })}
                aria-label={t('jobs.status')}
              />
            </>
          }
        />
      </Card>
    </>
  );
}
