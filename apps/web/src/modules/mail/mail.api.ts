import type { MailInboundDto } from '@unyo/contracts';
import { api, type PageOf, type QueryParams } from '../../lib/api.ts';

/** Contracts define `MailDto` as a schema without an exported type; this mirrors it. */
export type MailDto = {
  id: string;
  to: string;
  subject: string;
  template: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

export const mailKeys = {
  all: ['mail'] as const,
  list: (params: QueryParams) => ['mail', 'list', params] as const,
};

export const listMail = (params: QueryParams, cursor?: string) => api.get<PageOf<MailDto>>('/mail', { limit: 50, ...params, cursor });

export const mailInboundKeys = {
  all: ['mail-inbound'] as const,
  list: (params: QueryParams) => ['mail-inbound', 'list', params] as const,
};

/** The service desk's inbound log: every received mail and what became of it (decision 0013). */
export const listInboundMail = (params: QueryParams, cursor?: string) => api.get<PageOf<MailInboundDto>>('/mail/inbound', { limit: 50, ...params, cursor });
