import { EditOutlined } from '@ant-design/icons';
import {
  compactDetails,
  requesterTypes,
  resolutionCodes,
  type TicketDto,
  TicketUpdateInput,
  ticketChannels,
  ticketLanguages,
  ticketPriorities,
  ticketTeams,
} from '@unyo/contracts';
import { App, Button, Card, Checkbox, Descriptions, Form, Input, Select, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { choiceOptions, localName } from '../../lib/format.ts';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useCurrentUser } from '../../lib/session.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { formatDuration } from './ticket-clock.tsx';
import {
  categoryCodeOf,
  detailAliases,
  detailEntries,
  detailFieldName,
  detailFormValues,
  detailKeysFor,
  detailsFromForm,
  TicketDetailInputs,
} from './ticket-details.tsx';
import { categoryOwnerHint, categoryPath, categoryTreeData, formatSiteTime } from './ticket-format.ts';
import { getTicket, updateTicket, useAssignableUsers, useTicketCategories, useTicketMutation } from './tickets.api.ts';

type BaseValues = {
  subject: string;
  description: string;
  categoryId: string | null;
  priority: string;
  team: string;
  assigneeId: string | null;
  installRequest: boolean;
  language: string;
  siteId: string;
  requesterType: string;
};
/** Plus the category's detail inputs, flat (`detail_<key>`). */
type Values = BaseValues & Record<`detail_${string}`, unknown>;

const fieldNames = Object.keys(TicketUpdateInput.shape);

/** Same content regardless of key order (the server keeps jsonb, which reorders keys). */
function sameDetails(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const norm = (d: Record<string, unknown>) => JSON.stringify(Object.entries(compactDetails(d)).sort(([x], [y]) => x.localeCompare(y)));
  return norm(a) === norm(b);
}

function toValues(t: TicketDto): Values {
  return {
    ...detailFormValues(t.details, Object.keys(t.details)),
    subject: t.subject,
    description: t.description,
    categoryId: t.category?.id ?? null,
    priority: t.priority,
    team: t.team,
    assigneeId: t.assignee?.id ?? null,
    installRequest: t.installRequest,
    language: t.language,
    siteId: t.site.id,
    requesterType: t.requesterType,
  };
}

/** The ticket's fields; "edit" opens a drawer that saves with the version it loaded (If-Match). */
export function TicketFields({ ticket, timeZone }: { ticket: TicketDto; timeZone?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const categories = useTicketCategories();
  const [editing, setEditing] = useState(false);
  const dash = (v: string | null | undefined) => v || t('common.none');
  const time = (v: string | null) => dash(formatSiteTime(v, timeZone, locale));
  const r = ticket.requester;
  const owner = categoryOwnerHint(categories.data?.items, ticket.category?.id, locale);

  return (
    <Card
      size="small"
      title={t('ticket.fields')}
      style={{ marginBottom: 16 }}
      extra={
        canOn(ticket, 'update') && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="ticket-edit">
            {t('common.edit')}
          </Button>
        )
      }
    >
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('ticket.requester')}>
          <div data-testid="ticket-requester">{dash(r.name)}</div>
          {[r.organization, r.email, r.phone].filter(Boolean).map((x) => (
            <Typography.Text key={x} type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {x}
            </Typography.Text>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.requesterType')}>
          <StatusTag items={requesterTypes.items} value={ticket.requesterType} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.site')}>{localName(ticket.site, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('ticket.category')}>
          {dash(categoryPath(categories.data?.items, ticket.category, locale))}
          {owner && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('ticket.ownerHint', { owner })}
            </Typography.Text>
          )}
        </Descriptions.Item>
        {detailEntries(ticket.details, t).map((d) => (
          <Descriptions.Item key={d.key} label={d.label}>
            <span data-testid={`ticket-detail-value-${d.key}`}>{d.value}</span>
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('ticket.priority')}>
          <StatusTag items={ticketPriorities.items} value={ticket.priority} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.assignee')}>{ticket.assignee?.displayName ?? t('ticket.unassigned')}</Descriptions.Item>
        <Descriptions.Item label={t('ticket.team')}>
          <StatusTag items={ticketTeams.items} value={ticket.team} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.channel')}>
          <StatusTag items={ticketChannels.items} value={ticket.channel} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.language')}>
          <StatusTag items={ticketLanguages.items} value={ticket.language} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.installRequest')}>{ticket.installRequest ? t('common.yes') : t('common.no')}</Descriptions.Item>
        <Descriptions.Item label={t('ticket.receivedAtLocal')}>{time(ticket.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('ticket.firstAnsweredAt')}>{time(ticket.firstAnsweredAt)}</Descriptions.Item>
        <Descriptions.Item label={t('ticket.resolvedAt')}>{time(ticket.resolvedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('ticket.closedAt')}>{time(ticket.closedAt)}</Descriptions.Item>
        {ticket.vendorReference && (
          <Descriptions.Item label={t('ticket.vendorReference')}>
            <span data-testid="ticket-vendor-reference">{ticket.vendorReference}</span>
          </Descriptions.Item>
        )}
        {ticket.resolutionCode && (
          <Descriptions.Item label={t('ticket.resolutionCode')}>
            <span data-testid="ticket-resolution" data-code={ticket.resolutionCode}>
              <StatusTag items={resolutionCodes.items} value={ticket.resolutionCode} />
            </span>
          </Descriptions.Item>
        )}
        {ticket.resolutionDepartment && (
          <Descriptions.Item label={t('ticket.resolutionDepartment')}>
            <div data-testid="ticket-resolution-department">
              {localName(ticket.resolutionDepartment, locale)}
              {ticket.resolutionDepartment.mail && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('ticket.resolutionDepartmentContact', { mail: ticket.resolutionDepartment.mail })}
                </Typography.Text>
              )}
            </div>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('ticket.firstContactResolution')}>{ticket.firstContactResolution ? t('common.yes') : t('common.no')}</Descriptions.Item>
        <Descriptions.Item label={t('ticket.handlingTime')}>
          {ticket.handlingSeconds ? formatDuration(ticket.handlingSeconds * 1000, t) : t('common.none')}
        </Descriptions.Item>
        {ticket.reopenCount > 0 && <Descriptions.Item label={t('ticket.reopenCount')}>{ticket.reopenCount}</Descriptions.Item>}
        {ticket.importedFrom && <Descriptions.Item label={t('ticket.importedFrom')}>{ticket.importedFrom}</Descriptions.Item>}
      </Descriptions>
      {editing && <TicketEditDrawer ticket={ticket} onClose={() => setEditing(false)} />}
    </Card>
  );
}

function TicketEditDrawer({ ticket, onClose }: { ticket: TicketDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const editor = useRecordEditor({ form, initial: ticket, load: getTicket, toValues });
  const categories = useTicketCategories();
  const categoryId = Form.useWatch('categoryId', form);
  const detailKeys = detailKeysFor(categoryCodeOf(categories.data?.items, categoryId === undefined ? ticket.category?.id : categoryId));
  const users = useAssignableUsers(useCan('user.read'));
  const save = useTicketMutation((input: TicketUpdateInput) => {
    const r = editor.record ?? ticket;
    return updateTicket(r.id, r.version, input);
  });

  const assignees = new Map<string, string>([[me.id, `${me.displayName}（${t('ticket.assigneeMe')}）`]]);
  if (ticket.assignee) assignees.set(ticket.assignee.id, ticket.assignee.displayName);
  for (const u of users.data ?? []) if (!assignees.has(u.id)) assignees.set(u.id, u.displayName);

  const onFinish = (values: Values) => {
    // Only what changed is sent, so the timeline's "fields changed" lists what the operator actually edited.
    const current = editor.record ?? ticket;
    const before = toValues(current) as Record<string, unknown>;
    const changed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      if (k.startsWith(detailFieldName(''))) continue;
      if ((v ?? null) !== (before[k] ?? null)) changed[k] = v ?? null;
    }
    // A category without details: the server drops the old ones that no longer fit, nothing to send.
    if (detailKeys.length > 0) {
      const details = detailsFromForm(values, detailKeys);
      if (!sameDetails(details, current.details)) changed.details = details;
    }
    if (Object.keys(changed).length === 0) {
      onClose();
      return;
    }
    const data = editor.validate(TicketUpdateInput, changed, detailAliases(detailKeys));
    if (!data) return;
    save.mutate(data, {
      onSuccess: () => {
        message.success(t('common.saved'));
        onClose();
      },
    });
  };

  return (
    <FormDrawer open title={t('ticket.edit')} onClose={onClose} onSubmit={() => form.submit()} submitting={save.isPending} width={640}>
      <ProblemAlert
        error={save.error}
        form={form}
        fields={[...fieldNames, ...detailKeys.map(detailFieldName)]}
        fieldAliases={detailAliases(detailKeys)}
        onReload={() => void editor.reload(() => save.reset())}
        reloading={editor.reloading}
      />
      <Form<Values> form={form} layout="vertical" initialValues={toValues(ticket)} onFinish={onFinish} disabled={save.isPending}>
        <Form.Item name="subject" label={t('ticket.subject')} required>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="description" label={t('ticket.descriptionField')}>
          <Input.TextArea rows={6} maxLength={20_000} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('ticket.category')}>
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            treeData={categoryTreeData(categories.data?.items, locale, ticket.category?.id)}
          />
        </Form.Item>
        <TicketDetailInputs keys={detailKeys} />
        <Form.Item name="siteId" label={t('ticket.site')} required>
          <SiteSelect />
        </Form.Item>
        <Form.Item name="requesterType" label={t('ticket.requesterType')}>
          <Select options={choiceOptions(requesterTypes.items, locale)} />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('ticket.assignee')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('ticket.unassigned')}
            options={[...assignees].map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="team" label={t('ticket.team')}>
          <Select options={choiceOptions(ticketTeams.items, locale)} />
        </Form.Item>
        <Form.Item name="priority" label={t('ticket.priority')}>
          <Select options={choiceOptions(ticketPriorities.items, locale)} />
        </Form.Item>
        <Form.Item name="language" label={t('ticket.language')}>
          <Select options={choiceOptions(ticketLanguages.items, locale)} />
        </Form.Item>
        <Form.Item name="installRequest" valuePropName="checked">
          <Checkbox>{t('ticket.installRequest')}</Checkbox>
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
