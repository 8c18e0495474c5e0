import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  BackupJobCreateInput,
  BackupJobDto,
  BackupJobUpdateInput,
  BackupLedgerEntryDto,
  BackupMonthlyDto,
  BackupResultDto,
  BackupTriageUpdateInput,
  RestoreRequestCreateInput,
  RestoreRequestDto,
  RestoreRequestUpdateInput,
} from '@unyo/contracts';
import { api, type PageOf, type QueryParams } from '../../lib/api.ts';

const pageSize = 50;

export const backupKeys = {
  all: ['backups'] as const,
  list: (what: string, params: QueryParams) => ['backups', what, 'list', params] as const,
  monthly: (month: string, siteId?: string) => ['backups', 'monthly', month, siteId ?? null] as const,
};

export const listBackupJobs = (params: QueryParams, cursor?: string) => api.get<PageOf<BackupJobDto>>('/backup-jobs', { limit: pageSize, ...params, cursor });
export const listBackupResults = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<BackupResultDto>>('/backup-results', { limit: pageSize, ...params, cursor });
export const getBackupMonthly = (month: string, siteId?: string) => api.get<BackupMonthlyDto>('/backup-results/monthly', { month, siteId });

/** Local 'YYYY-MM-DD' in Japan time, `daysAgo` days back: the daily check looks at last night's runs. */
export function japanDate(daysAgo = 0): string {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

export const updateBackupTriage = (resultId: string, version: number, input: BackupTriageUpdateInput) =>
  api.patch<BackupResultDto>(`/backup-results/${resultId}/triage`, input, { version });

export function useBackupMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: backupKeys.all }) });
}

export const getBackupJob = (id: string) => api.get<BackupJobDto>(`/backup-jobs/${id}`);
export const createBackupJob = (input: BackupJobCreateInput) => api.post<BackupJobDto>('/backup-jobs', input);
export const updateBackupJob = (id: string, version: number, input: BackupJobUpdateInput) => api.patch<BackupJobDto>(`/backup-jobs/${id}`, input, { version });

export const listBackupLedger = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<BackupLedgerEntryDto>>('/backup-ledger', { limit: pageSize, ...params, cursor });
export const listRestores = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<RestoreRequestDto>>('/backup-restores', { limit: pageSize, ...params, cursor });
export const createRestore = (input: RestoreRequestCreateInput) => api.post<{ id: string }>('/backup-restores', input);
export const updateRestore = (id: string, version: number, input: RestoreRequestUpdateInput) =>
  api.patch<RestoreRequestDto>(`/backup-restores/${id}`, input, { version });
