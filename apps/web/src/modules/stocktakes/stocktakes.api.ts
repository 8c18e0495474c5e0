import { useQuery } from '@tanstack/react-query';
import type {
  ChecklistAnswerInput,
  ChecklistDto,
  StocktakeCheckInput,
  StocktakeCheckResult,
  StocktakeCloseResult,
  StocktakeCreateInput,
  StocktakeDto,
  StocktakeItemDto,
  StocktakeItemUpdateInput,
  StocktakeLocationDto,
} from '@unyo/contracts';
import { api, apiUrl, type PageOf, type QueryParams } from '../../lib/api.ts';

export const stocktakeKeys = {
  all: ['stocktakes'] as const,
  list: (params: QueryParams) => ['stocktakes', 'list', params] as const,
  detail: (id: string) => ['stocktakes', 'detail', id] as const,
  items: (id: string, params: QueryParams) => ['stocktakes', 'items', id, params] as const,
};

export const listStocktakes = (params: QueryParams, cursor?: string) => api.get<PageOf<StocktakeDto>>('/stocktakes', { limit: 50, ...params, cursor });
export const getStocktake = (id: string) => api.get<StocktakeDto>(`/stocktakes/${id}`);
export const listStocktakeItems = (id: string, params: QueryParams, cursor?: string) =>
  api.get<PageOf<StocktakeItemDto>>(`/stocktakes/${id}/items`, { limit: 100, ...params, cursor });
export const createStocktake = (input: StocktakeCreateInput) => api.post<StocktakeDto>('/stocktakes', input);
export const checkStocktakeItem = (id: string, input: StocktakeCheckInput) => api.post<StocktakeCheckResult>(`/stocktakes/${id}/check`, input);
export const updateStocktakeItem = (id: string, itemId: string, input: StocktakeItemUpdateInput) =>
  api.post<StocktakeItemDto>(`/stocktakes/${id}/items/${itemId}`, input);
export const closeStocktake = (id: string) => api.post<StocktakeCloseResult>(`/stocktakes/${id}/close`);
export const sendStocktakeLinks = (id: string) => api.post<StocktakeDto>(`/stocktakes/${id}/send`, {});
export const stocktakeReportUrl = (id: string) => apiUrl(`/stocktakes/${id}/report.xlsx`);

export const getChecklist = (token: string, lang: string) => api.get<ChecklistDto>(`/stocktake-checklists/${token}`, { lang }, { allowUnauthenticated: true });
export const answerChecklist = (token: string, lang: string, input: ChecklistAnswerInput) =>
  api.post<{ recorded: number }>(`/stocktake-checklists/${token}`, input, { query: { lang }, allowUnauthenticated: true });

export function useStocktake(id: string) {
  return useQuery({ queryKey: stocktakeKeys.detail(id), queryFn: () => getStocktake(id) });
}

/** "本館 / 3F / 会議室A / R1" */
export function placeText(loc: StocktakeLocationDto | null | undefined): string {
  if (!loc) return '';
  return [loc.building, loc.floor, loc.room, loc.rack].filter(Boolean).join(' / ');
}
