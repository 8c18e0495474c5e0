import { AlertOutlined } from '@ant-design/icons';
import { SoftwareFindingReportInput } from '@unyo/contracts';
import { App, Button, Col, Form, Input, Modal, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useCan } from '../../lib/can.ts';
import { cleanFormValues, useSchemaField, useSchemaParse } from '../../lib/form.ts';
import { AssetSelect } from '../assets/asset-selects.tsx';
import { reportSoftwareFinding, useSoftwareMutation } from './software.api.ts';

type ReportValues = { assetId?: string | null; name?: string; publisher?: string | null; version?: string | null; note?: string | null };

const fields = SoftwareFindingReportInput.shape;

type ReportModalProps = {
  /** The inquiry the software was found in (2.2.q), kept on the finding. */
  ticketId?: string;
  onClose: () => void;
};

/** 2.2.q: reports unpermitted software an operator found while helping a user; the server notifies at once. */
export function FindingReportModal({ ticketId, onClose }: ReportModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schemaField = useSchemaField();
  const parse = useSchemaParse();
  const [form] = Form.useForm<ReportValues>();
  const save = useSoftwareMutation(reportSoftwareFinding);

  const onFinish = (values: ReportValues) => {
    const r = parse(SoftwareFindingReportInput, cleanFormValues({ ...values, ticketId: ticketId ?? null }, SoftwareFindingReportInput));
    if (!r.ok) {
      form.setFields(r.fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    save.mutate(r.data, {
      onSuccess: () => {
        message.success(t('swFinding.reported'));
        onClose();
      },
    });
  };

  return (
    <Modal
      open
      title={t('swFinding.reportTitle')}
      okText={t('swFinding.report')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'finding-report-ok' }}
      width={600}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('swFinding.reportHint')}</Typography.Paragraph>
      <ProblemAlert error={save.error} form={form} fields={Object.keys(fields)} />
      <Form<ReportValues> form={form} layout="vertical" onFinish={onFinish} disabled={save.isPending} data-testid="finding-report-form">
        <Form.Item name="assetId" label={t('swFinding.assetId')} {...schemaField(fields.assetId)}>
          <AssetSelect />
        </Form.Item>
        <Form.Item name="name" label={t('swFinding.name')} {...schemaField(fields.name)}>
          <Input maxLength={300} autoComplete="off" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="publisher" label={t('swFinding.publisher')} {...schemaField(fields.publisher)}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="version" label={t('swFinding.version')} {...schemaField(fields.version)}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('swFinding.note')} {...schemaField(fields.note)}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ReportButtonProps = { ticketId?: string; label?: string };

/** The report button; shown only to users who may report (the findings page header and the ticket detail page). */
export function FindingReportButton({ ticketId, label }: ReportButtonProps) {
  const { t } = useTranslation();
  const allowed = useCan('software-finding.update');
  const [open, setOpen] = useState(false);
  if (!allowed) return null;
  return (
    <>
      <Button icon={<AlertOutlined />} onClick={() => setOpen(true)} data-testid="finding-report">
        {label ?? t('swFinding.report')}
      </Button>
      {open && <FindingReportModal ticketId={ticketId} onClose={() => setOpen(false)} />}
    </>
  );
}
