import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import type { SecurityCaseDto } from '@unyo/contracts';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatDuration, useClockNow } from '../servicedesk/ticket-clock.tsx';

/**
 * S-4-5-4-1 on a malware case: detection → interview (and isolation once confirmed), counted on the wall clock, so
 * while it runs the time left is the detection time plus the target, less now.
 */
export function SecurityResponseClock({ securityCase }: { securityCase: Pick<SecurityCaseDto, 'response' | 'detectedAt'> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const at = useClockNow();
  const r = securityCase.response;
  if (!r) return null;
  const due = Date.parse(securityCase.detectedAt) + r.targetMinutes * 60_000;
  const state = r.state === 'running' && at > due ? 'breached' : r.state;
  const text =
    state === 'running'
      ? t('ticket.clockLeft', { time: formatDuration(due - at, t) })
      : state === 'met'
        ? t('securityCase.responseMet', { time: formatDuration(r.elapsedMs, t) })
        : r.completedAt
          ? t('securityCase.responseLate', { time: formatDuration(r.elapsedMs, t) })
          : t('ticket.clockBreached', { time: formatDuration(at - due, t) });
  const tip = [
    t('securityCase.responseTarget', { time: formatDuration(r.targetMinutes * 60_000, t) }),
    r.completedAt
      ? t('securityCase.responseCompletedAt', { at: formatDateTime(r.completedAt, locale) })
      : t('incident.dueAt', { at: formatDateTime(new Date(due).toISOString(), locale) }),
  ].join(' / ');
  const color = state === 'running' ? 'processing' : state === 'met' ? 'success' : 'error';
  const icon = state === 'running' ? <ClockCircleOutlined /> : state === 'met' ? <CheckCircleOutlined /> : <ExclamationCircleOutlined />;
  return (
    <Tooltip title={tip}>
      <Tag color={color} icon={icon} data-testid="security-response-clock" data-state={state}>
        {text}
      </Tag>
    </Tooltip>
  );
}
