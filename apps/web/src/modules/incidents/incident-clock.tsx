import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, MinusCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import type { IncidentClockDto } from '@unyo/contracts';
import { Flex, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatDuration, useClockNow } from '../servicedesk/ticket-clock.tsx';

type ClockState = IncidentClockDto['state'];

export const clockStateColors: Record<ClockState, string | undefined> = {
  running: 'processing',
  paused: 'warning',
  met: 'success',
  breached: 'error',
  excluded: undefined,
  not_applicable: undefined,
};

const icons: Record<ClockState, ReactNode> = {
  running: <ClockCircleOutlined />,
  paused: <PauseCircleOutlined />,
  met: <CheckCircleOutlined />,
  breached: <ExclamationCircleOutlined />,
  excluded: <MinusCircleOutlined />,
  not_applicable: <MinusCircleOutlined />,
};

/**
 * The state as of `at`: a running clock counts down to `dueAt` between refreshes and turns breached once it passes.
 * The server's `dueAt` already accounts for the rule's calendar, so the estimate only drifts until the next fetch.
 */
export function liveIncidentClock(clock: IncidentClockDto, at: number): { state: ClockState; leftMs: number | null } {
  if (clock.state !== 'running' || !clock.dueAt) return { state: clock.state, leftMs: null };
  const left = Date.parse(clock.dueAt) - at;
  return left < 0 ? { state: 'breached', leftMs: left } : { state: 'running', leftMs: left };
}

/** One clock as a coloured tag; `compact` shows the short clock name (list rows), otherwise only the state. */
export function IncidentClockTag({ clock, compact = false }: { clock: IncidentClockDto; compact?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const at = useClockNow();
  const live = liveIncidentClock(clock, at);
  const stateText =
    live.state === 'running' && live.leftMs !== null
      ? t('ticket.clockLeft', { time: formatDuration(live.leftMs, t) })
      : live.state === 'breached' && live.leftMs !== null
        ? t('ticket.clockBreached', { time: formatDuration(live.leftMs, t) })
        : t(`incident.clockState.${live.state}`);
  const tip = [
    t(`incident.clockName.${clock.code}`),
    t(`incident.clockState.${live.state}`),
    clock.dueAt ? t('incident.dueAt', { at: formatDateTime(clock.dueAt, locale) }) : null,
  ]
    .filter(Boolean)
    .join(' / ');
  return (
    <Tooltip title={tip}>
      <Tag color={clockStateColors[live.state]} icon={icons[live.state]} data-testid="incident-clock" data-code={clock.code} data-state={live.state}>
        {compact ? `${t(`incident.clockShort.${clock.code}`)} ${stateText}` : stateText}
      </Tag>
    </Tooltip>
  );
}

/** Every applicable clock of an incident, compact (not-applicable clocks are left out). */
export function IncidentClocks({ clocks }: { clocks: IncidentClockDto[] }) {
  return (
    <Flex gap={4} wrap>
      {clocks
        .filter((c) => c.state !== 'not_applicable')
        .map((c) => (
          <IncidentClockTag key={c.code} clock={c} compact />
        ))}
    </Flex>
  );
}
