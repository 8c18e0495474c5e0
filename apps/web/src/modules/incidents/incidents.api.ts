import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CalendarDto,
  FileDto,
  IncidentClockSettingDto,
  IncidentClockSettingInput,
  IncidentCreateInput,
  IncidentDto,
  IncidentEventDto,
  IncidentEventInput,
  IncidentExplainDto,
  IncidentMetrics,
  IncidentReportInput,
  IncidentUpdateInput,
} from '@unyo/contracts';
import { api, apiUrl, type PageOf, type QueryParams } from '../../lib/api.ts';

export const incidentKeys = {
  all: ['incidents'] as const,
  list: (params: QueryParams) => ['incidents', 'list', params] as const,
  detail: (id: string) => ['incidents', 'detail', id] as const,
  events: (id: string) => ['incidents', 'detail', id, 'events'] as const,
  explain: (id: string) => ['incidents', 'detail', id, 'explain'] as const,
  metrics: (month: string) => ['incidents', 'metrics', month] as const,
  settings: ['incidents', 'clock-settings'] as const,
};

export const listIncidents = (params: QueryParams, cursor?: string) => api.get<PageOf<IncidentDto>>('/incidents', { limit: 50, ...params, cursor });
export const getIncident = (id: string) => api.get<IncidentDto>(`/incidents/${id}`);
export const createIncident = (input: IncidentCreateInput) => api.post<IncidentDto>('/incidents', input);
export const updateIncident = (id: string, input: IncidentUpdateInput, version: number) => api.patch<IncidentDto>(`/incidents/${id}`, input, { version });
export const addIncidentEvent = (id: string, input: IncidentEventInput) => api.post<IncidentDto>(`/incidents/${id}/events`, input);
export const listIncidentEvents = (id: string) => api.get<{ items: IncidentEventDto[] }>(`/incidents/${id}/events`);
/** Attachments of timeline entries (notes, logs sent): their name, and where to download them. */
export const getIncidentFile = (id: string) => api.get<FileDto>(`/files/${id}`);
export const incidentFileUrl = (id: string) => apiUrl(`/files/${id}/content`);
export const explainIncident = (id: string) => api.get<IncidentExplainDto>(`/incidents/${id}/explain`);
export const reportIncident = (id: string, input: IncidentReportInput) => api.post<IncidentDto>(`/incidents/${id}/report`, input);
export const getIncidentMetrics = (month: string) => api.get<IncidentMetrics>('/incidents/metrics', { month });
export const listClockSettings = () => api.get<{ current: IncidentClockSettingDto[]; history: IncidentClockSettingDto[] }>('/incidents/clock-settings');
export const addClockSetting = (input: IncidentClockSettingInput) => api.post<IncidentClockSettingDto>('/incidents/clock-settings', input);

/** Business calendars for a clock rule (24×7 when none is chosen). */
export function useCalendarLookup(enabled = true) {
  return useQuery({
    queryKey: ['calendars', 'lookup'],
    queryFn: async () => (await api.get<PageOf<CalendarDto>>('/calendars', { limit: 200 })).items,
    staleTime: 60_000,
    enabled,
  });
}

/** A mutation that refreshes every incident query (list, detail, timeline, explain, metrics) when it settles. */
export function useIncidentMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: incidentKeys.all }) });
}
