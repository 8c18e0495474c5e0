import { PaperClipOutlined } from '@ant-design/icons';
import type { FileDto } from '@unyo/contracts';
import type { UploadFile } from 'antd';
import { App, Button, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemText } from '../../components/problem-alert.tsx';
import { uploadFile } from './tickets.api.ts';

type AttachmentPickerProps = {
  /** Files uploaded so far (their ids go into attachmentFileIds). */
  value: UploadFile<FileDto>[];
  onChange: (files: UploadFile<FileDto>[]) => void;
  /** Requesters upload through the portal's own endpoint (they have no file.create). */
  endpoint?: '/files' | '/portal/files';
  disabled?: boolean;
};

const maxFiles = 20;

/** Each picked file is uploaded at once, so the message is sent with ids only; failed uploads stay listed in red. */
export function AttachmentPicker({ value, onChange, endpoint = '/files', disabled }: AttachmentPickerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Upload<FileDto>
      multiple
      fileList={value}
      maxCount={maxFiles}
      disabled={disabled}
      onChange={({ fileList }) => onChange(fileList)}
      customRequest={({ file, onSuccess, onError }) => {
        uploadFile(file as File, endpoint).then(
          (stored) => onSuccess?.(stored),
          (err: unknown) => {
            message.error(problemText(err, t('common.unexpectedError')));
            onError?.(err instanceof Error ? err : new Error(String(err)));
          },
        );
      }}
    >
      <Button icon={<PaperClipOutlined />} disabled={disabled} data-testid="attachment-add">
        {t('ticket.attach')}
      </Button>
    </Upload>
  );
}

/** Ids of the files that finished uploading. */
export function uploadedIds(files: readonly UploadFile<FileDto>[]): string[] {
  return files.flatMap((f) => (f.status === 'done' && f.response?.id ? [f.response.id] : []));
}

export function stillUploading(files: readonly UploadFile<FileDto>[]): boolean {
  return files.some((f) => f.status === 'uploading');
}
