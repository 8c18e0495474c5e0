import { InboxOutlined } from '@ant-design/icons';
import type { ImportPreview } from '@unyo/contracts';
import { Descriptions, Flex, Spin, Tag, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../problem-alert.tsx';

type UploadStepProps = {
  file: File | null;
  preview: ImportPreview | undefined;
  loading: boolean;
  error: unknown;
  onFile: (file: File) => void;
};

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Which text encoding (or Excel) the server detected: the first thing to check when names look garbled. */
export function EncodingTag({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  if (preview.format === 'xlsx') return <Tag color="green">{t('import.formatXlsx')}</Tag>;
  const label = { utf8: t('import.encodingUtf8'), utf8bom: t('import.encodingUtf8bom'), cp932: t('import.encodingCp932') }[preview.encoding ?? 'utf8'];
  return (
    <Tag color="blue" data-testid="import-encoding">
      {t('import.formatCsv')} · {label}
    </Tag>
  );
}

/** ① Choose the file (drop or click); it is read only by the server, nothing is parsed in the browser. */
export function UploadStep({ file, preview, loading, error, onFile }: UploadStepProps) {
  const { t } = useTranslation();
  return (
    <>
      <Upload.Dragger
        accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        // The wizard sends the file itself (preview, dry run, commit); antd must not upload it.
        beforeUpload={(f) => {
          onFile(f);
          return false;
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.dropHint')}</p>
        <p className="ant-upload-hint">{t('import.dropSubHint')}</p>
      </Upload.Dragger>
      <div style={{ marginTop: 16 }}>
        {loading && (
          <Flex gap={8} align="center">
            <Spin size="small" />
            <Typography.Text type="secondary">{t('import.reading')}</Typography.Text>
          </Flex>
        )}
        <ProblemAlert error={error} />
        {file && preview && !loading && (
          <Descriptions size="small" bordered column={1} data-testid="import-file-info">
            <Descriptions.Item label={t('import.file')}>{t('import.fileInfo', { name: file.name, size: formatBytes(file.size) })}</Descriptions.Item>
            <Descriptions.Item label={t('import.encoding')}>
              <EncodingTag preview={preview} />
            </Descriptions.Item>
            <Descriptions.Item label={t('import.headers', { count: preview.headers.length })}>
              <Flex gap={4} wrap>
                {preview.headers.map((h, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: headings may repeat; their position is their identity.
                  <Tag key={i} bordered={false}>
                    {h || t('import.blankHeader')}
                  </Tag>
                ))}
              </Flex>
            </Descriptions.Item>
          </Descriptions>
        )}
      </div>
    </>
  );
}
