import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../components/problem-alert.tsx';
import { fileDownloadUrl, uploadOpsFile } from './ops-documents.api.ts';

type OpsFileFieldProps = {
  /** The id of the uploaded file (a form value). */
  value?: string | null;
  onChange?: (fileId: string | null) => void;
  disabled?: boolean;
  id?: string;
};

/** One document file: uploaded at once through /files, so the form sends only its id. */
export function OpsFileField({ value, onChange, disabled, id }: OpsFileFieldProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const [name, setName] = useState<string | null>(null);
  return (
    <Flex gap={8} align="center" wrap id={id}>
      {value ? (
        <Typography.Link href={fileDownloadUrl(value)} data-testid="ops-doc-file-current">
          <DownloadOutlined /> {name ?? t('opsDoc.download')}
        </Typography.Link>
      ) : (
        <Typography.Text type="secondary">{t('opsDoc.noFile')}</Typography.Text>
      )}
      <Upload
        showUploadList={false}
        maxCount={1}
        disabled={disabled || uploading}
        customRequest={({ file }) => {
          setUploading(true);
          uploadOpsFile(file as File)
            .then((stored) => {
              setName(stored.name);
              onChange?.(stored.id);
            })
            .catch((err: unknown) => message.error(problemText(err, t('common.unexpectedError'))))
            .finally(() => setUploading(false));
        }}
      >
        <Button icon={<UploadOutlined />} loading={uploading} disabled={disabled} data-testid="ops-doc-file-upload">
          {value ? t('opsDoc.replaceFile') : t('opsDoc.upload')}
        </Button>
      </Upload>
      {value && (
        <Button
          type="text"
          icon={<DeleteOutlined />}
          disabled={disabled}
          aria-label={t('opsDoc.removeFile')}
          onClick={() => {
            setName(null);
            onChange?.(null);
          }}
        />
      )}
    </Flex>
  );
}
