import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { meetsRequirement, type PermissionRequirement } from '../lib/can.ts';
import { useMe } from '../lib/session.ts';

/** Renders children only when the signed-in user holds `permission` (or one of a list); the server enforces it anyway. */
export function RequirePermission({ permission, children }: { permission: PermissionRequirement; children: ReactNode }) {
  const { data: me } = useMe();
  if (!meetsRequirement(me, permission)) return <Forbidden />;
  return children;
}

export function Forbidden() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('common.forbiddenTitle')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFoundTitle')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
