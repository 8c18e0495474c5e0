import type {
  GuidanceLogCreateInput,
  GuidanceLogDto,
  GuidanceLogUpdateInput,
  SurveyAnswerInput,
  SurveyCreateInput,
  SurveyDto,
  SurveyFormDto,
  SurveyInviteInput,
  SurveyInviteResult,
  SurveyUpdateInput,
} from '@unyo/contracts';
import { api, apiUrl, type PageOf, type QueryParams } from '../../lib/api.ts';

export const surveyKeys = {
  all: ['surveys'] as const,
  list: (params: QueryParams) => ['surveys', 'list', params] as const,
  detail: (id: string) => ['surveys', 'detail', id] as const,
};

export const listSurveys = (params: QueryParams) => api.get<PageOf<SurveyDto>>('/surveys', { limit: 100, ...params });
export const getSurvey = (id: string) => api.get<SurveyDto>(`/surveys/${id}`);
export const createSurvey = (input: SurveyCreateInput) => api.post<SurveyDto>('/surveys', input);
export const updateSurvey = (id: string, input: SurveyUpdateInput, version: number) => api.patch<SurveyDto>(`/surveys/${id}`, input, { version });
export const setSurveyStatus = (id: string, to: 'open' | 'close') => api.post<SurveyDto>(`/surveys/${id}/${to}`);
export const inviteToSurvey = (id: string, input: SurveyInviteInput) => api.post<SurveyInviteResult>(`/surveys/${id}/invitations`, input);
export const surveyReportUrl = (id: string) => apiUrl(`/surveys/${id}/report.xlsx`);

export const getSurveyForm = (token: string, lang: string) => api.get<SurveyFormDto>(`/survey-responses/${token}`, { lang }, { allowUnauthenticated: true });
export const answerSurvey = (token: string, lang: string, input: SurveyAnswerInput) =>
  api.post<{ recorded: true }>(`/survey-responses/${token}`, input, { query: { lang }, allowUnauthenticated: true });

export const guidanceKeys = {
  all: ['guidance-logs'] as const,
  list: (params: QueryParams) => ['guidance-logs', 'list', params] as const,
};
export const listGuidanceLogs = (params: QueryParams, cursor?: string) => api.get<PageOf<GuidanceLogDto>>('/guidance-logs', { limit: 100, ...params, cursor });
export const createGuidanceLog = (input: GuidanceLogCreateInput) => api.post<GuidanceLogDto>('/guidance-logs', input);
export const updateGuidanceLog = (id: string, input: GuidanceLogUpdateInput, version: number) =>
  api.patch<GuidanceLogDto>(`/guidance-logs/${id}`, input, { version });
export const deleteGuidanceLog = (id: string, version: number) => api.delete(`/guidance-logs/${id}`, { version });
export const guidanceMonthlyUrl = (month: string, siteId?: string) => apiUrl('/guidance-logs/monthly.xlsx', { month, siteId });
