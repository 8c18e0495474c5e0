import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type SoftwareProductDto, type SoftwareRuleDto, SoftwareRuleInput } from '@unyo/contracts';
import type { FormInstance } from 'antd';
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Popconfirm, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { cleanFormValues, useSchemaField, useSchemaParse } from '../../lib/form.ts';
import { addRule, deleteRule, getProduct, softwareKeys, useSoftwareMutation } from './software.api.ts';

type RuleFormValues = {
  namePattern?: string;
  publisherPattern?: string | null;
  versionMin?: string | null;
  versionMax?: string | null;
  productVersion?: string | null;
  priority?: number | null;
};

const ruleFields = SoftwareRuleInput.shape;

/** The rule fields, shared by this drawer and the "create from an unmapped name" dialog. */
export function RuleFields({ withVersions = true }: { withVersions?: boolean }) {
  const { t } = useTranslation();
  const schemaField = useSchemaField();
  const text = (name: keyof RuleFormValues, max: number, extra?: string) => (
    <Form.Item name={name} label={t(`swProduct.${name}`)} extra={extra} {...schemaField(ruleFields[name])}>
      <Input maxLength={max} autoComplete="off" />
    </Form.Item>
  );
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} sm={14}>
          {text('namePattern', 200)}
        </Col>
        <Col xs={24} sm={10}>
          {text('publisherPattern', 200)}
        </Col>
      </Row>
      {withVersions && (
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            {text('versionMin', 50)}
          </Col>
          <Col xs={12} sm={6}>
            {text('versionMax', 50)}
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="productVersion"
              label={t('swProduct.productVersion')}
              tooltip={t('swProduct.productVersionHint')}
              {...schemaField(ruleFields.productVersion)}
            >
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="priority" label={t('swProduct.priority')} {...schemaField(ruleFields.priority)}>
              <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}

/** Cleans and checks rule form values; null (fields marked) when they do not parse. */
export function useRuleInput() {
  const parse = useSchemaParse();
  return (form: FormInstance, values: RuleFormValues): SoftwareRuleInput | null => {
    const r = parse(SoftwareRuleInput, cleanFormValues(values, SoftwareRuleInput));
    if (r.ok) return r.data;
    form.setFields(r.fields as Parameters<typeof form.setFields>[0]);
    return null;
  };
}

type RulesDrawerProps = { product: SoftwareProductDto; onClose: () => void };

/** The normalization rules of one product: listed by priority, added and deleted one at a time. */
export function RulesDrawer({ product, onClose }: RulesDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleFormValues>();
  const toRule = useRuleInput();
  const current = useQuery({ queryKey: softwareKeys.detail('products', product.id), queryFn: () => getProduct(product.id), initialData: product });
  const p = current.data;
  const canManage = p.abilities.update === true;
  const add = useSoftwareMutation((input: SoftwareRuleInput) => addRule(product.id, input));
  const remove = useSoftwareMutation((rule: SoftwareRuleDto) => deleteRule(product.id, rule.id));

  const onFinish = (values: RuleFormValues) => {
    const input = toRule(form, values);
    if (!input) return;
    add.mutate(input, {
      onSuccess: () => {
        message.success(t('swProduct.ruleAdded'));
        form.resetFields();
      },
    });
  };

  const rules = [...p.rules].sort((a, b) => a.priority - b.priority);
  const dash = (v: string | null) => v ?? t('common.none');

  return (
    <Drawer open title={t('swProduct.rulesTitle', { name: p.name })} size={880} onClose={onClose} destroyOnHidden data-testid="rules-drawer">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('swProduct.rulesHint')} />
      <Table<SoftwareRuleDto>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rules}
        locale={{ emptyText: t('swProduct.noRules') }}
        columns={[
          { key: 'priority', title: t('swProduct.priority'), dataIndex: 'priority', width: 80, align: 'right' },
          { key: 'namePattern', title: t('swProduct.namePattern'), render: (_, r) => <Typography.Text code>{r.namePattern}</Typography.Text> },
          { key: 'publisherPattern', title: t('swProduct.publisherPattern'), render: (_, r) => dash(r.publisherPattern) },
          {
            key: 'versions',
            title: `${t('swProduct.versionMin')} – ${t('swProduct.versionMax')}`,
            render: (_, r) => `${r.versionMin ?? ''} – ${r.versionMax ?? ''}`,
          },
          { key: 'productVersion', title: t('swProduct.productVersion'), render: (_, r) => dash(r.productVersion) },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 90,
                  render: (_: unknown, r: SoftwareRuleDto) => (
                    <Popconfirm
                      title={t('swProduct.confirmDeleteRule')}
                      okText={t('common.delete')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() =>
                        remove
                          .mutateAsync(r, {
                            onSuccess: () => message.success(t('common.deleted')),
                            onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
                          })
                          .catch(() => undefined)
                      }
                    >
                      <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${r.namePattern}`} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canManage && (
        <>
          <Typography.Title level={2} style={{ fontSize: 15, margin: '24px 0 12px' }}>
            {t('swProduct.addRule')}
          </Typography.Title>
          <ProblemAlert error={add.error} form={form} fields={Object.keys(ruleFields)} />
          <Form<RuleFormValues>
            form={form}
            layout="vertical"
            initialValues={{ priority: 100 }}
            onFinish={onFinish}
            disabled={add.isPending}
            data-testid="rule-form"
          >
            <RuleFields />
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="rule-add">
              {t('swProduct.addRule')}
            </Button>
          </Form>
        </>
      )}
    </Drawer>
  );
}
