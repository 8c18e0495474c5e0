import type {
  CallRecordDto,
  MetricId,
  MetricItemDto,
  MetricOutcome,
  MetricsReport,
  ServicedeskSettingsDto,
  ServicedeskSettingsUpdateInput,
} from '@unyo/contracts';
import { api, etagOf, type PageOf, type QueryParams } from '../../lib/api.ts';

export const metricsKeys = {
  report: (month: string, siteId: string | undefined) => ['servicedesk-metrics', month, siteId ?? null] as const,
  items: (id: MetricId, params: QueryParams) => ['servicedesk-metrics', 'items', id, params] as const,
  settings: ['servicedesk-metrics', 'settings'] as const,
  calls: (params: QueryParams) => ['call-records', params] as const,
};

export const getMetrics = (month: string, siteId?: string) => api.get<MetricsReport>('/servicedesk/metrics', { month, siteId });
export const listMetricItems = (id: MetricId, params: { month: string; siteId?: string; outcome?: MetricOutcome }, cursor?: string) =>
  api.get<PageOf<MetricItemDto>>(`/servicedesk/metrics/${id}/tickets`, { limit: 100, ...params, cursor });
export const getMetricSettings = () => api.get<ServicedeskSettingsDto>('/servicedesk/metrics/settings');
export const patchMetricSettings = (input: ServicedeskSettingsUpdateInput, version: number) =>
  api.patch<ServicedeskSettingsDto>('/servicedesk/metrics/settings', input, { headers: { 'if-match': etagOf(version) } });
export const listCallRecords = (params: QueryParams, cursor?: string) => api.get<PageOf<CallRecordDto>>('/call-records', { limit: 100, ...params, cursor });

/** The current month in the agency's reporting zone (Asia/Tokyo), as YYYY-MM. */
export function currentMonth(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
}
