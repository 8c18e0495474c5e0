import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CloneImageCreateInput, CloneImageDto, CloneImageList, CloneImageUpdateInput, CloneImageUpdateRecordInput } from '@unyo/contracts';
import type { z } from 'zod';
import { api, type QueryParams } from '../../lib/api.ts';
import { endpointKeys } from './endpoint-security.api.ts';

export const cloneImageKeys = {
  all: [...endpointKeys.all, 'clone-images'] as const,
  list: (params: QueryParams) => [...endpointKeys.all, 'clone-images', 'list', params] as const,
  one: (id: string) => [...endpointKeys.all, 'clone-images', 'one', id] as const,
};

/** Runs a clone-image call and refreshes the register (list and detail). */
export function useCloneImageMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: cloneImageKeys.all }) });
}

export const listCloneImages = (params: QueryParams) => api.get<CloneImageList>('/clone-images', { limit: 500, ...params });
export const getCloneImage = (id: string) => api.get<CloneImageDto>(`/clone-images/${id}`);
export const createCloneImage = (input: CloneImageCreateInput) => api.post<CloneImageDto>('/clone-images', input);
export const updateCloneImage = (id: string, version: number, input: CloneImageUpdateInput) =>
  api.patch<CloneImageDto>(`/clone-images/${id}`, input, { version });
export const recordCloneImageUpdate = (id: string, input: z.input<typeof CloneImageUpdateRecordInput>) =>
  api.post<CloneImageDto>(`/clone-images/${id}/updates`, input);
