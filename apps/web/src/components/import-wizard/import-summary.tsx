import type { ImportResult, ImportRowError } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Alert, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Created / updated / unchanged / errors of a dry run or commit. */
export function ImportCounts({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const count = (n: number) => t('import.count', { count: n });
  return (
    <Row gutter={16} data-testid="import-counts">
      <Col span={6}>
        <Statistic title={t('import.created')} value={count(result.created)} />
      </Col>
      <Col span={6}>
        <Statistic title={t('import.updated')} value={count(result.updated)} />
      </Col>
      <Col span={6}>
        <Statistic title={t('import.unchanged')} value={count(result.unchanged)} />
      </Col>
      <Col span={6}>
        <Statistic title={t('import.errorCount')} value={count(result.errorCount)} styles={{ content: result.errorCount ? { color: '#cf1322' } : undefined }} />
      </Col>
    </Row>
  );
}

/** Every problem the server found, by row (as Excel numbers it) and column (as the file names it). */
export function ImportErrors({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  if (!result.errorCount) return null;
  const columns: TableColumnsType<ImportRowError & { i: number }> = [
    { key: 'row', title: t('import.errorRow'), dataIndex: 'row', width: 80, align: 'right' },
    { key: 'column', title: t('import.errorColumn'), dataIndex: 'column', width: 180, ellipsis: true },
    { key: 'message', title: t('import.errorMessage'), dataIndex: 'message' },
  ];
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('import.errorsTitle', { count: result.errorCount })}
      </Typography.Title>
      {result.errors.length < result.errorCount && (
        <Typography.Paragraph type="secondary">{t('import.errorsTruncated', { shown: result.errors.length, count: result.errorCount })}</Typography.Paragraph>
      )}
      <Table
        data-testid="import-errors"
        rowKey="i"
        size="small"
        columns={columns}
        dataSource={result.errors.map((e, i) => ({ ...e, i }))}
        pagination={result.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      />
    </>
  );
}

/** ③ The dry run: what a commit would do, or why it cannot. */
export function DryRunSummary({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const changes = result.created + result.updated;
  return (
    <div data-testid="import-dryrun-result">
      <Typography.Paragraph>{t('import.summary', { rows: result.rows })}</Typography.Paragraph>
      <ImportCounts result={result} />
      {result.errorCount > 0 ? (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title={t('import.fixAndRetry')} />
      ) : changes === 0 ? (
        <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('import.nothingToDo')} />
      ) : (
        <Alert type="success" showIcon style={{ marginTop: 16 }} title={t('import.clean')} data-testid="import-clean" />
      )}
      {result.ignoredColumns.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('import.ignoredColumns', { columns: result.ignoredColumns.join(t('import.listSeparator')) })}
        </Typography.Paragraph>
      )}
      <ImportErrors result={result} />
    </div>
  );
}
