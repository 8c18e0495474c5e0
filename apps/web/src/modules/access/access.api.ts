import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiTokenCreateInput, ApiTokenDto, PersonDto, Role, UserCreateInput, UserDto, UserUpdateInput } from '@unyo/contracts';
import { api, type PageOf, type QueryParams } from '../../lib/api.ts';

export type RoleListDto = {
  items: { name: Role; labelJa: string; labelEn: string; permissions: string[] }[];
  permissions: { name: string; ja: string; en: string }[];
};
export type ApiTokenCreatedDto = ApiTokenDto & { token: string };

export const userKeys = {
  all: ['users'] as const,
  list: (params: QueryParams) => ['users', 'list', params] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};
export const roleKeys = { all: ['roles'] as const };
export const apiTokenKeys = { all: ['api-tokens'] as const };

// Users
export const listUsers = (params: QueryParams, cursor?: string) => api.get<PageOf<UserDto>>('/users', { limit: 50, ...params, cursor });
export const getUser = (id: string) => api.get<UserDto>(`/users/${id}`);
export const createUser = (input: UserCreateInput) => api.post<UserDto>('/users', input);
export const updateUser = (id: string, version: number, input: UserUpdateInput) => api.patch<UserDto>(`/users/${id}`, input, { version });

export function useUserMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: userKeys.all }), qc.invalidateQueries({ queryKey: ['dashboard'] })]),
  });
}

/** People matching a search, for linking a user to a person. */
export function usePersonSearch(q: string) {
  return useQuery({
    queryKey: ['people', 'search', q],
    queryFn: async () => (await api.get<PageOf<PersonDto>>('/people', { q: q || undefined, limit: 20 })).items,
    staleTime: 30_000,
  });
}

// Roles
export function useRoles() {
  return useQuery({
    queryKey: roleKeys.all,
    queryFn: () => api.get<RoleListDto>('/roles'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

// API tokens (the signed-in user's own)
export function useApiTokens() {
  return useQuery({
    queryKey: apiTokenKeys.all,
    queryFn: async () => (await api.get<{ items: ApiTokenDto[] }>('/api-tokens')).items,
  });
}

export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiTokenCreateInput) => api.post<ApiTokenCreatedDto>('/api-tokens', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}

export function useRevokeApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api-tokens/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}
