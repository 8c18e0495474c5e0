import { ArrowLeftOutlined } from '@ant-design/icons';
import { requesterTypes, TicketCreateInput, ticketChannels, ticketLanguages, ticketPriorities, ticketTeams } from '@unyo/contracts';
import { App, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Space, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { cleanFormValue, useSchemaParse } from '../../lib/form.ts';
import { choiceOptions } from '../../lib/format.ts';
import { useCurrentUser } from '../../lib/session.ts';
import { SuggestedArticles } from '../knowledge/suggested-articles.tsx';
import { SiteSelect } from '../org/org-selects.tsx';
import { RequesterPersonSelect } from './requester-person-select.tsx';
import { categoryCodeOf, detailAliases, detailKeysFor, detailsFromForm, TicketDetailInputs } from './ticket-details.tsx';
import { categoryOwnerHint, categoryTreeData } from './ticket-format.ts';
import { createTicket, useTicketCategories, useTicketMutation } from './tickets.api.ts';

type Values = {
  channel: string;
  language: string;
  requesterKind: 'person' | 'free';
  requesterPersonId?: string | null;
  requesterName?: string;
  requesterEmail?: string;
  requesterPhone?: string;
  requesterOrganization?: string;
  siteId?: string;
  requesterType: string;
  categoryId?: string | null;
  priority: string;
  team: string;
  subject?: string;
  description?: string;
  installRequest: boolean;
  assignToMe: boolean;
};

/** Server / schema paths → the form's flat field names. */
const aliases: Record<string, string> = {
  'requester.personId': 'requesterPersonId',
  'requester.name': 'requesterName',
  'requester.email': 'requesterEmail',
  'requester.phone': 'requesterPhone',
  'requester.organization': 'requesterOrganization',
  requester: 'requesterName',
};
const fieldNames = [
  'channel',
  'language',
  'siteId',
  'requesterType',
  'categoryId',
  'priority',
  'team',
  'subject',
  'description',
  'installRequest',
  ...Object.values(aliases),
];

const text = (v: unknown) => cleanFormValue(typeof v === 'string' ? v.trim() : v) ?? null;

/** Phone and walk-in entry: the operator types the inquiry while talking to the requester. */
export function TicketNewPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const parse = useSchemaParse();
  const categories = useTicketCategories();
  const save = useTicketMutation(createTicket);
  const kind = Form.useWatch('requesterKind', form) ?? 'person';
  const subject = Form.useWatch('subject', form) ?? '';
  const description = Form.useWatch('description', form) ?? '';
  const categoryId = Form.useWatch('categoryId', form);
  const ownerHint = categoryOwnerHint(categories.data?.items, categoryId, locale);
  const detailKeys = detailKeysFor(categoryCodeOf(categories.data?.items, categoryId));
  const allAliases = { ...aliases, ...detailAliases(detailKeys) };

  const onFinish = (v: Values) => {
    const requester =
      v.requesterKind === 'person'
        ? { personId: v.requesterPersonId ?? null }
        : { name: text(v.requesterName), email: text(v.requesterEmail), phone: text(v.requesterPhone), organization: text(v.requesterOrganization) };
    if (
      !requester.personId &&
      !('name' in requester && requester.name) &&
      !('email' in requester && requester.email) &&
      !('phone' in requester && requester.phone)
    ) {
      form.setFields([{ name: v.requesterKind === 'person' ? 'requesterPersonId' : 'requesterName', errors: [t('ticket.requesterRequired')] }]);
      return;
    }
    const details = detailsFromForm(v as unknown as Record<string, unknown>, detailKeys);
    const input = {
      channel: v.channel,
      language: v.language,
      requester,
      siteId: v.siteId,
      requesterType: v.requesterType,
      categoryId: v.categoryId ?? null,
      priority: v.priority,
      team: v.team,
      subject: v.subject ?? '',
      description: v.description ?? '',
      installRequest: v.installRequest,
      assigneeId: v.assignToMe ? me.id : null,
      details: Object.keys(details).length > 0 ? details : undefined,
    };
    const r = parse(TicketCreateInput, input);
    if (!r.ok) {
      form.setFields(r.fields.map((f) => ({ ...f, name: [allAliases[f.name.join('.')] ?? String(f.name[0])] })) as Parameters<typeof form.setFields>[0]);
      return;
    }
    save.mutate(r.data, {
      onSuccess: (ticket) => {
        message.success(t('ticket.createdMessage', { number: ticket.number }));
        navigate(`/tickets/${ticket.id}`);
      },
    });
  };

  return (
    <>
      <Link to="/tickets" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('ticket.backToList')}
      </Link>
      <PageHeader title={t('ticket.create')} description={t('ticket.createHint')} />
      <ProblemAlert error={save.error} form={form} fields={[...fieldNames, ...Object.values(allAliases)]} fieldAliases={allAliases} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={save.isPending}
        initialValues={{
          channel: 'phone',
          language: 'ja',
          requesterKind: 'person',
          priority: 'normal',
          team: 'helpdesk',
          installRequest: false,
          assignToMe: true,
        }}
      >
        <Row gutter={24}>
          <Col xs={24} xl={15}>
            <Card size="small" title={t('ticket.sectionRequester')} style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                <Col xs={12} md={6}>
                  <Form.Item name="channel" label={t('ticket.channel')} required>
                    <Select options={choiceOptions(ticketChannels.items, locale)} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="language" label={t('ticket.language')} required>
                    <Select options={choiceOptions(ticketLanguages.items, locale)} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="requesterKind" label={t('ticket.requesterKind')}>
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'person', label: t('ticket.requesterFromPeople') },
                        { value: 'free', label: t('ticket.requesterFree') },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </Row>
              {kind === 'person' ? (
                <Form.Item name="requesterPersonId" label={t('ticket.requester')} required>
                  <RequesterPersonSelect
                    data-testid="ticket-requester-person"
                    onPicked={(p) => {
                      if (p && !form.getFieldValue('siteId')) form.setFieldValue('siteId', p.site.id);
                    }}
                  />
                </Form.Item>
              ) : (
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item name="requesterName" label={t('ticket.requesterName')}>
                      <Input maxLength={200} data-testid="ticket-requester-name" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="requesterOrganization" label={t('ticket.requesterOrganization')}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="requesterEmail" label={t('ticket.requesterEmail')}>
                      <Input type="email" maxLength={254} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="requesterPhone" label={t('ticket.requesterPhone')}>
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                </Row>
              )}
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name="siteId" label={t('ticket.site')} required>
                    <SiteSelect />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="requesterType" label={t('ticket.requesterType')}>
                    <Select options={choiceOptions(requesterTypes.items, locale)} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card size="small" title={t('ticket.sectionInquiry')}>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name="categoryId" label={t('ticket.category')} extra={ownerHint ? t('ticket.ownerHint', { owner: ownerHint }) : undefined}>
                    <TreeSelect
                      allowClear
                      showSearch={{ treeNodeFilterProp: 'title' }}
                      treeDefaultExpandAll
                      treeData={categoryTreeData(categories.data?.items, locale)}
                      loading={categories.isPending}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="priority" label={t('ticket.priority')}>
                    <Select options={choiceOptions(ticketPriorities.items, locale)} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="team" label={t('ticket.team')}>
                    <Select options={choiceOptions(ticketTeams.items, locale)} />
                  </Form.Item>
                </Col>
              </Row>
              <TicketDetailInputs keys={detailKeys} />
              <Form.Item name="subject" label={t('ticket.subject')} required>
                <Input maxLength={300} data-testid="ticket-subject" />
              </Form.Item>
              <Form.Item name="description" label={t('ticket.descriptionField')}>
                <Input.TextArea rows={8} maxLength={20_000} data-testid="ticket-description" />
              </Form.Item>
              <Space wrap size={24}>
                <Form.Item name="installRequest" valuePropName="checked" noStyle>
                  <Checkbox>{t('ticket.installRequest')}</Checkbox>
                </Form.Item>
                <Form.Item name="assignToMe" valuePropName="checked" noStyle>
                  <Checkbox>{t('ticket.assignToMe')}</Checkbox>
                </Form.Item>
              </Space>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
                {t('ticket.installRequestHint')}
              </Typography.Paragraph>
            </Card>
            <Space style={{ marginTop: 16 }}>
              <Button onClick={() => navigate('/tickets')}>{t('common.cancel')}</Button>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="ticket-save">
                {t('ticket.register')}
              </Button>
            </Space>
          </Col>
          <Col xs={24} xl={9}>
            <SuggestedArticles text={`${subject} ${description}`.trim()} />
          </Col>
        </Row>
      </Form>
    </>
  );
}
