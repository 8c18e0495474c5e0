import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "全 N 件中 M 件を表示", or "N 件以上中 M 件" when the server stopped counting at its cap. Then, if the list can
 * count exactly (`countAll`), a link asks for the exact number of the current filters; a new filter forgets it.
 */
export function ListTotal(props: {
  queryKey: readonly unknown[];
  shown: number;
  total: number;
  totalExact: boolean;
  ready: boolean;
  countAll?: () => Promise<number>;
}) {
  const { t } = useTranslation();
  const key = JSON.stringify(props.queryKey);
  const [askedFor, setAskedFor] = useState<string | null>(null);
  const asked = askedFor === key && !!props.countAll && !props.totalExact;
  const exact = useQuery({ queryKey: [...props.queryKey, 'exact-count'], queryFn: () => props.countAll!(), enabled: asked, staleTime: 60_000 });
  if (!props.ready) return <Typography.Text type="secondary" data-testid="list-total" />;
  const known = asked && exact.data !== undefined;
  return (
    <Flex align="center" gap={4}>
      <Typography.Text type="secondary" data-testid="list-total">
        {known
          ? t('common.shown', { shown: props.shown, total: exact.data })
          : t(props.totalExact ? 'common.shown' : 'common.shownAtLeast', { shown: props.shown, total: props.total })}
      </Typography.Text>
      {!props.totalExact && props.countAll && !known && (
        <Button type="link" size="small" loading={asked && exact.isFetching} onClick={() => setAskedFor(key)} data-testid="list-count-all">
          {t('common.countAll')}
        </Button>
      )}
    </Flex>
  );
}
