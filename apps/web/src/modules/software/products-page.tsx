import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import type { SoftwareProductDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { RowActions } from '../../components/row-actions.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { useListParams } from '../../lib/list-params.ts';
import { ProductFormDrawer } from './product-form.tsx';
import { RulesDrawer } from './product-rules.tsx';
import { deleteProduct, listProducts, softwareKeys, useSoftwareMutation } from './software.api.ts';
import { UnmappedTab } from './unmapped-tab.tsx';

const listKeys = ['q', 'tab'] as const;

type Editing = { product?: SoftwareProductDto } | null;

function ProductsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useListParams(listKeys);
  const [editing, setEditing] = useState<Editing>(null);
  const [rulesOf, setRulesOf] = useState<SoftwareProductDto | null>(null);
  const canManage = useCan('software-product.manage');
  const remove = useSoftwareMutation((p: SoftwareProductDto) => deleteProduct(p.id, p.version));
  const filters = { q: params.q };

  const onDelete = (p: SoftwareProductDto) =>
    remove.mutateAsync(p, {
      onSuccess: () => message.success(t('common.deleted')),
      onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
    });

  const columns: TableColumnsType<SoftwareProductDto> = [
    { key: 'publisher', title: t('swProduct.publisher'), dataIndex: 'publisher', width: 200, ellipsis: true },
    { key: 'name', title: t('swProduct.name'), dataIndex: 'name', width: 280, ellipsis: true },
    { key: 'editionFamily', title: t('swProduct.editionFamily'), dataIndex: 'editionFamily', width: 160, ellipsis: true },
    {
      key: 'rules',
      title: t('swProduct.rules'),
      width: 170,
      render: (_, p) => (
        <Button size="small" icon={<ApartmentOutlined />} onClick={() => setRulesOf(p)} data-testid={`product-rules-${p.name}`}>
          {`${t('swProduct.editRules')} (${t('swProduct.ruleCount', { count: p.rules.length })})`}
        </Button>
      ),
    },
    { key: 'note', title: t('swProduct.note'), dataIndex: 'note', width: 240, ellipsis: true },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      fixed: 'right',
      render: (_, p) => (
        <RowActions
          name={p.name}
          canEdit={canOn(p, 'update')}
          canDelete={canOn(p, 'delete')}
          onEdit={() => setEditing({ product: p })}
          onDelete={() => onDelete(p)}
        />
      ),
    },
  ];

  return (
    <>
      <DataTable<SoftwareProductDto>
        queryKey={softwareKeys.list('products', filters)}
        fetchPage={(cursor) => listProducts(filters, cursor)}
        columns={columns}
        rowKey="id"
        ledger="software-products"
        onRowOpen={(p) => setRulesOf(p)}
        toolbar={
          <Space wrap>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('swProduct.searchPlaceholder')} width={300} />
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="product-create" onClick={() => setEditing({})}>
                {t('common.create')}
              </Button>
            )}
          </Space>
        }
      />
      {editing && <ProductFormDrawer product={editing.product} onClose={() => setEditing(null)} />}
      {rulesOf && <RulesDrawer product={rulesOf} onClose={() => setRulesOf(null)} />}
    </>
  );
}

/** ソフトウェア製品: the catalogue licences entitle, its normalization rules, and the names still unmapped. */
export function ProductsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useListParams(listKeys);
  return (
    <>
      <PageHeader title={t('swProduct.title')} description={t('swProduct.description')} />
      <Tabs
        activeKey={params.tab ?? 'products'}
        onChange={(tab) => setParams({ tab: tab === 'products' ? undefined : tab, q: undefined })}
        destroyOnHidden
        items={[
          { key: 'products', label: t('swProduct.tabProducts'), children: <ProductsTab /> },
          { key: 'unmapped', label: t('swProduct.tabUnmapped'), children: <UnmappedTab /> },
        ]}
      />
    </>
  );
}
