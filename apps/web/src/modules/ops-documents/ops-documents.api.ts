import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FileDto, OpsDocumentDto, OpsDocumentInput, OpsDocumentReviewInput, OpsDocumentUpdateInput } from '@unyo/contracts';
import { api, apiUrl } from '../../lib/api.ts';

export const opsDocumentKeys = {
  all: ['ops-documents'] as const,
  list: ['ops-documents', 'list'] as const,
};

export const listOpsDocuments = async () => (await api.get<{ items: OpsDocumentDto[] }>('/ops-documents')).items;
export const getOpsDocument = (id: string) => api.get<OpsDocumentDto>(`/ops-documents/${id}`);
export const createOpsDocument = (input: OpsDocumentInput) => api.post<OpsDocumentDto>('/ops-documents', input);
export const updateOpsDocument = (id: string, version: number, input: OpsDocumentUpdateInput) =>
  api.patch<OpsDocumentDto>(`/ops-documents/${id}`, input, { version });
export const reviewOpsDocument = (id: string, input: OpsDocumentReviewInput) => api.post<OpsDocumentDto>(`/ops-documents/${id}/reviews`, input);

/** Uploads the document file; the record refers to it by id. */
export function uploadOpsFile(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.postForm<FileDto>('/files', form);
}
export const getFileInfo = (id: string) => api.get<FileDto>(`/files/${id}`);
export const fileDownloadUrl = (id: string) => apiUrl(`/files/${id}/content`);

export function useOpsDocumentMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: opsDocumentKeys.all }) });
}
