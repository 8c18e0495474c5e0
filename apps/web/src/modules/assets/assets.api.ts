import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssetFindingPage,
  HardwareAssetBulkUpdateInput,
  HardwareAssetCreateInput,
  HardwareAssetDto,
  HardwareAssetListItem,
  HardwareAssetUpdateInput,
  InstalledSoftwareDto,
  MovementCreateInput,
  MovementDto,
  PortCreateInput,
  PortDto,
  PortUpdateInput,
  RepairCreateInput,
  RepairDto,
  RepairUpdateInput,
  StocktakeDto,
  StocktakeItemDto,
  TimelineEntry,
  WorkLogCreateInput,
  WorkLogDto,
} from '@unyo/contracts';
import { ApiError, api, apiUrl, type PageOf, type QueryParams } from '../../lib/api.ts';
import { meKey } from '../../lib/session.ts';

const pageSize = 50;
const base = '/hardware-assets';

export const assetKeys = {
  all: ['hardware-assets'] as const,
  list: (params: QueryParams) => ['hardware-assets', 'list', params] as const,
  detail: (id: string) => ['hardware-assets', 'detail', id] as const,
  sub: (id: string, what: string, params?: QueryParams) => ['hardware-assets', 'detail', id, what, params ?? null] as const,
};

type ListOf<T> = { items: T[]; total: number };

// Ledger
export const listAssets = (params: QueryParams, cursor?: string) => api.get<PageOf<HardwareAssetListItem>>(base, { limit: pageSize, ...params, cursor });
/** The exact number of assets of the list's filters (the list stops counting at 1,000). */
export const countAssets = async (params: QueryParams) => (await api.get<{ total: number }>(`${base}/count`, params)).total;
export const getAsset = (id: string) => api.get<HardwareAssetDto>(`${base}/${id}`);
export const createAsset = (input: HardwareAssetCreateInput) => api.post<HardwareAssetDto>(base, input);
export const updateAsset = (id: string, version: number, input: HardwareAssetUpdateInput) => api.patch<HardwareAssetDto>(`${base}/${id}`, input, { version });
export const deleteAsset = (id: string, version: number) => api.delete(`${base}/${id}`, { version });
export const bulkUpdateAssets = (input: HardwareAssetBulkUpdateInput) => api.post<{ updated: number }>(`${base}/bulk-update`, input);

// History
export const listMovements = (id: string) => api.get<ListOf<MovementDto>>(`${base}/${id}/movements`);
export const createMovement = (id: string, input: MovementCreateInput) => api.post<MovementDto>(`${base}/${id}/movements`, input);
export const listRepairs = (id: string) => api.get<ListOf<RepairDto>>(`${base}/${id}/repairs`);
export const createRepair = (id: string, input: RepairCreateInput) => api.post<RepairDto>(`${base}/${id}/repairs`, input);
export const updateRepair = (id: string, repairId: string, version: number, input: RepairUpdateInput) =>
  api.patch<RepairDto>(`${base}/${id}/repairs/${repairId}`, input, { version });
export const listWorkLogs = (id: string) => api.get<ListOf<WorkLogDto>>(`${base}/${id}/work-logs`);
export const createWorkLog = (id: string, input: WorkLogCreateInput) => api.post<WorkLogDto>(`${base}/${id}/work-logs`, input);
export const listPorts = (id: string) => api.get<ListOf<PortDto>>(`${base}/${id}/ports`);
export const createPort = (id: string, input: PortCreateInput) => api.post<PortDto>(`${base}/${id}/ports`, input);
export const updatePort = (id: string, portId: string, version: number, input: PortUpdateInput) =>
  api.patch<PortDto>(`${base}/${id}/ports/${portId}`, input, { version });
export const deletePort = (id: string, portId: string, version: number) => api.delete(`${base}/${id}/ports/${portId}`, { version });
export const getTimeline = (id: string) => api.get<{ items: TimelineEntry[] }>(`${base}/${id}/timeline`);
export const listSoftware = (id: string, q?: string) => api.get<ListOf<InstalledSoftwareDto>>(`${base}/${id}/software`, { q });

/** A list from another slice's endpoint; null when the endpoint does not exist (the tab is hidden). */
async function optional<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 405)) return null;
    throw err;
  }
}

export const listAssetFindings = (assetId: string) => optional(async () => (await api.get<AssetFindingPage>('/asset-findings', { assetId, limit: 100 })).items);

export type AssetStocktakeRow = { stocktake: StocktakeDto; item: StocktakeItemDto };
/** How many recent stock-takes the asset tab looks into (they are quarterly: years of history). */
const recentStocktakes = 20;

/**
 * The asset's line in each recent stock-take: the campaigns the user can see, then the asset's
 * item in each (searched by asset number, matched by id so a similar number never counts).
 */
export const listAssetStocktakes = (asset: { id: string; assetNumber: string }) =>
  optional(async () => {
    const campaigns = (await api.get<PageOf<StocktakeDto>>('/stocktakes', { assetId: asset.id, limit: recentStocktakes })).items;
    const rows = await Promise.all(
      campaigns.map(async (stocktake) => {
        const items = (await api.get<PageOf<StocktakeItemDto>>(`/stocktakes/${stocktake.id}/items`, { q: asset.assetNumber, limit: 10 })).items;
        const item = items.find((i) => i.assetId === asset.id);
        return item ? { stocktake, item } : null;
      }),
    );
    return rows.filter((r): r is AssetStocktakeRow => r !== null);
  });

/** Assets matching a search, for the parent / connected-device selects. */
export function useAssetSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: ['hardware-assets', 'search', q],
    queryFn: async () => (await api.get<PageOf<HardwareAssetListItem>>(base, { q: q || undefined, limit: 20 })).items,
    staleTime: 30_000,
    enabled,
  });
}

export function useAsset(id: string) {
  return useQuery({ queryKey: assetKeys.detail(id), queryFn: () => getAsset(id) });
}

/** Asset lists, details and their history all show each other's data: refresh them together. */
export function invalidateAssets(qc: QueryClient) {
  return Promise.all([qc.invalidateQueries({ queryKey: assetKeys.all }), qc.invalidateQueries({ queryKey: ['dashboard'] })]);
}

/** A mutation that refreshes the asset queries afterwards, also after a failure (a 412 means stale data). */
export function useAssetMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateAssets(qc) });
}

/**
 * The label sheet PDF of the chosen assets. A plain fetch rather than `api.post`, because the answer
 * is a file, not JSON; errors still arrive as problem+json.
 */
export async function fetchLabelSheet(qc: QueryClient, ids: string[], locale: string): Promise<Blob> {
  const csrf = qc.getQueryData<{ csrfToken: string | null } | null>(meKey)?.csrfToken;
  const res = await fetch(apiUrl(`${base}/labels`), {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      accept: 'application/pdf, application/problem+json',
      'accept-language': locale,
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    },
    body: JSON.stringify({ ids }),
  });
  if (!res.ok) {
    let problem = { type: 'about:blank', title: res.statusText || `HTTP ${res.status}`, status: res.status };
    try {
      problem = { ...problem, ...((await res.json()) as object) };
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(problem);
  }
  return res.blob();
}

/** Opens a downloaded file in a new tab (the browser's PDF viewer prints it); saves it when pop-ups are blocked. */
export function openBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const win = window.open(url, '_blank');
  if (!win) {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
  }
  // Give the new tab time to load the document before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
