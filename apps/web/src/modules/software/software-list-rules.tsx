import { DeleteOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { SoftwareListRuleInput, type SoftwareListRules, softwareListKinds } from '@unyo/contracts';
import { Alert, App, Button, Col, Flex, Form, Input, Popconfirm, Radio, Row, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { cleanFormValues, useSchemaField, useSchemaParse } from '../../lib/form.ts';
import { choiceOptions } from '../../lib/format.ts';
import { addListRule, deleteListRule, getListRules, runSoftwareFindingChecks, setListMode, softwareKeys, useSoftwareMutation } from './software.api.ts';
import { ProductSelect } from './software-selects.tsx';

type Rule = z.infer<typeof SoftwareListRules>['items'][number];
type Mode = z.infer<typeof SoftwareListRules>['mode'];
type RuleValues = { kind?: string; productId?: string | null; namePattern?: string | null; publisherPattern?: string | null; note?: string | null };
type RunResult = Awaited<ReturnType<typeof runSoftwareFindingChecks>>;

const ruleFields = SoftwareListRuleInput.shape;

/** The check mode and the "check now" button; changing either is for holders of software-finding.manage. */
function ModeAndRun({ mode, canManage }: { mode: Mode | undefined; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [result, setResult] = useState<RunResult | null>(null);
  const changeMode = useSoftwareMutation((m: Mode) => setListMode({ mode: m }));
  const run = useSoftwareMutation(runSoftwareFindingChecks);
  const onError = (err: unknown) => message.error(problemText(err, t('common.unexpectedError')));

  return (
    <>
      <Flex gap={16} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={12} align="center">
          <Typography.Text strong>{t('swFinding.mode')}</Typography.Text>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={mode}
            disabled={!canManage || !mode || changeMode.isPending}
            onChange={(e) => changeMode.mutate(e.target.value as Mode, { onSuccess: () => message.success(t('swFinding.modeChanged')), onError })}
            options={[
              { value: 'deny', label: t('swFinding.modeDeny') },
              { value: 'allow', label: t('swFinding.modeAllow') },
            ]}
            data-testid="finding-mode"
          />
        </Flex>
        {canManage && (
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={run.isPending}
            data-testid="finding-run"
            onClick={() =>
              run.mutate(undefined, {
                onSuccess: (r) => {
                  setResult(r);
                  message.success(t('swFinding.runDone'));
                },
                onError,
              })
            }
          >
            {t('swFinding.runNow')}
          </Button>
        )}
      </Flex>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={mode === 'allow' ? t('swFinding.modeAllowHint') : t('swFinding.modeDenyHint')} />
      {result && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setResult(null) }}
          style={{ marginBottom: 12 }}
          title={`${t('swFinding.runDone')}: ${t('swFinding.runResult', result)}`}
          data-testid="finding-run-result"
        />
      )}
    </>
  );
}

function AddRuleForm() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const schemaField = useSchemaField();
  const parse = useSchemaParse();
  const [form] = Form.useForm<RuleValues>();
  const add = useSoftwareMutation(addListRule);

  const onFinish = (values: RuleValues) => {
    const r = parse(SoftwareListRuleInput, cleanFormValues(values, SoftwareListRuleInput));
    if (!r.ok) {
      form.setFields(r.fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    add.mutate(r.data, {
      onSuccess: () => {
        message.success(t('swFinding.ruleAdded'));
        form.resetFields();
      },
    });
  };
  const text = (name: 'namePattern' | 'publisherPattern' | 'note', max: number, label: string) => (
    <Form.Item name={name} label={label} {...schemaField(ruleFields[name])}>
      <Input maxLength={max} autoComplete="off" />
    </Form.Item>
  );

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 15, margin: '24px 0 12px' }}>
        {t('swFinding.addRule')}
      </Typography.Title>
      <ProblemAlert error={add.error} form={form} fields={Object.keys(ruleFields)} />
      <Form<RuleValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'deny' }}
        onFinish={onFinish}
        disabled={add.isPending}
        data-testid="list-rule-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={6}>
            <Form.Item name="kind" label={t('swFinding.kind')} {...schemaField(ruleFields.kind)}>
              <Select options={choiceOptions(softwareListKinds.items, locale)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={18}>
            <Form.Item name="productId" label={t('swFinding.productId')}>
              <ProductSelect allowClear />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            {text('namePattern', 200, t('swFinding.namePattern'))}
          </Col>
          <Col xs={24} sm={12}>
            {text('publisherPattern', 200, t('swFinding.publisherPattern'))}
          </Col>
        </Row>
        {text('note', 500, t('swFinding.ruleNote'))}
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="list-rule-add">
          {t('swFinding.addRule')}
        </Button>
      </Form>
    </>
  );
}

/** 許可・禁止リスト: the check mode, the list rules and the check run (2.2.p). */
export function ListRulesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('software-finding.manage');
  const rules = useQuery({ queryKey: softwareKeys.listRules, queryFn: getListRules });
  const remove = useSoftwareMutation((r: Rule) => deleteListRule(r.id));
  const dash = (v: string | null) => v ?? t('common.none');
  const ruleName = (r: Rule) => r.product?.name ?? r.namePattern ?? r.publisherPattern ?? '';

  return (
    <>
      <ModeAndRun mode={rules.data?.mode} canManage={canManage} />
      <ProblemAlert error={rules.error} />
      <Typography.Paragraph type="secondary">{t('swFinding.rulesHint')}</Typography.Paragraph>
      <Table<Rule>
        size="small"
        rowKey="id"
        pagination={false}
        loading={rules.isPending}
        dataSource={rules.data?.items ?? []}
        locale={{ emptyText: t('swFinding.noRules') }}
        data-testid="list-rules"
        columns={[
          { key: 'kind', title: t('swFinding.kind'), width: 90, render: (_, r) => <StatusTag items={softwareListKinds.items} value={r.kind} /> },
          {
            key: 'product',
            title: t('swFinding.product'),
            render: (_, r) => (r.product ? [r.product.publisher, r.product.name].filter(Boolean).join(' ') : dash(null)),
          },
          {
            key: 'namePattern',
            title: t('swFinding.namePattern'),
            render: (_, r) => (r.namePattern ? <Typography.Text code>{r.namePattern}</Typography.Text> : dash(null)),
          },
          { key: 'publisherPattern', title: t('swFinding.publisherPattern'), render: (_, r) => dash(r.publisherPattern) },
          { key: 'note', title: t('swFinding.ruleNote'), render: (_, r) => dash(r.note) },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 90,
                  render: (_: unknown, r: Rule) => (
                    <Popconfirm
                      title={t('swFinding.confirmDeleteRule')}
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
                      <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${ruleName(r)}`} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canManage && <AddRuleForm />}
    </>
  );
}
