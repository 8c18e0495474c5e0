import { type OpsDocumentDto, OpsDocumentReviewInput } from '@unyo/contracts';
import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { cleanFormValues, useSchemaField, useSchemaParse } from '../../lib/form.ts';
import { datePickerFormat } from '../../lib/format.ts';
import { reviewOpsDocument, useOpsDocumentMutation } from './ops-documents.api.ts';
import { OpsFileField } from './ops-file-field.tsx';

type ReviewFormValues = {
  verifiedOn?: Dayjs | null;
  result?: 'no_change' | 'updated';
  newVersion?: string | null;
  fileId?: string | null;
  note?: string | null;
};

const fields = OpsDocumentReviewInput.shape;
const fieldNames = Object.keys(fields);

/** The periodic verification (1.1.e): no change, or a revision with its new version and file. */
export function OpsDocumentReviewModal({ doc, onClose }: { doc: OpsDocumentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const schemaField = useSchemaField();
  const parse = useSchemaParse();
  const [form] = Form.useForm<ReviewFormValues>();
  const result = Form.useWatch('result', form);
  const review = useOpsDocumentMutation((input: OpsDocumentReviewInput) => reviewOpsDocument(doc.id, input));

  const onFinish = (values: ReviewFormValues) => {
    const raw = values.result === 'updated' ? values : { ...values, newVersion: null, fileId: null };
    const parsed = parse(OpsDocumentReviewInput, cleanFormValues(raw as Record<string, unknown>, OpsDocumentReviewInput));
    if (!parsed.ok) {
      form.setFields(parsed.fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    review.mutate(parsed.data, {
      onSuccess: () => {
        message.success(t('opsDoc.reviewed'));
        onClose();
      },
    });
  };

  return (
    <Modal
      open
      title={t('opsDoc.reviewTitle', { title: doc.title })}
      okText={t('opsDoc.recordReview')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: review.isPending, 'data-testid': 'ops-doc-review-submit' } as never}
      destroyOnHidden
      width={560}
    >
      <ProblemAlert error={review.error} form={form} fields={fieldNames} />
      <Form<ReviewFormValues>
        form={form}
        layout="vertical"
        initialValues={{ verifiedOn: dayjs(), result: 'no_change', fileId: null }}
        onFinish={onFinish}
        disabled={review.isPending}
        data-testid="ops-doc-review-form"
      >
        <Form.Item name="verifiedOn" label={t('opsDoc.verifiedOn')} {...schemaField(fields.verifiedOn)}>
          <DatePicker format={datePickerFormat(locale)} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="result" label={t('opsDoc.result')} required>
          <Radio.Group optionType="button" options={(['no_change', 'updated'] as const).map((value) => ({ value, label: t(`opsDoc.results.${value}`) }))} />
        </Form.Item>
        {result === 'updated' && (
          <>
            <Form.Item
              name="newVersion"
              label={t('opsDoc.newVersion')}
              extra={t('opsDoc.newVersionHint', { version: doc.docVersion })}
              {...schemaField(fields.newVersion, { required: true })}
            >
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
            <Form.Item name="fileId" label={t('opsDoc.newFile')}>
              <OpsFileField />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('opsDoc.reviewNote')} {...schemaField(fields.note)}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
