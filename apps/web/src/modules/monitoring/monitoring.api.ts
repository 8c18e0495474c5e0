import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  DiskVolumeDto,
  DiskWeekly,
  DiskWeeklyRow,
  HookTokenCreated,
  HookTokenCreateInput,
  HookTokenDto,
  Locale,
  MonitoringEventDto,
  MonitoringExportCreateInput,
  MonitoringExportDto,
  MonitoringMonthlySummary,
  MonitoringRuleCreateInput,
  MonitoringRuleDto,
  MonitoringRuleUpdateInput,
  MonitoringTargetCreateInput,
  MonitoringTargetDto,
  MonitoringTargetUpdateInput,
} from '@unyo/contracts';
import type { z } from 'zod';
import { api, apiUrl, type PageOf, type QueryParams } from '../../lib/api.ts';

/** Contracts export these schemas without their inferred types. */
export type DiskVolume = z.infer<typeof DiskVolumeDto>;
export type DiskWeeklyItem = z.infer<typeof DiskWeeklyRow>;

const pageSize = 50;

export const monitoringKeys = {
  all: ['monitoring'] as const,
  list: (what: string, params: QueryParams) => ['monitoring', what, 'list', params] as const,
  rules: ['monitoring', 'rules'] as const,
  hookTokens: ['monitoring', 'hook-tokens'] as const,
  disks: ['monitoring', 'disks'] as const,
  diskWeekly: (weekOf: string) => ['monitoring', 'disks', 'weekly', weekOf] as const,
  monthly: (month: string) => ['monitoring', 'monthly', month] as const,
  exports: (month: string) => ['monitoring', 'exports', month] as const,
};

export const listEvents = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<MonitoringEventDto>>('/monitoring/events', { limit: pageSize, ...params, cursor });
export const listTargets = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<MonitoringTargetDto>>('/monitoring/targets', { limit: pageSize, ...params, cursor });
export const getTarget = (id: string) => api.get<MonitoringTargetDto>(`/monitoring/targets/${id}`);
export const createTarget = (input: MonitoringTargetCreateInput) => api.post<MonitoringTargetDto>('/monitoring/targets', input);
export const updateTarget = (id: string, version: number, input: MonitoringTargetUpdateInput) =>
  api.patch<MonitoringTargetDto>(`/monitoring/targets/${id}`, input, { version });
export const removeTarget = (id: string, requestRef: string | null) =>
  api.delete(`/monitoring/targets/${id}${requestRef ? `?requestRef=${encodeURIComponent(requestRef)}` : ''}`);

export const listRules = async () => (await api.get<{ items: MonitoringRuleDto[] }>('/monitoring/rules')).items;
export const getRule = (id: string) => api.get<MonitoringRuleDto>(`/monitoring/rules/${id}`);
export const createRule = (input: MonitoringRuleCreateInput) => api.post<MonitoringRuleDto>('/monitoring/rules', input);
export const updateRule = (id: string, version: number, input: MonitoringRuleUpdateInput) =>
  api.patch<MonitoringRuleDto>(`/monitoring/rules/${id}`, input, { version });
export const deleteRule = (id: string) => api.delete(`/monitoring/rules/${id}`);

export const listHookTokens = async () => (await api.get<{ items: HookTokenDto[] }>('/monitoring/hook-tokens')).items;
export const createHookToken = (input: HookTokenCreateInput) => api.post<HookTokenCreated>('/monitoring/hook-tokens', input);
export const revokeHookToken = (id: string) => api.delete(`/monitoring/hook-tokens/${id}`);

export const listDiskVolumes = async () => (await api.get<{ items: DiskVolume[] }>('/disk-reports')).items;
export const getDiskWeekly = (weekOf: string) => api.get<DiskWeekly>('/disk-reports/weekly', { weekOf });

export const getMonthlySummary = (month: string) => api.get<MonitoringMonthlySummary>('/monitoring/reports/monthly/summary', { month });
export const monthlyReportUrl = (month: string, lang: Locale) => apiUrl('/monitoring/reports/monthly', { month, lang });
export const listMonitoringExports = async (month: string) => (await api.get<{ items: MonitoringExportDto[] }>('/monitoring/exports', { month })).items;
export const createMonitoringExport = (input: MonitoringExportCreateInput) => api.post<MonitoringExportDto>('/monitoring/exports', input);
export const deleteMonitoringExport = (id: string) => api.delete(`/monitoring/exports/${id}`);

export const invalidateMonitoring = (qc: QueryClient) => qc.invalidateQueries({ queryKey: monitoringKeys.all });

export function useMonitoringMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateMonitoring(qc) });
}

/** Match labels as the form edits them: one `name=value` per line. */
export function labelsToText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}
export function textToLabels(text: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of String(text ?? '').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}
