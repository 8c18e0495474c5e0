import { CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import type { ImportMapping, ImportMappingDto, ImportPreview } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Alert, Checkbox, Flex, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';

type Column = ImportPreview['columns'][number];

/** Problems that make a dry run pointless: required columns nobody maps to, columns mapped twice. */
export function mappingProblems(preview: ImportPreview, mapping: ImportMapping) {
  const used = preview.headers.map((h) => mapping[h]).filter((k): k is string => !!k);
  const missing = preview.columns.filter((c) => c.required && !used.includes(c.key));
  const duplicated = preview.columns.filter((c) => used.filter((k) => k === c.key).length > 1);
  return { missing, duplicated };
}

/**
 * The mapping for a (new) file: headings the user already mapped in this wizard keep that choice
 * (a corrected file usually has the same headings), the rest take the server's suggestion, which
 * already starts from the saved mapping.
 */
export function mappingFor(preview: ImportPreview, previous: ImportMapping): ImportMapping {
  const out: ImportMapping = {};
  for (const h of preview.headers) out[h] = h in previous ? previous[h] : (preview.suggestedMapping[h] ?? null);
  return out;
}

type MappingStepProps = {
  preview: ImportPreview;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
  saved: ImportMappingDto | undefined;
  saveMapping: boolean;
  onSaveMappingChange: (save: boolean) => void;
};

type Row = { index: number; header: string; samples: string[] };

/** ② File heading → ledger column, with the ledger's required columns marked. */
export function MappingStep({ preview, mapping, onChange, saved, saveMapping, onSaveMappingChange }: MappingStepProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = (c: Column) => c[locale];
  const { missing, duplicated } = mappingProblems(preview, mapping);
  const used = new Set(Object.values(mapping).filter(Boolean));

  const options = [
    { value: '', title: t('import.ignore'), label: <Typography.Text type="secondary">{t('import.ignore')}</Typography.Text> },
    ...preview.columns.map((c) => ({
      value: c.key,
      title: label(c),
      label: (
        <Flex justify="space-between" gap={8}>
          <span>{label(c)}</span>
          {c.required && (
            <Tag color="red" bordered={false} style={{ marginInlineEnd: 0 }}>
              {t('import.required')}
            </Tag>
          )}
        </Flex>
      ),
    })),
  ];

  const rows: Row[] = preview.headers.map((header, index) => ({ index, header, samples: preview.sampleRows.map((r) => r[index] ?? '').filter(Boolean) }));
  const columns: TableColumnsType<Row> = [
    {
      key: 'header',
      title: t('import.fileHeader'),
      width: 200,
      ellipsis: true,
      render: (_, r) => r.header || <Typography.Text type="secondary">{t('import.blankHeader')}</Typography.Text>,
    },
    {
      key: 'sample',
      title: t('import.sample'),
      ellipsis: true,
      render: (_, r) => <Typography.Text type="secondary">{r.samples.slice(0, 3).join(' / ')}</Typography.Text>,
    },
    {
      key: 'target',
      title: t('import.target'),
      width: 280,
      render: (_, r) => (
        <Select
          style={{ width: '100%' }}
          value={mapping[r.header] ?? ''}
          options={options}
          optionLabelProp="title"
          onChange={(v: string) => onChange({ ...mapping, [r.header]: v || null })}
          aria-label={t('import.targetFor', { header: r.header })}
          data-testid={`import-map-${r.index}`}
          status={mapping[r.header] && duplicated.some((c) => c.key === mapping[r.header]) ? 'error' : undefined}
        />
      ),
    },
  ];

  return (
    <>
      {saved?.mapping && saved.updatedAt && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('import.savedMappingUsed', { at: formatDateTime(saved.updatedAt, locale) })} />
      )}
      <Table<Row>
        rowKey="index"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={rows.length > 10 ? { y: 440 } : undefined}
        data-testid="import-mapping"
      />
      <Flex gap={6} wrap align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{t('import.requiredColumns')}</Typography.Text>
        {preview.columns
          .filter((c) => c.required)
          .map((c) =>
            used.has(c.key) ? (
              <Tag key={c.key} color="green" icon={<CheckCircleOutlined />}>
                {label(c)}
              </Tag>
            ) : (
              <Tag key={c.key} color="red" icon={<ExclamationCircleOutlined />}>
                {label(c)}
              </Tag>
            ),
          )}
      </Flex>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('import.requiredMissing', { columns: missing.map(label).join(t('import.listSeparator')) })}
        />
      )}
      {duplicated.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('import.duplicateTarget', { columns: duplicated.map(label).join(t('import.listSeparator')) })}
        />
      )}
      <Checkbox style={{ marginTop: 12 }} checked={saveMapping} onChange={(e) => onSaveMappingChange(e.target.checked)} data-testid="import-save-mapping">
        {t('import.saveMapping')}
      </Checkbox>
    </>
  );
}
