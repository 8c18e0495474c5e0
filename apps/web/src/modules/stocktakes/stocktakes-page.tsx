import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { assetCategories, type StocktakeCreateInput, type StocktakeDto, stocktakeModes, stocktakeStatuses } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Checkbox, DatePicker, Drawer, Form, Input, Progress, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { choiceOptions, datePickerFormat, formatDate, localName } from '../../lib/format.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { createStocktake, listStocktakes, stocktakeKeys } from './stocktakes.api.ts';

export function StocktakesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const canManage = useCan('stocktake.manage');
  const [status, setStatus] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const params = { status, limit: 200 };
  const { data, isPending } = useQuery({ queryKey: stocktakeKeys.list(params), queryFn: () => listStocktakes(params) });

  const columns: TableColumnsType<StocktakeDto> = [
    { key: 'name', title: t('stocktake.name'), render: (_, s) => <Link to={`/stocktakes/${s.id}`}>{s.name}</Link> },
    { key: 'mode', title: t('stocktake.mode'), width: 170, render: (_, s) => <StatusTag items={stocktakeModes.items} value={s.mode} /> },
    { key: 'status', title: t('stocktake.status'), width: 100, render: (_, s) => <StatusTag items={stocktakeStatuses.items} value={s.status} /> },
    {
      key: 'sites',
      title: t('stocktake.sites'),
      ellipsis: true,
      render: (_, s) => s.sites.map((x) => localName(x.site, locale)).join('、'),
    },
    { key: 'dueOn', title: t('stocktake.dueOn'), width: 120, render: (_, s) => formatDate(s.dueOn, locale) },
    {
      key: 'progress',
      title: t('stocktake.progress'),
      width: 220,
      render: (_, s) => (
        <Progress
          percent={s.progress.percent}
          size="small"
          status={s.status === 'closed' ? 'success' : 'active'}
          format={() => `${s.progress.checked}/${s.progress.expected}`}
          data-testid="stocktake-progress"
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('stocktake.title')}
        description={t('stocktake.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="stocktake-create" onClick={() => setCreating(true)}>
              {t('common.create')}
            </Button>
          )
        }
      />
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('stocktake.status')}
          style={{ width: 160 }}
          value={status}
          options={choiceOptions(stocktakeStatuses.items, locale)}
          onChange={setStatus}
          aria-label={t('stocktake.status')}
        />
      </Space>
      <Table<StocktakeDto>
        rowKey="id"
        loading={isPending}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        onRow={(s) => ({ onDoubleClick: () => navigate(`/stocktakes/${s.id}`) })}
      />
      {creating && <CreateStocktakeDrawer onClose={() => setCreating(false)} onCreated={(s) => navigate(`/stocktakes/${s.id}`)} />}
    </>
  );
}

type FormValues = Omit<StocktakeCreateInput, 'dueOn'> & { dueOn: Dayjs };

function CreateStocktakeDrawer({ onClose, onCreated }: { onClose: () => void; onCreated: (s: StocktakeDto) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const mode = Form.useWatch('mode', form);
  const create = useMutation({
    mutationFn: (v: FormValues) => createStocktake({ ...v, dueOn: v.dueOn.format('YYYY-MM-DD') }),
    onSuccess: (s) => {
      void qc.invalidateQueries({ queryKey: stocktakeKeys.all });
      message.success(t('stocktake.created', { count: s.progress.expected }));
      onCreated(s);
    },
  });
  return (
    <Drawer
      open
      title={t('stocktake.title')}
      size={520}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} data-testid="stocktake-save" onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert error={create.error} form={form} fields={['name', 'mode', 'dueOn', 'siteIds', 'categories', 'note']} />
      <Form<FormValues> form={form} layout="vertical" initialValues={{ mode: 'visual', includeStock: true }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="name" label={t('stocktake.name')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input data-testid="stocktake-name" maxLength={200} />
        </Form.Item>
        <Form.Item name="mode" label={t('stocktake.mode')} rules={[{ required: true }]}>
          <Select options={choiceOptions(stocktakeModes.items, locale)} data-testid="stocktake-mode" />
        </Form.Item>
        {mode === 'remote' && <p style={{ marginTop: -8 }}>{t('stocktake.recipientsHint')}</p>}
        <Form.Item name="dueOn" label={t('stocktake.dueOn')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker format={datePickerFormat(locale)} data-testid="stocktake-due" />
        </Form.Item>
        <Form.Item name="siteIds" label={t('stocktake.sites')} rules={[{ required: true, message: t('validation.required') }]}>
          <SiteSelect mode="multiple" data-testid="stocktake-sites" />
        </Form.Item>
        <Form.Item name="categories" label={t('stocktake.categories')} extra={t('stocktake.categoriesHint')}>
          <Select mode="multiple" allowClear options={choiceOptions(assetCategories.items, locale)} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="includeStock" valuePropName="checked">
          <Checkbox>{t('stocktake.includeStock')}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t('stocktake.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
