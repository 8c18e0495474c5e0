import { useQuery } from '@tanstack/react-query';
import type {
  FileDto,
  KbArticleDto,
  KbArticleInput,
  KbArticleSummaryDto,
  KbSuggestResult,
  KbVersionDto,
  KbVersionSummaryDto,
  NoticeDto,
  NoticeInput,
  PortalNoticeDto,
} from '@unyo/contracts';
import { api, type PageOf, type QueryParams } from '../../lib/api.ts';

export const kbKeys = {
  all: ['kb'] as const,
  list: (params: QueryParams) => ['kb', 'list', params] as const,
  detail: (id: string) => ['kb', 'detail', id] as const,
  versions: (id: string) => ['kb', 'versions', id] as const,
  version: (id: string, n: number) => ['kb', 'version', id, n] as const,
  suggest: (text: string, lang: string) => ['kb', 'suggest', text, lang] as const,
};

export const noticeKeys = {
  all: ['notices'] as const,
  list: (params: QueryParams) => ['notices', 'list', params] as const,
  portal: (lang: string) => ['notices', 'portal', lang] as const,
};

export const listArticles = (params: QueryParams, cursor?: string) => api.get<PageOf<KbArticleSummaryDto>>('/kb/articles', { limit: 50, ...params, cursor });
export const getArticle = (id: string) => api.get<KbArticleDto>(`/kb/articles/${id}`);
export const createArticle = (input: KbArticleInput) => api.post<KbArticleDto>('/kb/articles', input);
export const updateArticle = (id: string, input: KbArticleInput, version: number) => api.patch<KbArticleDto>(`/kb/articles/${id}`, input, { version });
export const listVersions = (id: string) => api.get<{ items: KbVersionSummaryDto[] }>(`/kb/articles/${id}/versions`);
export const getVersion = (id: string, n: number) => api.get<KbVersionDto>(`/kb/articles/${id}/versions/${n}`);
export const restoreVersion = (id: string, n: number, version: number) => api.post<KbArticleDto>(`/kb/articles/${id}/versions/${n}/restore`, {}, { version });
export const suggestArticles = (text: string, lang: string) => api.get<KbSuggestResult>('/kb/suggest', { text, lang, limit: 5 });
/** Screenshots go through the general upload (file.create); the article then references their ids. */
export function uploadImage(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.postForm<FileDto>('/files', form);
}

export function useArticle(id: string | null) {
  return useQuery({ queryKey: kbKeys.detail(id ?? ''), queryFn: () => getArticle(id!), enabled: !!id });
}

export const listNotices = (params: QueryParams) => api.get<PageOf<NoticeDto>>('/notices', { limit: 200, ...params });
export const createNotice = (input: NoticeInput) => api.post<NoticeDto>('/notices', input);
export const updateNotice = (id: string, input: NoticeInput, version: number) => api.patch<NoticeDto>(`/notices/${id}`, input, { version });
export const broadcastNotice = (id: string) => api.post<NoticeDto>(`/notices/${id}/broadcast`, {});
export const listPortalNotices = (lang: string) => api.get<{ items: PortalNoticeDto[] }>('/portal/notices', { lang });
