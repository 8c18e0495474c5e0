import type {
  AntivirusMonthly,
  AntivirusStatusList,
  AntivirusWorkCreateInput,
  AntivirusWorkDto,
  AntivirusWorkList,
  EndpointSecuritySettingsDto,
  EndpointSecuritySettingsInput,
  PatchPlanApplication,
  PatchPlanCreateInput,
  PatchPlanDto,
  PatchPlanList,
  PatchPlanMonthly,
  PatchPlanUpdateInput,
  PatchStatusList,
} from '@unyo/contracts';
import type { z } from 'zod';
import { api, apiUrl, type QueryParams } from '../../lib/api.ts';

export const endpointKeys = {
  all: ['endpoint-security'] as const,
  antivirus: (params: QueryParams) => ['endpoint-security', 'antivirus', params] as const,
  antivirusWork: (params: QueryParams) => ['endpoint-security', 'antivirus-work', params] as const,
  antivirusMonthly: (month: string) => ['endpoint-security', 'antivirus-monthly', month] as const,
  plans: (params: QueryParams) => ['endpoint-security', 'plans', params] as const,
  plansMonthly: (month: string) => ['endpoint-security', 'plans-monthly', month] as const,
  application: (id: string) => ['endpoint-security', 'application', id] as const,
  patchStatus: (params: QueryParams) => ['endpoint-security', 'patch-status', params] as const,
  settings: ['endpoint-security', 'settings'] as const,
};

export const getAntivirusStatus = (params: QueryParams) => api.get<AntivirusStatusList>('/antivirus/status', { limit: 1000, ...params });
export const getAntivirusMonthly = (month: string) => api.get<AntivirusMonthly>('/antivirus/monthly', { month });
export const listAntivirusWork = (params: QueryParams) => api.get<AntivirusWorkList>('/antivirus/work-records', { limit: 500, ...params });
export const createAntivirusWork = (input: z.input<typeof AntivirusWorkCreateInput>) => api.post<AntivirusWorkDto>('/antivirus/work-records', input);
export const deleteAntivirusWork = (id: string) => api.delete(`/antivirus/work-records/${id}`);
export const antivirusReportUrl = (month: string) => apiUrl('/antivirus/report.xlsx', { month });

export const listPatchPlans = (params: QueryParams) => api.get<PatchPlanList>('/patch-plans', { limit: 500, ...params });
export const getPatchPlanMonthly = (month: string) => api.get<PatchPlanMonthly>('/patch-plans/monthly', { month });
export const getPatchPlanApplication = (id: string) => api.get<PatchPlanApplication>(`/patch-plans/${id}/application`);
export const createPatchPlan = (input: z.input<typeof PatchPlanCreateInput>) => api.post<PatchPlanDto>('/patch-plans', input);
export const updatePatchPlan = (id: string, input: z.input<typeof PatchPlanUpdateInput>, version: number) =>
  api.patch<PatchPlanDto>(`/patch-plans/${id}`, input, { version });
export const deletePatchPlan = (id: string, version: number) => api.delete(`/patch-plans/${id}`, { version });

export const getPatchStatus = (params: QueryParams) => api.get<PatchStatusList>('/patch-status', { limit: 1000, ...params });

export const getEndpointSettings = () => api.get<EndpointSecuritySettingsDto>('/endpoint-security/settings');
export const updateEndpointSettings = (version: number, input: EndpointSecuritySettingsInput) =>
  api.patch<EndpointSecuritySettingsDto>('/endpoint-security/settings', input, { version });
