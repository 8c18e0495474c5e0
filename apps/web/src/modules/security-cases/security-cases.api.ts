import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  SecurityCaseCreateInput,
  SecurityCaseDto,
  SecurityCaseUpdateInput,
  SecurityMetrics,
  SecurityNoticeInput,
  SecurityStepInput,
} from '@unyo/contracts';
import { api, type PageOf, type QueryParams } from '../../lib/api.ts';

export const securityKeys = {
  all: ['security-cases'] as const,
  list: (params: QueryParams) => ['security-cases', 'list', params] as const,
  detail: (id: string) => ['security-cases', 'detail', id] as const,
  metrics: (month: string) => ['security-cases', 'metrics', month] as const,
};

export const listSecurityCases = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<SecurityCaseDto>>('/security-cases', { limit: 50, ...params, cursor });
export const getSecurityCase = (id: string) => api.get<SecurityCaseDto>(`/security-cases/${id}`);
export const createSecurityCase = (input: SecurityCaseCreateInput) => api.post<SecurityCaseDto>('/security-cases', input);
export const updateSecurityCase = (id: string, input: SecurityCaseUpdateInput, version: number) =>
  api.patch<SecurityCaseDto>(`/security-cases/${id}`, input, { version });
export const recordSecurityStep = (id: string, input: SecurityStepInput) => api.post<SecurityCaseDto>(`/security-cases/${id}/steps`, input);
export const closeSecurityCase = (id: string) => api.post<SecurityCaseDto>(`/security-cases/${id}/close`);
export const publishSecurityNotice = (id: string, input: SecurityNoticeInput) => api.post<SecurityCaseDto>(`/security-cases/${id}/notice`, input);
export const getSecurityMetrics = (month: string) => api.get<SecurityMetrics>('/security-cases/metrics', { month });

/** A mutation that refreshes every security-case query, and the incidents (a major case opens one). */
export function useSecurityMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: securityKeys.all }), qc.invalidateQueries({ queryKey: ['incidents'] })]),
  });
}
