import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JobRunDto } from '@unyo/contracts';
import { api, type PageOf, type QueryParams } from '../../lib/api.ts';

export type JobDefinition = { name: string; cron: string | null; manual: boolean };

export const jobKeys = {
  all: ['jobs'] as const,
  definitions: ['jobs', 'definitions'] as const,
  runs: (params: QueryParams) => ['jobs', 'runs', params] as const,
};

export function useJobDefinitions() {
  return useQuery({
    queryKey: jobKeys.definitions,
    queryFn: async () => (await api.get<{ items: JobDefinition[] }>('/jobs')).items,
    staleTime: 5 * 60_000,
  });
}

export const listJobRuns = (params: QueryParams, cursor?: string) => api.get<PageOf<JobRunDto>>('/jobs/runs', { limit: 50, ...params, cursor });

export function useRunJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<unknown>(`/jobs/${encodeURIComponent(name)}/run`),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: jobKeys.all }), qc.invalidateQueries({ queryKey: ['dashboard'] })]),
  });
}
