import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import type { Locale, MeDto } from '@unyo/contracts';
import type { MenuProps } from 'antd';
import { App, Button, Dropdown, Flex, Layout, Menu, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { problemText } from '../components/problem-alert.tsx';
import { homePathOf, useLogout, useMe, useUpdateMyLocale } from '../lib/session.ts';
import { PasswordChangeModal } from '../modules/access/password-change-modal.tsx';
import { changeLocale, currentLocale } from './i18n.ts';
import { navMenuItems, selectedNavKey } from './nav.tsx';

/** Everything behind login: checks the session, then renders the shell around the page. */
export function AppLayout() {
  const { data: me, isPending, isError } = useMe();
  const location = useLocation();

  if (isPending) {
    return (
      <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (!me || isError) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Shell me={me} />;
}

function Shell({ me }: { me: MeDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const location = useLocation();
  const logout = useLogout();
  const updateLocale = useUpdateMyLocale();
  const [collapsed, setCollapsed] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);

  // The account's language preference drives the UI (and the server's problem texts).
  useEffect(() => {
    if (me.locale !== currentLocale()) void changeLocale(me.locale);
  }, [me.locale]);

  const onLocaleChange = (locale: Locale) =>
    updateLocale.mutate(locale, {
      onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
    });

  const onLogout = (everywhere: boolean) => logout.mutate(everywhere);

  const userMenu: MenuProps = {
    items: [
      { key: 'who', label: t('auth.signedInAs', { name: me.email }), disabled: true },
      { type: 'divider' },
      {
        key: 'password',
        icon: <KeyOutlined />,
        label: <span data-testid="change-password">{t('auth.changePassword')}</span>,
        onClick: () => setPasswordOpen(true),
      },
      { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('auth.logout')}</span>, onClick: () => onLogout(false) },
      {
        key: 'logout-all',
        icon: <LogoutOutlined />,
        label: <span data-testid="logout-all">{t('auth.logoutAll')}</span>,
        danger: true,
        onClick: () => onLogout(true),
      },
    ],
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={220} aria-label={t('nav.menu')}>
        <Link to={homePathOf(me)} style={{ display: 'block', padding: '16px 20px', color: '#fff' }}>
          <Typography.Text strong style={{ color: '#fff', fontSize: collapsed ? 14 : 18, whiteSpace: 'nowrap' }}>
            {collapsed ? '運用' : t('app.name')}
          </Typography.Text>
        </Link>
        <Menu theme="dark" mode="inline" selectedKeys={[selectedNavKey(location.pathname)]} items={navMenuItems(me, t)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ borderBottom: '1px solid #f0f0f0' }}>
          <Flex justify="flex-end" align="center" gap={16} style={{ height: '100%' }}>
            <LanguageSwitch onChange={onLocaleChange} />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button type="text" data-testid="user-menu" icon={<UserOutlined />} loading={logout.isPending}>
                {me.displayName} <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      <PasswordChangeModal
        open={passwordOpen || me.mustChangePassword}
        forced={me.mustChangePassword}
        onClose={() => setPasswordOpen(false)}
        onLogout={() => onLogout(false)}
      />
    </Layout>
  );
}
