import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/can.ts';
import { useListParams } from '../../lib/list-params.ts';
import { EventsTab } from './events-tab.tsx';
import { HookTokensTab } from './hook-tokens-tab.tsx';
import { RulesTab } from './rules-tab.tsx';
import { TargetsTab } from './targets-tab.tsx';

/** 監視: events from the monitoring tools, the monitored-target register (6.a), rules and webhook tokens. */
export function MonitoringPage() {
  const { t } = useTranslation();
  const canTokens = useCan('hook-token.manage');
  const [params, setParams] = useListParams(['tab'] as const);
  const items = [
    { key: 'events', label: t('monitoring.tabEvents'), children: <EventsTab /> },
    { key: 'targets', label: t('monitoring.tabTargets'), children: <TargetsTab /> },
    { key: 'rules', label: t('monitoring.tabRules'), children: <RulesTab /> },
    ...(canTokens ? [{ key: 'tokens', label: t('monitoring.tabTokens'), children: <HookTokensTab /> }] : []),
  ];
  return (
    <>
      <PageHeader title={t('monitoring.title')} description={t('monitoring.description')} />
      <Tabs activeKey={params.tab ?? 'events'} onChange={(tab) => setParams({ tab: tab === 'events' ? undefined : tab })} destroyOnHidden items={items} />
    </>
  );
}
