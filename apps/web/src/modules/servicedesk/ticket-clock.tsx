import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { type TicketClock, type TicketClockState, ticketClockStates } from '@unyo/contracts';
import { Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { type ReactNode, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';

/** How often live clocks re-render (no request: the remaining time is estimated from the last answer). */
const tickMs = 30_000;
/** S-4-6-1-1: first answer within 2 h of business time; at risk from 75 % used. */
const defaultTargetMs = 2 * 60 * 60_000;
const atRiskRatio = 0.75;

// One timer for every clock on the page, so a list of 50 rows re-renders once per tick.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, tickMs);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, updated every 30 s while a clock is on screen. */
export function useClockNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
}

export type LiveClock = { state: TicketClockState; ms: number | null };

const unanswered: readonly TicketClockState[] = ['running', 'at_risk', 'breached'];

/**
 * The clock as of `at`. The server's `remainingMs` is business time (the site's calendar) at `computedAt`;
 * between refreshes the wall time since then is taken off, bounded by the due time: before `dueAt` at most
 * `dueAt - at` is left and never less than zero, and the clock is breached exactly when `dueAt` passes. So
 * within business hours the countdown is exact, and outside them it can only run ahead until the next refresh.
 */
export function liveClock(clock: TicketClock, at: number): LiveClock {
  if (!unanswered.includes(clock.state) || clock.remainingMs === null || !clock.dueAt) return { state: clock.state, ms: clock.remainingMs };
  const due = Date.parse(clock.dueAt);
  const elapsed = Math.max(0, at - Date.parse(clock.computedAt));
  const estimate = clock.remainingMs - elapsed;
  if (at >= due) {
    // Business time past due is at most the wall time past due.
    const overdue = Math.min(Math.max(-estimate, 0), at - due);
    return { state: 'breached', ms: -overdue };
  }
  const left = Math.min(Math.max(estimate, 0), due - at);
  const ratio = clock.elapsedRatio;
  const target = ratio !== null && ratio > 0 && ratio < 1 && clock.remainingMs > 0 ? clock.remainingMs / (1 - ratio) : defaultTargetMs;
  const state: TicketClockState = clock.state === 'breached' ? 'at_risk' : 1 - left / target >= atRiskRatio ? 'at_risk' : 'running';
  return { state, ms: left };
}

/** "1時間23分" / "1h 23m". */
export function formatDuration(ms: number, t: TFunction): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return t('ticket.clockUnderMinute');
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('ticket.clockMinutes', { m });
  return t('ticket.clockHoursMinutes', { h, m });
}

function clockText(live: LiveClock, t: TFunction, label: string): string {
  const time = live.ms === null ? '' : formatDuration(live.ms, t);
  switch (live.state) {
    case 'running':
    case 'at_risk':
      return t('ticket.clockLeft', { time });
    case 'breached':
      return t('ticket.clockBreached', { time });
    case 'met':
      return t('ticket.clockMet');
    case 'missed':
      return time ? t('ticket.clockMissed', { time }) : label;
    default:
      return label;
  }
}

const icons: Record<TicketClockState, ReactNode> = {
  running: <ClockCircleOutlined />,
  at_risk: <ClockCircleOutlined />,
  breached: <ExclamationCircleOutlined />,
  met: <CheckCircleOutlined />,
  missed: <ExclamationCircleOutlined />,
  excluded: <MinusCircleOutlined />,
};

/**
 * The first-answer clock as a coloured tag: time left while running, overdue time once breached, met/missed
 * once answered (then it is stopped). Re-renders every 30 s from the last fetched state.
 */
export function TicketClockTag({ clock }: { clock: TicketClock }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const at = useClockNow();
  const live = liveClock(clock, at);
  const choice = ticketClockStates.items.find((c) => c.value === live.state);
  const running = unanswered.includes(live.state);
  const tip = [
    choice?.[locale],
    clock.dueAt ? t('ticket.clockDue', { at: formatDateTime(clock.dueAt, locale) }) : null,
    running ? null : t('ticket.clockStopped'),
  ]
    .filter(Boolean)
    .join(' / ');
  return (
    <Tooltip title={tip}>
      <Tag
        color={choice && choice.color !== 'default' ? choice.color : undefined}
        icon={icons[live.state]}
        data-testid="ticket-clock"
        data-state={live.state}
        data-running={running ? 'true' : 'false'}
      >
        {clockText(live, t, choice?.[locale] ?? live.state)}
      </Tag>
    </Tooltip>
  );
}
