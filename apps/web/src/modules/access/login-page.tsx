import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { type Locale, LoginInput } from '@unyo/contracts';
import { Button, Card, Flex, Form, Input, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { homePathOf, useLogin, useMe } from '../../lib/session.ts';

type LoginValues = { email: string; password: string };

/** Only same-origin paths, so `?next=` cannot send the user elsewhere. */
function safeNext(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const [searchParams] = useSearchParams();
  const schemaField = useSchemaField();
  const { data: me, isPending } = useMe();
  const login = useLogin();
  // Set when the user picks a language here; it then becomes the account's preference.
  const [chosenLocale, setChosenLocale] = useState<Locale | undefined>(undefined);

  useEffect(() => {
    document.title = `${t('auth.loginTitle')} | ${t('app.name')}`;
  }, [t]);

  if (isPending) {
    return (
      <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
        <Spin />
      </Flex>
    );
  }
  if (me) return <Navigate to={safeNext(searchParams.get('next')) ?? homePathOf(me)} replace />;

  return (
    <Flex vertical justify="center" align="center" style={{ minHeight: '100vh', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 420 }} styles={{ body: { padding: 32 } }}>
        <Flex justify="space-between" align="flex-start" gap={16} style={{ marginBottom: 24 }}>
          <div>
            <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
          <LanguageSwitch onChange={setChosenLocale} />
        </Flex>
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          {t('auth.loginTitle')}
        </Typography.Title>
        <ProblemAlert error={login.error} form={form} fields={['email', 'password']} />
        <Form<LoginValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => login.mutate({ ...values, locale: chosenLocale ?? undefined })}
          disabled={login.isPending}
        >
          <Form.Item name="email" label={t('auth.email')} {...schemaField(LoginInput.shape.email)}>
            <Input id="login-email" prefix={<MailOutlined />} inputMode="email" autoComplete="username" autoFocus maxLength={254} />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} {...schemaField(LoginInput.shape.password)}>
            <Input.Password id="login-password" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
