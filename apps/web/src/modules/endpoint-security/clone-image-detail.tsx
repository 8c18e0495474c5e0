import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type CloneImageDto, CloneImageUpdateRecordInput, cloneImageKinds } from '@unyo/contracts';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Switch, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn } from '../../lib/can.ts';
import { useSchemaField } from '../../lib/form.ts';
import { datePickerFormat, formatDate, localName } from '../../lib/format.ts';
import { cloneImageKeys, getCloneImage, recordCloneImageUpdate, useCloneImageMutation } from './clone-images.api.ts';
import { endpointKeys, listPatchPlans } from './endpoint-security.api.ts';

type Update = NonNullable<CloneImageDto['updates']>[number];
type RecordValues = { updatedOn: Dayjs; imageVersion: string; patchPlanId?: string | null; patches?: string[]; tested?: boolean; note?: string | null };

const recordFields = CloneImageUpdateRecordInput.shape;

/** "更新を記録": the patches applied to the master disk and whether it was test-booted; moves the image's version. */
function RecordUpdateForm({ image }: { image: CloneImageDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const schemaField = useSchemaField();
  const [form] = Form.useForm<RecordValues>();
  const plans = useQuery({ queryKey: endpointKeys.plans({ limit: 24 }), queryFn: () => listPatchPlans({ limit: 24 }) });
  const save = useCloneImageMutation((v: RecordValues) =>
    recordCloneImageUpdate(image.id, {
      updatedOn: v.updatedOn.format('YYYY-MM-DD'),
      imageVersion: v.imageVersion,
      patchPlanId: v.patchPlanId ?? null,
      patches: v.patches ?? [],
      tested: v.tested ?? false,
      note: v.note || null,
    }),
  );
  const onPlan = (id: string | undefined) => {
    const plan = plans.data?.items.find((p) => p.id === id);
    if (plan && !form.getFieldValue('patches')?.length) form.setFieldValue('patches', plan.targetPatches);
  };
  return (
    <Card size="small" title={t('cloneImage.recordUpdate')} style={{ marginBottom: 16 }}>
      <ProblemAlert error={save.error} form={form} fields={Object.keys(recordFields)} />
      <Form<RecordValues>
        form={form}
        layout="vertical"
        initialValues={{ updatedOn: dayjs(), imageVersion: dayjs().format('YYYY.MM'), tested: true, patches: [] }}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => {
              message.success(t('cloneImage.recorded'));
              form.resetFields();
            },
          })
        }
        disabled={save.isPending}
        data-testid="clone-image-record-form"
      >
        <Space wrap>
          <Form.Item name="updatedOn" label={t('cloneImage.updatedOn')} {...schemaField(recordFields.updatedOn, { required: true })}>
            <DatePicker format={datePickerFormat(locale)} allowClear={false} />
          </Form.Item>
          <Form.Item name="imageVersion" label={t('cloneImage.imageVersion')} {...schemaField(recordFields.imageVersion)}>
            <Input maxLength={100} autoComplete="off" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="tested" label={t('cloneImage.tested')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="patchPlanId" label={t('cloneImage.patchPlan')}>
          <Select
            allowClear
            loading={plans.isPending}
            onChange={onPlan}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
            data-testid="clone-image-plan"
          />
        </Form.Item>
        <Form.Item name="patches" label={t('cloneImage.patches')} extra={t('patchPlan.targetPatchesHint')}>
          <Select mode="tags" tokenSeparators={[',', ' ', '、']} open={false} data-testid="clone-image-patches" />
        </Form.Item>
        <Form.Item name="note" label={t('cloneImage.note')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="clone-image-record">
          {t('cloneImage.recordUpdate')}
        </Button>
      </Form>
    </Card>
  );
}

/** One clone image with its update history, newest first. */
export function CloneImageDetailDrawer({ id, onClose, onEdit }: { id: string; onClose: () => void; onEdit: (image: CloneImageDto) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: image, error } = useQuery({ queryKey: cloneImageKeys.one(id), queryFn: () => getCloneImage(id) });
  return (
    <Drawer
      open
      size={880}
      title={image ? `${image.code}` : t('cloneImage.title')}
      onClose={onClose}
      extra={
        image &&
        canOn(image, 'update') && (
          <Button icon={<EditOutlined />} onClick={() => onEdit(image)}>
            {t('common.edit')}
          </Button>
        )
      }
    >
      <ProblemAlert error={error} />
      {image && (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('cloneImage.model')}>{image.model}</Descriptions.Item>
            <Descriptions.Item label={t('cloneImage.kind')}>
              <StatusTag items={cloneImageKinds.items} value={image.kind} />
            </Descriptions.Item>
            <Descriptions.Item label={t('cloneImage.os')}>{image.os}</Descriptions.Item>
            <Descriptions.Item label={t('cloneImage.softwareSet')}>{image.softwareSet}</Descriptions.Item>
            <Descriptions.Item label={t('cloneImage.site')}>{image.site ? localName(image.site, locale) : t('cloneImage.orgWide')}</Descriptions.Item>
            <Descriptions.Item label={t('cloneImage.storageLocation')}>{image.storageLocation}</Descriptions.Item>
            <Descriptions.Item label={t('cloneImage.currentVersion')}>{image.currentVersion}</Descriptions.Item>
            <Descriptions.Item label={t('cloneImage.lastUpdatedOn')}>
              <Space size={4}>
                {formatDate(image.lastUpdatedOn, locale)}
                {image.stale && <Tag color="red">{t('cloneImage.stale')}</Tag>}
              </Space>
            </Descriptions.Item>
            {image.note && (
              <Descriptions.Item label={t('cloneImage.note')} span={2}>
                {image.note}
              </Descriptions.Item>
            )}
          </Descriptions>
          {canOn(image, 'recordUpdate') && <RecordUpdateForm image={image} />}
          <Table<Update>
            rowKey="id"
            size="small"
            pagination={false}
            title={() => t('cloneImage.history')}
            dataSource={image.updates ?? []}
            data-testid="clone-image-history"
            columns={[
              { key: 'updatedOn', title: t('cloneImage.updatedOn'), width: 110, render: (_, u) => formatDate(u.updatedOn, locale) },
              { key: 'imageVersion', title: t('cloneImage.imageVersion'), width: 100, render: (_, u) => u.imageVersion },
              { key: 'patchPlan', title: t('cloneImage.patchPlan'), ellipsis: true, render: (_, u) => u.patchPlan?.title },
              { key: 'patches', title: t('cloneImage.patches'), render: (_, u) => u.patches.map((p) => <Tag key={p}>{p}</Tag>) },
              { key: 'tested', title: t('cloneImage.tested'), width: 80, render: (_, u) => (u.tested ? t('common.yes') : t('common.no')) },
              { key: 'operator', title: t('cloneImage.operator'), width: 120, render: (_, u) => u.operator?.name },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
