import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/can.ts';
import { useListParams } from '../../lib/list-params.ts';
import { DiskTab } from './disk-tab.tsx';
import { EventsTab } from './events-tab.tsx';
import { HookTokensTab } from './hook-tokens-tab.tsx';
import { ReportTab } from './report-tab.tsx';
import { RulesTab } from './rules-tab.tsx';
import { TargetsTab } from './targets-tab.tsx';

/** 監視: events from the monitoring tools, the monitored-target register (6.a), rules, disk space (6.d/6.e), the monthly report (6.i) and webhook tokens. */
export function MonitoringPage() {
  const { t } = useTranslation();
  const canTokens = useCan('hook-token.manage');
  const [params, setParams] = useListParams(['tab', 'view', 'weekOf'] as const);
  const items = [
    { key: 'events', label: t('monitoring.tabEvents'), children: <EventsTab /> },
    { key: 'targets', label: t('monitoring.tabTargets'), children: <TargetsTab /> },
    { key: 'rules', label: t('monitoring.tabRules'), children: <RulesTab /> },
    { key: 'disks', label: t('monitoring.tabDisks'), children: <DiskTab /> },
    { key: 'report', label: t('monitoring.tabReport'), children: <ReportTab /> },
    ...(canTokens ? [{ key: 'tokens', label: t('monitoring.tabTokens'), children: <HookTokensTab /> }] : []),
  ];
  return (
    <>
      <PageHeader title={t('monitoring.title')} description={t('monitoring.description')} />
      <Tabs
        activeKey={params.tab ?? 'events'}
        onChange={(tab) => setParams({ tab: tab === 'events' ? undefined : tab, view: undefined, weekOf: undefined })}
        destroyOnHidden
        items={items}
      />
    </>
  );
}
