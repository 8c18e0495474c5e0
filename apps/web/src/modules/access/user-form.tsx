import { type Locale, roleLabels, roleNames, UserCreateInput, type UserDto, UserUpdateInput } from '@unyo/contracts';
import { App, Col, Form, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { cleanFormValues, useSchemaField } from '../../lib/form.ts';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { createUser, getUser, updateUser, useUserMutation } from './access.api.ts';
import { PersonSelect } from './person-select.tsx';

type ScopeKind = 'all' | 'own' | 'sites';
type UserFormValues = {
  email?: string;
  displayName?: string;
  personId?: string | null;
  roles?: string[];
  scopeKind?: ScopeKind;
  siteIds?: string[];
  active?: boolean;
  locale?: Locale;
  password?: string;
};

const formFields = ['email', 'displayName', 'personId', 'roles', 'scopeKind', 'siteIds', 'active', 'locale', 'password'];
/** The API nests the site scope; the form shows it as two fields. */
const aliases: Record<string, string> = { siteScope: 'scopeKind', 'siteScope.kind': 'scopeKind', 'siteScope.siteIds': 'siteIds' };

function toValues(u: UserDto): UserFormValues {
  return {
    email: u.email,
    displayName: u.displayName,
    personId: u.personId,
    roles: u.roles,
    scopeKind: u.siteScope.kind,
    siteIds: u.siteScope.kind === 'sites' ? u.siteScope.siteIds : [],
    active: u.active,
    locale: u.locale,
    password: undefined,
  };
}

function toInput(v: UserFormValues, schema: typeof UserCreateInput | typeof UserUpdateInput) {
  const { scopeKind, siteIds, ...rest } = v;
  const siteScope = scopeKind === 'sites' ? { kind: scopeKind, siteIds: siteIds ?? [] } : { kind: scopeKind ?? 'all' };
  return { ...cleanFormValues(rest, schema), siteScope };
}

type UserFormDrawerProps = { open: boolean; user?: UserDto; onClose: () => void };

export function UserFormDrawer({ open, user, onClose }: UserFormDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const schemaField = useSchemaField();
  const editor = useRecordEditor({ form, initial: user, load: getUser, toValues });
  const scopeKind = Form.useWatch('scopeKind', form);
  const save = useUserMutation((input: Record<string, unknown>) => {
    const r = editor.record;
    return r ? updateUser(r.id, r.version, input as UserUpdateInput) : createUser(input as UserCreateInput);
  });
  const shape = editor.isEdit ? UserUpdateInput.shape : UserCreateInput.shape;

  const onFinish = (values: UserFormValues) => {
    const schema = editor.isEdit ? UserUpdateInput : UserCreateInput;
    const input = toInput(editor.isEdit ? { ...values, email: undefined } : values, schema);
    const data = editor.validate(schema, input, aliases);
    if (!data) return;
    save.mutate(data, {
      onSuccess: () => {
        message.success(editor.isEdit ? t('common.saved') : t('common.created'));
        onClose();
      },
    });
  };

  const roleOptions = roleNames.map((r) => ({ value: r, label: roleLabels[r][locale] }));

  return (
    <FormDrawer
      open={open}
      title={editor.isEdit ? t('user.edit') : t('user.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      width={600}
    >
      <ProblemAlert
        error={save.error}
        form={form}
        fields={formFields}
        fieldAliases={aliases}
        onReload={() => void editor.reload(() => save.reset())}
        reloading={editor.reloading}
      />
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        initialValues={user ? toValues(user) : { roles: ['operator'], scopeKind: 'all', siteIds: [], locale: 'ja' }}
        onFinish={onFinish}
        disabled={save.isPending}
      >
        {editor.isEdit ? (
          <Form.Item label={t('user.email')}>
            <Typography.Text copyable>{editor.record?.email}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="email" label={t('user.email')} {...schemaField(UserCreateInput.shape.email)}>
            <Input inputMode="email" maxLength={254} autoComplete="off" />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="displayName" label={t('user.displayName')} {...schemaField(shape.displayName)}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="personId" label={t('user.person')} {...schemaField(shape.personId)}>
              <PersonSelect initialLabel={editor.record?.personName ?? undefined} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="roles" label={t('user.roles')} {...schemaField(UserCreateInput.shape.roles)}>
          <Select mode="multiple" options={roleOptions} />
        </Form.Item>
        <Form.Item name="scopeKind" label={t('user.siteScope')} required>
          <Radio.Group
            options={[
              { value: 'all', label: t('user.scopeAll') },
              { value: 'own', label: t('user.scopeOwn') },
              { value: 'sites', label: t('user.scopeSites') },
            ]}
          />
        </Form.Item>
        {scopeKind === 'sites' && (
          <Form.Item
            name="siteIds"
            label={t('user.sites')}
            required
            rules={[
              {
                validator: async (_rule, value: string[] | undefined) => {
                  if (!value?.length) throw new Error(t('validation.minItems', { min: 1 }));
                },
              },
            ]}
          >
            <SiteSelect mode="multiple" />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="locale" label={t('user.locale')}>
              <Select
                options={[
                  { value: 'ja', label: '日本語' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
          </Col>
          {editor.isEdit && (
            <Col xs={24} sm={12}>
              <Form.Item name="active" label={t('user.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item
          name="password"
          label={editor.isEdit ? t('user.resetPassword') : t('user.password')}
          extra={editor.isEdit ? `${t('user.resetPasswordHint')} ${t('auth.passwordPolicy')}` : t('auth.passwordPolicy')}
          {...schemaField(shape.password)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
