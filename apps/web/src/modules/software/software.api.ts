import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DistributionByStaffType,
  LocalSurveyAnswerInput,
  LocalSurveyAnswerResult,
  LocalSurveyCreateInput,
  LocalSurveyDto,
  LocalSurveyFormDto,
  LocalSurveyList,
  LocalSurveySendInput,
  MediaLendInput,
  MediaLoanList,
  MediaShipmentCreateInput,
  MediaShipmentDto,
  SoftwareCompliance,
  SoftwareComplianceDetail,
  SoftwareDistributionCreateInput,
  SoftwareDistributionDto,
  SoftwareDistributionUpdateInput,
  SoftwareFindingDto,
  SoftwareFindingReportInput,
  SoftwareFindingRunResult,
  SoftwareFindingUpdateInput,
  SoftwareInstallationCreateInput,
  SoftwareInstallationDto,
  SoftwareInstallationUpdateInput,
  SoftwareLicenseCreateInput,
  SoftwareLicenseDto,
  SoftwareLicenseUpdateInput,
  SoftwareListModeInput,
  SoftwareListRuleInput,
  SoftwareListRules,
  SoftwareMediaCreateInput,
  SoftwareMediaDto,
  SoftwareMediaUpdateInput,
  SoftwareProductCreateInput,
  SoftwareProductDto,
  SoftwareProductUpdateInput,
  SoftwareRuleInput,
  SoftwareSettingsDto,
  SoftwareSettingsInput,
  SoftwareStocktakeCheckInput,
  SoftwareStocktakeCreateInput,
  SoftwareStocktakeDto,
  SoftwareStocktakeList,
  StocktakeMediaList,
  UnmappedSoftwarePage,
} from '@unyo/contracts';
import type { z } from 'zod';
import { api, apiUrl, type PageOf, type QueryParams } from '../../lib/api.ts';

const pageSize = 50;
/** Selects list every product at once; a catalogue is a few hundred products. */
const lookupLimit = 500;

export const softwareKeys = {
  all: ['software'] as const,
  list: (what: string, params: QueryParams) => ['software', what, 'list', params] as const,
  detail: (what: string, id: string) => ['software', what, 'detail', id] as const,
  productLookup: ['software', 'products', 'lookup'] as const,
  licenseSearch: (q: string) => ['software', 'licenses', 'search', q] as const,
  unmapped: (q: string | undefined) => ['software', 'unmapped', q ?? null] as const,
  byStaffType: ['software', 'distributions', 'by-staff-type'] as const,
  compliance: (status: string | undefined) => ['software', 'compliance', status ?? null] as const,
  complianceDetail: (productId: string) => ['software', 'compliance', 'detail', productId] as const,
  settings: ['software', 'compliance', 'settings'] as const,
  listRules: ['software', 'findings', 'rules'] as const,
  mediaLoans: (id: string) => ['software', 'media', 'loans', id] as const,
  mediaSearch: (q: string) => ['software', 'media', 'search', q] as const,
  stocktakes: ['software', 'stocktakes', 'list'] as const,
  stocktakeMedia: (id: string) => ['software', 'stocktakes', 'media', id] as const,
  surveys: ['software', 'surveys', 'list'] as const,
};

// Owned-licence ledger
export const renewalsSheetUrl = (month: string) => apiUrl('/software-licenses/renewals.xlsx', { month });
export const listLicenses = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<SoftwareLicenseDto>>('/software-licenses', { limit: pageSize, ...params, cursor });
export const getLicense = (id: string) => api.get<SoftwareLicenseDto>(`/software-licenses/${id}`);
export const createLicense = (input: SoftwareLicenseCreateInput) => api.post<SoftwareLicenseDto>('/software-licenses', input);
export const updateLicense = (id: string, version: number, input: SoftwareLicenseUpdateInput) =>
  api.patch<SoftwareLicenseDto>(`/software-licenses/${id}`, input, { version });
export const deleteLicense = (id: string, version: number) => api.delete(`/software-licenses/${id}`, { version });

// Usage ledger
export const listInstallations = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<SoftwareInstallationDto>>('/software-installations', { limit: pageSize, ...params, cursor });
export const getInstallation = (id: string) => api.get<SoftwareInstallationDto>(`/software-installations/${id}`);
export const createInstallation = (input: SoftwareInstallationCreateInput) => api.post<SoftwareInstallationDto>('/software-installations', input);
export const updateInstallation = (id: string, version: number, input: SoftwareInstallationUpdateInput) =>
  api.patch<SoftwareInstallationDto>(`/software-installations/${id}`, input, { version });
export const deleteInstallation = (id: string, version: number) => api.delete(`/software-installations/${id}`, { version });

// Overseas distribution ledger
export const listDistributions = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<SoftwareDistributionDto>>('/software-distributions', { limit: pageSize, ...params, cursor });
export const getDistribution = (id: string) => api.get<SoftwareDistributionDto>(`/software-distributions/${id}`);
export const createDistribution = (input: SoftwareDistributionCreateInput) => api.post<SoftwareDistributionDto>('/software-distributions', input);
export const updateDistribution = (id: string, version: number, input: SoftwareDistributionUpdateInput) =>
  api.patch<SoftwareDistributionDto>(`/software-distributions/${id}`, input, { version });
export const deleteDistribution = (id: string, version: number) => api.delete(`/software-distributions/${id}`, { version });
export const getDistributionByStaffType = () => api.get<z.infer<typeof DistributionByStaffType>>('/software-distributions/by-staff-type');

// Product catalogue and normalization rules
export const listProducts = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<SoftwareProductDto>>('/software-products', { limit: pageSize, ...params, cursor });
export const getProduct = (id: string) => api.get<SoftwareProductDto>(`/software-products/${id}`);
export const createProduct = (input: SoftwareProductCreateInput) => api.post<SoftwareProductDto>('/software-products', input);
export const updateProduct = (id: string, version: number, input: SoftwareProductUpdateInput) =>
  api.patch<SoftwareProductDto>(`/software-products/${id}`, input, { version });
export const deleteProduct = (id: string, version: number) => api.delete(`/software-products/${id}`, { version });
export const addRule = (productId: string, input: SoftwareRuleInput) => api.post<SoftwareProductDto>(`/software-products/${productId}/rules`, input);
export const deleteRule = (productId: string, ruleId: string) => api.delete(`/software-products/${productId}/rules/${ruleId}`);
export const listUnmapped = (q: string | undefined, limit = 100) => api.get<z.infer<typeof UnmappedSoftwarePage>>('/software-products/unmapped', { q, limit });

// Compliance
export const getCompliance = (status?: string) => api.get<SoftwareCompliance>('/software-compliance', { status });
export const getComplianceDetail = (productId: string) => api.get<SoftwareComplianceDetail>(`/software-compliance/${productId}`);
export const complianceReportUrl = () => apiUrl('/software-compliance/report.xlsx');
export const getSoftwareSettings = () => api.get<z.infer<typeof SoftwareSettingsDto>>('/software-compliance/settings');
export const updateSoftwareSettings = (version: number, input: z.infer<typeof SoftwareSettingsInput>) =>
  api.patch<z.infer<typeof SoftwareSettingsDto>>('/software-compliance/settings', input, { version });

// Unauthorized software: findings, the allow/deny lists and the check
type ListRules = z.infer<typeof SoftwareListRules>;
export const listSoftwareFindings = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<SoftwareFindingDto>>('/software-findings', { limit: pageSize, ...params, cursor });
export const getSoftwareFinding = (id: string) => api.get<SoftwareFindingDto>(`/software-findings/${id}`);
export const reportSoftwareFinding = (input: SoftwareFindingReportInput) => api.post<SoftwareFindingDto>('/software-findings', input);
/** `rowVersion` is the finding's own version (its `version` is the software's). */
export const updateSoftwareFinding = (f: SoftwareFindingDto, input: SoftwareFindingUpdateInput) =>
  api.patch<SoftwareFindingDto>(`/software-findings/${f.id}`, input, { version: f.rowVersion });
export const getListRules = () => api.get<ListRules>('/software-findings/rules');
export const addListRule = (input: SoftwareListRuleInput) => api.post<ListRules>('/software-findings/rules', input);
export const deleteListRule = (ruleId: string) => api.delete(`/software-findings/rules/${ruleId}`);
export const setListMode = (input: z.infer<typeof SoftwareListModeInput>) => api.patch<ListRules>('/software-findings/rules/mode', input);
export const runSoftwareFindingChecks = () => api.post<z.infer<typeof SoftwareFindingRunResult>>('/software-findings/run');

// Media, certificates and documents, their loans and shipments
export const listMedia = (params: QueryParams, cursor?: string) => api.get<PageOf<SoftwareMediaDto>>('/software-media', { limit: pageSize, ...params, cursor });
export const getMedia = (id: string) => api.get<SoftwareMediaDto>(`/software-media/${id}`);
export const createMedia = (input: SoftwareMediaCreateInput) => api.post<SoftwareMediaDto>('/software-media', input);
export const updateMedia = (id: string, version: number, input: SoftwareMediaUpdateInput) =>
  api.patch<SoftwareMediaDto>(`/software-media/${id}`, input, { version });
export const lendMedia = (id: string, input: MediaLendInput) => api.post<SoftwareMediaDto>(`/software-media/${id}/lend`, input);
export const returnMedia = (id: string) => api.post<SoftwareMediaDto>(`/software-media/${id}/return`);
export const listMediaLoans = (id: string) => api.get<z.infer<typeof MediaLoanList>>(`/software-media/${id}/loans`);
export const listMediaShipments = (params: QueryParams, cursor?: string) =>
  api.get<PageOf<MediaShipmentDto>>('/software-media/shipments', { limit: pageSize, ...params, cursor });
export const createMediaShipment = (input: MediaShipmentCreateInput) => api.post<{ id: string }>('/software-media/shipments', input);

// Annual software stock-take (S-4-1-3-1)
export type SoftwareStocktakeSummary = z.infer<typeof SoftwareStocktakeList>['items'][number];
export type StocktakeMediaLine = z.infer<typeof StocktakeMediaList>['items'][number];
export const listSoftwareStocktakes = () => api.get<z.infer<typeof SoftwareStocktakeList>>('/software-stocktakes');
export const getSoftwareStocktake = (id: string) => api.get<SoftwareStocktakeDto>(`/software-stocktakes/${id}`);
export const createSoftwareStocktake = (input: SoftwareStocktakeCreateInput) => api.post<SoftwareStocktakeDto>('/software-stocktakes', input);
export const listStocktakeMedia = (id: string) => api.get<z.infer<typeof StocktakeMediaList>>(`/software-stocktakes/${id}/media`);
export const checkStocktakeMedia = (id: string, input: SoftwareStocktakeCheckInput) => api.post<void>(`/software-stocktakes/${id}/checks`, input);
export const closeSoftwareStocktake = (st: SoftwareStocktakeDto) =>
  api.post<SoftwareStocktakeDto>(`/software-stocktakes/${st.id}/close`, undefined, { version: st.version });
export const softwareStocktakeReportUrl = (id: string) => apiUrl(`/software-stocktakes/${id}/report.xlsx`);

// Survey of locally procured software at the overseas offices (2.2.l, 3.3.1.o)
export const listLocalSurveys = () => api.get<z.infer<typeof LocalSurveyList>>('/software-surveys');
export const getLocalSurvey = (id: string) => api.get<LocalSurveyDto>(`/software-surveys/${id}`);
export const createLocalSurvey = (input: z.input<typeof LocalSurveyCreateInput>) => api.post<LocalSurveyDto>('/software-surveys', input);
export const sendLocalSurvey = (id: string, input: LocalSurveySendInput) => api.post<LocalSurveyDto>(`/software-surveys/${id}/send`, input);
export const closeLocalSurvey = (id: string) => api.post<LocalSurveyDto>(`/software-surveys/${id}/close`);
/** The public form an office opens from the mailed link: the token is the credential, no session. */
export const getLocalSurveyForm = (token: string, lang: string) =>
  api.get<LocalSurveyFormDto>(`/software-survey-forms/${token}`, { lang }, { allowUnauthenticated: true });
export const answerLocalSurvey = (token: string, lang: string, input: LocalSurveyAnswerInput) =>
  api.post<z.infer<typeof LocalSurveyAnswerResult>>(`/software-survey-forms/${token}`, input, { query: { lang }, allowUnauthenticated: true });

/** Every catalogue product, for the product selects and filters. */
export function useProductLookup(enabled = true) {
  return useQuery({
    queryKey: softwareKeys.productLookup,
    queryFn: async () => (await listProducts({ limit: lookupLimit })).items,
    staleTime: 60_000,
    enabled,
  });
}

/** Licences matching a search (asset number or software name), for the licence selects. */
export function useLicenseSearch(q: string) {
  return useQuery({
    queryKey: softwareKeys.licenseSearch(q),
    queryFn: async () => (await listLicenses({ q: q || undefined, limit: 20 })).items,
    staleTime: 30_000,
    // Keep the options while the next search loads, so the list does not close and reopen under the pointer.
    placeholderData: keepPreviousData,
  });
}

/** Register items matching a search (item number or title), for the shipment form. */
export function useMediaSearch(q: string) {
  return useQuery({
    queryKey: softwareKeys.mediaSearch(q),
    queryFn: async () => (await listMedia({ q: q || undefined, limit: 20 })).items,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

/**
 * The software ledgers show each other's data (usage rows name their licence, compliance counts
 * all of them), so any change refreshes every software query.
 */
export function invalidateSoftware(qc: QueryClient) {
  return qc.invalidateQueries({ queryKey: softwareKeys.all });
}

/** A mutation that refreshes the software queries afterwards, also after a failure (a 412 means stale data). */
export function useSoftwareMutation<TVars, TData>(fn: (vars: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => invalidateSoftware(qc) });
}
