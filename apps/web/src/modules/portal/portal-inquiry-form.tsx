import { PortalTicketCreateInput, type PortalTicketDto } from '@unyo/contracts';
import type { UploadFile } from 'antd';
import { App, Button, Card, Col, Form, Input, Row, Select, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaParse } from '../../lib/form.ts';
import { localName } from '../../lib/format.ts';
import { SuggestedArticles } from '../knowledge/suggested-articles.tsx';
import { AttachmentPicker, stillUploading, uploadedIds } from '../servicedesk/attachment-picker.tsx';
import { categoryTreeData } from '../servicedesk/ticket-format.ts';
import { createPortalTicket, usePortalCategories, usePortalMutation, usePortalSites } from '../servicedesk/tickets.api.ts';

type Values = { categoryId?: string | null; siteId?: string; subject?: string; description?: string };
const fieldNames = ['categoryId', 'siteId', 'subject', 'description', 'attachmentFileIds'];

/** The requester's inquiry form; articles that may already answer it are suggested while they type. */
export function PortalInquiryForm({ onCreated }: { onCreated: (ticket: PortalTicketDto) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const parse = useSchemaParse();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const categories = usePortalCategories();
  const sites = usePortalSites();
  const save = usePortalMutation(createPortalTicket);
  const subject = Form.useWatch('subject', form) ?? '';
  const description = Form.useWatch('description', form) ?? '';
  // A requester linked to a person files for their own site; others pick one.
  const needsSite = sites.isSuccess && !sites.data.defaultSiteId;

  const onFinish = (v: Values) => {
    const r = parse(PortalTicketCreateInput, {
      categoryId: v.categoryId ?? null,
      subject: v.subject ?? '',
      description: v.description ?? '',
      ...(needsSite ? { siteId: v.siteId } : {}),
      attachmentFileIds: uploadedIds(files),
    });
    if (!r.ok) {
      form.setFields(r.fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    save.mutate(r.data, {
      onSuccess: (ticket) => {
        message.success(t('portalDesk.submitted', { number: ticket.number }));
        form.resetFields();
        setFiles([]);
        onCreated(ticket);
      },
    });
  };

  return (
    <Row gutter={24}>
      <Col xs={24} lg={15}>
        <Card size="small">
          <Typography.Paragraph type="secondary">{t('portalDesk.formIntro')}</Typography.Paragraph>
          <ProblemAlert error={save.error} form={form} fields={fieldNames} />
          <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={save.isPending}>
            <Form.Item name="categoryId" label={t('portalDesk.category')}>
              <TreeSelect
                allowClear
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandAll
                placeholder={t('portalDesk.categoryPlaceholder')}
                treeData={categoryTreeData(categories.data?.items, locale)}
                loading={categories.isPending}
                data-testid="portal-category"
              />
            </Form.Item>
            {needsSite && (
              <Form.Item name="siteId" label={t('portalDesk.site')} required rules={[{ required: true, message: t('validation.required') }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.code} ${localName(s, locale)}` }))}
                  data-testid="portal-site"
                />
              </Form.Item>
            )}
            <Form.Item name="subject" label={t('portalDesk.subject')} required>
              <Input maxLength={300} data-testid="portal-subject" />
            </Form.Item>
            <Form.Item name="description" label={t('portalDesk.description')} required>
              <Input.TextArea rows={8} maxLength={20_000} placeholder={t('portalDesk.descriptionPlaceholder')} data-testid="portal-description" />
            </Form.Item>
            <Form.Item label={t('portalDesk.attachments')}>
              <AttachmentPicker value={files} onChange={setFiles} endpoint="/portal/files" disabled={save.isPending} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} disabled={stillUploading(files)} data-testid="portal-submit">
              {t('portalDesk.submit')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={9}>
        <SuggestedArticles text={`${subject} ${description}`.trim()} />
      </Col>
    </Row>
  );
}
