import type { AuditEntryDto } from '@unyo/contracts';
import { api, type PageOf, type QueryParams } from '../../lib/api.ts';

export const auditKeys = {
  all: ['audit'] as const,
  list: (params: QueryParams) => ['audit', 'list', params] as const,
};

export const listAudit = (params: QueryParams, cursor?: string) => api.get<PageOf<AuditEntryDto>>('/audit', { limit: 50, ...params, cursor });
