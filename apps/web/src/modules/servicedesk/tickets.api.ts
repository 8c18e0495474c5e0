import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CallRecordCreateInput,
  CallRecordDto,
  FileDto,
  PortalReplyInput,
  PortalSiteList,
  PortalTicketCreateInput,
  PortalTicketDto,
  PortalTicketListItemDto,
  TicketCategoryTree,
  TicketCreateInput,
  TicketDto,
  TicketEscalationEndInput,
  TicketEscalationInput,
  TicketEventList,
  TicketListItemDto,
  TicketNoResponseInput,
  TicketNoteInput,
  TicketReplyInput,
  TicketStatusInput,
  TicketUpdateInput,
  UserDto,
} from '@unyo/contracts';
import { api, apiUrl, type PageOf, type QueryParams } from '../../lib/api.ts';

const pageSize = 50;

export const ticketKeys = {
  all: ['tickets'] as const,
  list: (params: QueryParams) => ['tickets', 'list', params] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  events: (id: string) => ['tickets', 'detail', id, 'events'] as const,
  categories: ['tickets', 'categories'] as const,
  assignees: ['tickets', 'assignees'] as const,
};

export const portalKeys = {
  all: ['portal-tickets'] as const,
  list: (params: QueryParams) => ['portal-tickets', 'list', params] as const,
  detail: (id: string) => ['portal-tickets', 'detail', id] as const,
  categories: ['portal-tickets', 'categories'] as const,
  sites: ['portal-tickets', 'sites'] as const,
};

// Operator desk
export const listTickets = (params: QueryParams, cursor?: string) => api.get<PageOf<TicketListItemDto>>('/tickets', { limit: pageSize, ...params, cursor });
export const getTicket = (id: string) => api.get<TicketDto>(`/tickets/${id}`);
export const listTicketEvents = (id: string) => api.get<TicketEventList>(`/tickets/${id}/events`);
export const createTicket = (input: TicketCreateInput) => api.post<TicketDto>('/tickets', input);
export const updateTicket = (id: string, version: number, input: TicketUpdateInput) => api.patch<TicketDto>(`/tickets/${id}`, input, { version });
export const replyToTicket = (id: string, input: TicketReplyInput) => api.post<TicketDto>(`/tickets/${id}/reply`, input);
export const addTicketNote = (id: string, input: TicketNoteInput) => api.post<TicketDto>(`/tickets/${id}/note`, input);
export const changeTicketStatus = (id: string, input: TicketStatusInput) => api.post<TicketDto>(`/tickets/${id}/status`, input);
export const startEscalation = (id: string, input: TicketEscalationInput) => api.post<TicketDto>(`/tickets/${id}/escalations`, input);
export const endEscalation = (id: string, input: TicketEscalationEndInput) => api.post<TicketDto>(`/tickets/${id}/escalations/end`, input);
export const setNoResponse = (id: string, input: TicketNoResponseInput) => api.post<TicketDto>(`/tickets/${id}/no-response`, input);
/** A call entered on the ticket (call records); it appends a `call` event to the ticket. */
export const createCallRecord = (input: CallRecordCreateInput) => api.post<CallRecordDto>('/call-records', input);
export const ticketAttachmentUrl = (id: string, fileId: string) => apiUrl(`/tickets/${id}/attachments/${fileId}`);
export const receptionSheetUrl = (id: string) => apiUrl(`/tickets/${id}/reception-sheet.pdf`);

/** Uploads one file for an attachment; the ticket call then links it by id. */
export function uploadFile(file: File, path: '/files' | '/portal/files' = '/files') {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.postForm<FileDto>(path, form);
}

export function useTicket(id: string) {
  // The first-answer clock is computed on the business calendar by the server: refresh it every minute.
  return useQuery({ queryKey: ticketKeys.detail(id), queryFn: () => getTicket(id), refetchInterval: 60_000 });
}

export function useTicketEvents(id: string) {
  // Mails and portal replies arrive on their own: re-read the timeline with the ticket.
  return useQuery({ queryKey: ticketKeys.events(id), queryFn: () => listTicketEvents(id), refetchInterval: 60_000 });
}

export function useTicketCategories() {
  return useQuery({ queryKey: ticketKeys.categories, queryFn: () => api.get<TicketCategoryTree>('/ticket-categories'), staleTime: 10 * 60_000 });
}

/** Users an operator may assign (only listed for users who may read the user list; others assign themselves). */
export function useAssignableUsers(enabled: boolean) {
  return useQuery({
    queryKey: ticketKeys.assignees,
    queryFn: async () => {
      const [operators, admins] = await Promise.all([
        api.get<PageOf<UserDto>>('/users', { role: 'operator', active: 'true', limit: 200 }),
        api.get<PageOf<UserDto>>('/users', { role: 'admin', active: 'true', limit: 200 }),
      ]);
      const byId = new Map([...operators.items, ...admins.items].map((u) => [u.id, u]));
      return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
    },
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Lists, the detail and its timeline show each other's data: refresh them together (also after a failure: a 412 means stale data). */
export function invalidateTickets(qc: QueryClient) {
  return qc.invalidateQueries({ queryKey: ticketKeys.all });
}

export function useTicketMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateTickets(qc) });
}

// Requester portal
export const listPortalTickets = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<PortalTicketListItemDto>>('/portal/tickets', { limit: pageSize, ...params, cursor });
export const getPortalTicket = (id: string) => api.get<PortalTicketDto>(`/portal/tickets/${id}`);
export const createPortalTicket = (input: PortalTicketCreateInput) => api.post<PortalTicketDto>('/portal/tickets', input);
export const replyPortalTicket = (id: string, input: PortalReplyInput) => api.post<PortalTicketDto>(`/portal/tickets/${id}/reply`, input);
export const closePortalTicket = (id: string) => api.post<PortalTicketDto>(`/portal/tickets/${id}/close`);
export const portalAttachmentUrl = (id: string, fileId: string) => apiUrl(`/portal/tickets/${id}/attachments/${fileId}`);

export function usePortalTicket(id: string | undefined) {
  return useQuery({ queryKey: portalKeys.detail(id ?? ''), queryFn: () => getPortalTicket(id ?? ''), enabled: !!id });
}

export function usePortalCategories() {
  return useQuery({ queryKey: portalKeys.categories, queryFn: () => api.get<TicketCategoryTree>('/portal/ticket-categories'), staleTime: 10 * 60_000 });
}

export function usePortalSites() {
  return useQuery({ queryKey: portalKeys.sites, queryFn: () => api.get<PortalSiteList>('/portal/sites'), staleTime: 10 * 60_000 });
}

export function usePortalMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: portalKeys.all }) });
}
