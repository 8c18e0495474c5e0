import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { SoftwareProductCreateInput, type SoftwareRuleInput } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Divider, Flex, Form, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { useCan } from '../../lib/can.ts';
import { cleanFormValues, useSchemaParse } from '../../lib/form.ts';
import { ProductFields } from './product-form.tsx';
import { RuleFields, useRuleInput } from './product-rules.tsx';
import { addRule, createProduct, listUnmapped, softwareKeys, useSoftwareMutation } from './software.api.ts';

type UnmappedItem = { name: string; publisher: string | null; installs: number; versions: number };
type FromNameValues = {
  publisher?: string | null;
  name?: string;
  editionFamily?: string | null;
  note?: string | null;
  namePattern?: string;
  publisherPattern?: string | null;
};

/** A reported name as an exact glob: its own `*` and `?` only match themselves as "any one character". */
const exactPattern = (s: string) => s.replace(/[*?]/g, '?');

/** Creates a product and its first rule from one unmapped inventory name. */
function CreateFromNameModal({ item, onClose }: { item: UnmappedItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FromNameValues>();
  const parse = useSchemaParse();
  const toRule = useRuleInput();
  const save = useSoftwareMutation(async ({ product, rule }: { product: SoftwareProductCreateInput; rule: SoftwareRuleInput }) => {
    const created = await createProduct(product);
    return addRule(created.id, rule);
  });

  const onFinish = (values: FromNameValues) => {
    const { namePattern, publisherPattern, ...productValues } = values;
    const product = parse(SoftwareProductCreateInput, cleanFormValues(productValues, SoftwareProductCreateInput));
    const rule = toRule(form, { namePattern, publisherPattern });
    if (!product.ok) form.setFields(product.fields as Parameters<typeof form.setFields>[0]);
    if (!product.ok || !rule) return;
    save.mutate(
      { product: product.data, rule },
      {
        onSuccess: () => {
          message.success(t('swProduct.createdFromName'));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('swProduct.createFromNameTitle', { name: item.name })}
      width={640}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'from-name-ok' }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <ProblemAlert error={save.error} form={form} fields={['publisher', 'name', 'editionFamily', 'note', 'namePattern', 'publisherPattern']} />
      <Form<FromNameValues>
        form={form}
        layout="vertical"
        initialValues={{
          publisher: item.publisher,
          name: item.name,
          namePattern: exactPattern(item.name),
          publisherPattern: item.publisher ? exactPattern(item.publisher) : null,
        }}
        onFinish={onFinish}
        disabled={save.isPending}
      >
        <ProductFields />
        <Divider titlePlacement="start" plain>
          {t('swProduct.rules')}
        </Divider>
        <RuleFields withVersions={false} />
      </Form>
    </Modal>
  );
}

/** Inventory names no rule maps, most installed first: the normalization work queue. */
export function UnmappedTab() {
  const { t } = useTranslation();
  const canManage = useCan('software-product.manage');
  const [q, setQ] = useState<string | undefined>();
  const [creating, setCreating] = useState<UnmappedItem | null>(null);
  const { data, error, isPending } = useQuery({ queryKey: softwareKeys.unmapped(q), queryFn: () => listUnmapped(q) });

  const columns: TableColumnsType<UnmappedItem> = [
    { key: 'name', title: t('swProduct.unmappedName'), dataIndex: 'name', ellipsis: true },
    { key: 'publisher', title: t('swProduct.unmappedPublisher'), dataIndex: 'publisher', width: 240, ellipsis: true },
    { key: 'installs', title: t('swProduct.installs'), dataIndex: 'installs', width: 130, align: 'right' },
    { key: 'versions', title: t('swProduct.versions'), dataIndex: 'versions', width: 120, align: 'right' },
    ...(canManage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 200,
            render: (_: unknown, item: UnmappedItem) => (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(item)} data-testid="from-name">
                {t('swProduct.createFromName')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('swProduct.unmappedHint')}</Typography.Paragraph>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <SearchBox value={q} onChange={setQ} testId="unmapped-search" />
        {data && <Typography.Text type="secondary">{t('swProduct.unmappedTotal', { total: data.total })}</Typography.Text>}
      </Flex>
      {error && <ProblemAlert error={error} />}
      <Table<UnmappedItem>
        size="small"
        rowKey={(r) => `${r.publisher ?? ''}|${r.name}`}
        loading={isPending}
        pagination={false}
        dataSource={data?.items ?? []}
        columns={columns}
        data-testid="unmapped-table"
      />
      {creating && <CreateFromNameModal item={creating} onClose={() => setCreating(null)} />}
    </>
  );
}
