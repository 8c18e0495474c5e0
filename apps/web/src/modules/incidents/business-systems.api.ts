import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BusinessSystemCreateInput, BusinessSystemDto, BusinessSystemUpdateInput } from '@unyo/contracts';
import { api, type PageOf, type QueryParams } from '../../lib/api.ts';
import { incidentKeys } from './incidents.api.ts';

export const businessSystemKeys = {
  all: ['business-systems'] as const,
  list: (params: QueryParams) => ['business-systems', 'list', params] as const,
  lookup: ['business-systems', 'lookup'] as const,
};

export const listBusinessSystems = (params: QueryParams) => api.get<PageOf<BusinessSystemDto>>('/business-systems', { limit: 200, ...params });
export const getBusinessSystem = (id: string) => api.get<BusinessSystemDto>(`/business-systems/${id}`);
export const createBusinessSystem = (input: BusinessSystemCreateInput) => api.post<BusinessSystemDto>('/business-systems', input);
export const updateBusinessSystem = (id: string, version: number, input: BusinessSystemUpdateInput) =>
  api.patch<BusinessSystemDto>(`/business-systems/${id}`, input, { version });
export const deleteBusinessSystem = (id: string) => api.delete(`/business-systems/${id}`);

/** Every business system, for the incident forms' select (the master is small and agency-wide). */
export function useBusinessSystemLookup(enabled = true) {
  return useQuery({
    queryKey: businessSystemKeys.lookup,
    queryFn: async () => (await listBusinessSystems({ limit: 500 })).items,
    staleTime: 60_000,
    enabled,
  });
}

/** A change to the master also shows on incidents (their system's department and contact). */
export function useBusinessSystemMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: businessSystemKeys.all }), qc.invalidateQueries({ queryKey: incidentKeys.all })]),
  });
}
