import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AssetFindingDto,
  AssetFindingPage,
  AssetFindingRunResult,
  AssetPivotDto,
  DamageReportCreateInput,
  DamageReportDto,
  DamageReportUpdateInput,
} from '@unyo/contracts';
import { api, apiUrl, type PageOf, type QueryParams } from '../../lib/api.ts';

export const findingKeys = {
  all: ['asset-findings'] as const,
  list: (params: QueryParams) => ['asset-findings', 'list', params] as const,
};
export const damageReportKeys = {
  all: ['damage-reports'] as const,
  list: (params: QueryParams) => ['damage-reports', 'list', params] as const,
};
export const pivotKeys = { table: (params: QueryParams) => ['hardware-assets', 'pivot', params] as const };

export const listFindings = (params: QueryParams, cursor?: string) => api.get<AssetFindingPage>('/asset-findings', { limit: 50, ...params, cursor });

export function useCloseFinding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: 'resolve' | 'acknowledge'; reason: string }) =>
      api.post<AssetFindingDto>(`/asset-findings/${id}/${action}`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: findingKeys.all }),
  });
}

export function useRunFindings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<AssetFindingRunResult>('/asset-findings/run'),
    onSuccess: () => qc.invalidateQueries({ queryKey: findingKeys.all }),
  });
}

export const listDamageReports = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<DamageReportDto>>('/damage-reports', { limit: 50, ...params, cursor });

export function useDamageReportMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: damageReportKeys.all });
  return {
    create: useMutation({ mutationFn: (input: DamageReportCreateInput) => api.post<DamageReportDto>('/damage-reports', input), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, input }: { id: string; input: DamageReportUpdateInput }) => api.patch<DamageReportDto>(`/damage-reports/${id}`, input),
      onSuccess,
    }),
    confirm: useMutation({ mutationFn: (id: string) => api.post<DamageReportDto>(`/damage-reports/${id}/confirm`), onSuccess }),
  };
}

export const getPivot = (params: QueryParams) => api.get<AssetPivotDto>('/hardware-assets/pivot', params);
export const pivotExportUrl = (params: QueryParams) => apiUrl('/hardware-assets/pivot/export', params);
