import { PictureOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type KbArticleDto, type KbArticleInput, kbStatuses, kbVisibilities } from '@unyo/contracts';
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Tabs, TreeSelect, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { apiUrl } from '../../lib/api.ts';
import { choiceOptions } from '../../lib/format.ts';
import { categoryTreeData } from '../servicedesk/ticket-format.ts';
import { useTicketCategories } from '../servicedesk/tickets.api.ts';
import { imageMarkup, KbBody } from './kb-body.tsx';
import { createArticle, kbKeys, updateArticle, uploadImage } from './knowledge.api.ts';

type Values = {
  jaTitle?: string;
  jaBody?: string;
  enTitle?: string;
  enBody?: string;
  categoryId?: string | null;
  visibility: KbArticleInput['visibility'];
  status: KbArticleInput['status'];
  tags: string[];
  note?: string;
};
type Shot = { fileId: string; name: string; url: string };

const fields = ['jaTitle', 'jaBody', 'enTitle', 'enBody', 'categoryId', 'visibility', 'status', 'tags', 'note'];
const aliases = { 'ja.title': 'jaTitle', 'ja.body': 'jaBody', 'en.title': 'enTitle', 'en.body': 'enBody' };

function valuesOf(a: KbArticleDto | null): Values {
  return {
    jaTitle: a?.ja?.title,
    jaBody: a?.ja?.body,
    enTitle: a?.en?.title,
    enBody: a?.en?.body,
    categoryId: a?.category?.id ?? null,
    visibility: a?.visibility ?? 'internal',
    status: a?.status ?? 'draft',
    tags: a?.tags ?? [],
  };
}

/** Create or edit an article: both languages in tabs, images uploaded and placed in the body where the cursor is. */
export function KbArticleEditor({
  article,
  onSaved,
  onCancel,
  onReload,
}: {
  article: KbArticleDto | null;
  onSaved: (a: KbArticleDto) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const categories = useTicketCategories();
  const [tab, setTab] = useState<'ja' | 'en'>(locale);
  const [shots, setShots] = useState<Shot[]>(article?.screenshots.map((s) => ({ fileId: s.fileId, name: s.name, url: s.url })) ?? []);
  const [uploading, setUploading] = useState(false);
  const jaBody = Form.useWatch('jaBody', form) ?? '';
  const enBody = Form.useWatch('enBody', form) ?? '';

  const save = useMutation({
    mutationFn: (v: Values) => {
      const input: KbArticleInput = {
        ja: { title: v.jaTitle ?? null, body: v.jaBody ?? null },
        en: { title: v.enTitle ?? null, body: v.enBody ?? null },
        categoryId: v.categoryId ?? null,
        visibility: v.visibility,
        status: v.status,
        tags: v.tags ?? [],
        screenshotFileIds: shots.map((s) => s.fileId),
        note: v.note ?? null,
      };
      return article ? updateArticle(article.id, input, article.version) : createArticle(input);
    },
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: kbKeys.all });
      message.success(t('common.saved'));
      onSaved(a);
    },
  });

  const insertImage = async (file: File) => {
    setUploading(true);
    try {
      const f = await uploadImage(file);
      setShots((s) => [...s, { fileId: f.id, name: f.name, url: apiUrl(`/files/${f.id}/content`) }]);
      const field = tab === 'ja' ? 'jaBody' : 'enBody';
      const body = (form.getFieldValue(field) as string | undefined) ?? '';
      form.setFieldValue(field, `${body}${body && !body.endsWith('\n') ? '\n' : ''}${imageMarkup(f.name, f.id)}\n`);
    } catch (err) {
      message.error(problemText(err, t('common.unexpectedError')));
    } finally {
      setUploading(false);
    }
  };
  const images = Object.fromEntries(shots.map((s) => [s.fileId.toLowerCase(), s.url]));

  const langPane = (lang: 'ja' | 'en', body: string) => (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Form.Item name={lang === 'ja' ? 'jaTitle' : 'enTitle'} label={t('kb.articleTitle')}>
          <Input maxLength={200} data-testid={`kb-title-${lang}`} />
        </Form.Item>
        <Form.Item name={lang === 'ja' ? 'jaBody' : 'enBody'} label={t('kb.body')} extra={t('kb.bodyHint')}>
          <Input.TextArea autoSize={{ minRows: 12, maxRows: 30 }} maxLength={50_000} data-testid={`kb-body-${lang}`} />
        </Form.Item>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('kb.preview')}>
          <KbBody body={body} images={images} />
        </Card>
      </Col>
    </Row>
  );

  return (
    <Form<Values> form={form} layout="vertical" initialValues={valuesOf(article)} onFinish={(v) => save.mutate(v)}>
      <ProblemAlert error={save.error} form={form} fields={fields} fieldAliases={aliases} onReload={onReload} />
      <p style={{ color: '#888' }}>{t('kb.langHint')}</p>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'ja' | 'en')}
        items={[
          { key: 'ja', label: t('kb.ja'), forceRender: true, children: langPane('ja', jaBody) },
          { key: 'en', label: t('kb.en'), forceRender: true, children: langPane('en', enBody) },
        ]}
        tabBarExtraContent={
          <Upload
            accept="image/png,image/jpeg,image/gif"
            showUploadList={false}
            beforeUpload={(f) => {
              void insertImage(f);
              return false;
            }}
          >
            <Button icon={<PictureOutlined />} loading={uploading} data-testid="kb-add-image">
              {t('kb.addImage')}
            </Button>
          </Upload>
        }
      />
      {shots.length > 0 && (
        <Form.Item label={t('kb.screenshots')}>
          <Space wrap>
            {shots.map((s) => (
              <Button key={s.fileId} size="small" onClick={() => setShots((x) => x.filter((y) => y.fileId !== s.fileId))} title={t('kb.removeImage')}>
                {s.name} ×
              </Button>
            ))}
          </Space>
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="categoryId" label={t('kb.category')}>
            <TreeSelect allowClear treeData={categoryTreeData(categories.data?.items, locale, article?.category?.id)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="visibility" label={t('kb.visibility')}>
            <Select options={choiceOptions(kbVisibilities.items, locale)} data-testid="kb-visibility" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="status" label={t('kb.status')}>
            <Select options={choiceOptions(kbStatuses.items, locale)} data-testid="kb-status" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="tags" label={t('kb.tags')}>
        <Select mode="tags" tokenSeparators={[',', '、', ' ']} maxCount={20} />
      </Form.Item>
      <Form.Item name="note" label={t('kb.versionNote')}>
        <Input maxLength={500} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="kb-save">
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
