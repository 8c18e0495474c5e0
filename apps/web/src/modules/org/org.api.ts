import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DepartmentCreateInput,
  DepartmentDto,
  DepartmentUpdateInput,
  PersonCreateInput,
  PersonDto,
  PersonUpdateInput,
  SiteCreateInput,
  SiteDto,
  SiteUpdateInput,
} from '@unyo/contracts';
import { api, type PageOf, type QueryParams } from '../../lib/api.ts';

const pageSize = 50;
/** Selects list every site/department at once; the agency has well under this many. */
const lookupLimit = 500;

export const siteKeys = {
  all: ['sites'] as const,
  list: (params: QueryParams) => ['sites', 'list', params] as const,
  lookup: ['sites', 'lookup'] as const,
  detail: (id: string) => ['sites', 'detail', id] as const,
};
export const departmentKeys = {
  all: ['departments'] as const,
  list: (params: QueryParams) => ['departments', 'list', params] as const,
  lookup: (siteId: string | undefined) => ['departments', 'lookup', siteId ?? null] as const,
  detail: (id: string) => ['departments', 'detail', id] as const,
};
export const personKeys = {
  all: ['people'] as const,
  list: (params: QueryParams) => ['people', 'list', params] as const,
  detail: (id: string) => ['people', 'detail', id] as const,
};

// Sites
export const listSites = (params: QueryParams, cursor?: string) => api.get<PageOf<SiteDto>>('/sites', { limit: pageSize, ...params, cursor });
export const getSite = (id: string) => api.get<SiteDto>(`/sites/${id}`);
export const createSite = (input: SiteCreateInput) => api.post<SiteDto>('/sites', input);
export const updateSite = (id: string, version: number, input: SiteUpdateInput) => api.patch<SiteDto>(`/sites/${id}`, input, { version });
export const deleteSite = (id: string, version: number) => api.delete(`/sites/${id}`, { version });

// Departments
export const listDepartments = (params: QueryParams, cursor?: string) => api.get<PageOf<DepartmentDto>>('/departments', { limit: pageSize, ...params, cursor });
export const getDepartment = (id: string) => api.get<DepartmentDto>(`/departments/${id}`);
export const createDepartment = (input: DepartmentCreateInput) => api.post<DepartmentDto>('/departments', input);
export const updateDepartment = (id: string, version: number, input: DepartmentUpdateInput) =>
  api.patch<DepartmentDto>(`/departments/${id}`, input, { version });
export const deleteDepartment = (id: string, version: number) => api.delete(`/departments/${id}`, { version });

// People
export const listPeople = (params: QueryParams, cursor?: string) => api.get<PageOf<PersonDto>>('/people', { limit: pageSize, ...params, cursor });
export const getPerson = (id: string) => api.get<PersonDto>(`/people/${id}`);
export const createPerson = (input: PersonCreateInput) => api.post<PersonDto>('/people', input);
export const updatePerson = (id: string, version: number, input: PersonUpdateInput) => api.patch<PersonDto>(`/people/${id}`, input, { version });
export const deletePerson = (id: string, version: number) => api.delete(`/people/${id}`, { version });

/** Every site the user may see, for selects. */
export function useSiteLookup() {
  return useQuery({
    queryKey: siteKeys.lookup,
    queryFn: async () => (await api.get<PageOf<SiteDto>>('/sites', { limit: lookupLimit, sort: 'code' })).items,
    staleTime: 60_000,
  });
}

/** Departments of one site (or all visible ones), for selects. */
export function useDepartmentLookup(siteId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: departmentKeys.lookup(siteId),
    queryFn: async () => (await api.get<PageOf<DepartmentDto>>('/departments', { limit: lookupLimit, siteId, sort: 'code' })).items,
    staleTime: 60_000,
    enabled,
  });
}

/**
 * Org records embed each other (people show their site and department), so a change to one
 * refreshes all org lists and the dashboard counts.
 */
export function invalidateOrg(qc: QueryClient) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: siteKeys.all }),
    qc.invalidateQueries({ queryKey: departmentKeys.all }),
    qc.invalidateQueries({ queryKey: personKeys.all }),
    qc.invalidateQueries({ queryKey: ['dashboard'] }),
  ]);
}

/**
 * A mutation that refreshes the org lists afterwards, also after a failure: a 412 or 404 means
 * the list shows a stale version of the record.
 */
export function useOrgMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateOrg(qc) });
}
