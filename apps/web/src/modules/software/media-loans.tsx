import { useQuery } from '@tanstack/react-query';
import { MediaLendInput, type MediaLoanDto, type SoftwareMediaDto } from '@unyo/contracts';
import { App, DatePicker, Drawer, Form, Input, Modal, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { cleanFormValues, useSchemaField, useSchemaParse } from '../../lib/form.ts';
import { datePickerFormat, formatDate, formatDateTime } from '../../lib/format.ts';
import { lendMedia, listMediaLoans, softwareKeys, useSoftwareMutation } from './software.api.ts';

type LendValues = { borrower?: string; dueOn?: Dayjs | null; note?: string | null };
const lendFields = MediaLendInput.shape;

/** Lends an item out: who has it and when it is due back. */
export function LendModal({ media, onClose }: { media: SoftwareMediaDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const schemaField = useSchemaField();
  const parse = useSchemaParse();
  const [form] = Form.useForm<LendValues>();
  const lend = useSoftwareMutation((input: MediaLendInput) => lendMedia(media.id, input));

  const onFinish = (values: LendValues) => {
    const r = parse(MediaLendInput, cleanFormValues(values, MediaLendInput));
    if (!r.ok) {
      form.setFields(r.fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    lend.mutate(r.data, {
      onSuccess: () => {
        message.success(t('swMedia.lent'));
        onClose();
      },
    });
  };

  return (
    <Modal
      open
      title={t('swMedia.lendTitle', { title: media.title })}
      okText={t('swMedia.lend')}
      cancelText={t('common.cancel')}
      confirmLoading={lend.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'media-lend-ok' }}
      destroyOnHidden
    >
      <ProblemAlert error={lend.error} form={form} fields={Object.keys(lendFields)} />
      <Form<LendValues> form={form} layout="vertical" onFinish={onFinish} disabled={lend.isPending} data-testid="media-lend-form">
        <Form.Item name="borrower" label={t('swMedia.borrower')} {...schemaField(lendFields.borrower)}>
          <Input maxLength={200} autoComplete="off" autoFocus />
        </Form.Item>
        <Form.Item name="dueOn" label={t('swMedia.dueOn')} {...schemaField(lendFields.dueOn)}>
          <DatePicker format={datePickerFormat(locale)} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="note" label={t('swMedia.note')} {...schemaField(lendFields.note)}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Loan = z.infer<typeof MediaLoanDto>;

/** Every loan of one item, newest first as the server lists them. */
export function LoansDrawer({ media, onClose }: { media: SoftwareMediaDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const loans = useQuery({ queryKey: softwareKeys.mediaLoans(media.id), queryFn: () => listMediaLoans(media.id) });
  return (
    <Drawer open title={t('swMedia.loansTitle', { title: media.title })} size={760} onClose={onClose} destroyOnHidden data-testid="media-loans">
      <ProblemAlert error={loans.error} />
      <Table<Loan>
        size="small"
        rowKey="id"
        pagination={false}
        loading={loans.isPending}
        dataSource={loans.data?.items ?? []}
        locale={{ emptyText: t('swMedia.noLoans') }}
        columns={[
          { key: 'borrower', title: t('swMedia.borrower'), dataIndex: 'borrower' },
          { key: 'lentAt', title: t('swMedia.lentAt'), width: 150, render: (_, l) => formatDateTime(l.lentAt, locale) },
          { key: 'dueOn', title: t('swMedia.dueOn'), width: 110, render: (_, l) => formatDate(l.dueOn, locale) },
          {
            key: 'returnedAt',
            title: t('swMedia.returnedAt'),
            width: 150,
            render: (_, l) =>
              l.returnedAt ? (
                formatDateTime(l.returnedAt, locale)
              ) : (
                <Tag color={l.overdue ? 'red' : 'orange'}>{t(l.overdue ? 'swMedia.overdue' : 'swMedia.notReturned')}</Tag>
              ),
          },
          { key: 'lentBy', title: t('swMedia.lentBy'), dataIndex: 'lentBy', width: 120, ellipsis: true },
          { key: 'note', title: t('swMedia.note'), dataIndex: 'note', ellipsis: true },
        ]}
      />
    </Drawer>
  );
}
