import type { Problem } from '@unyo/contracts';

export const apiBase = '/api/v1';

/** A failed request, carrying the server's (already localized) RFC 9457 problem. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** Query values; undefined, null and '' are left out of the URL. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

type Session = {
  csrfToken: string | null;
  locale: () => string;
  onUnauthorized: () => void;
  networkErrorTitle: () => string;
};

// The session is held outside React so the client can be called from query functions.
const session: Session = {
  csrfToken: null,
  locale: () => 'ja',
  onUnauthorized: () => {},
  networkErrorTitle: () => 'Network error',
};

export function configureApi(patch: Partial<Session>) {
  Object.assign(session, patch);
}

export function setCsrfToken(token: string | null) {
  session.csrfToken = token;
}

/** The ETag the server derives from a record's version. */
export function etagOf(version: number): string {
  return `"v${version}"`;
}

export function toQueryString(params: QueryParams | undefined): string {
  if (!params) return '';
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

type RequestOptions = {
  query?: QueryParams;
  /** JSON, or a FormData sent as multipart (file uploads). */
  body?: unknown;
  headers?: Record<string, string>;
  /** The version the edited record had when loaded; sent as If-Match. */
  version?: number;
  /** Do not treat 401 as "session ended" (login, the initial /me probe). */
  allowUnauthenticated?: boolean;
  signal?: AbortSignal;
};

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    ...opts.headers,
    accept: 'application/json, application/problem+json',
    'accept-language': session.locale(),
  };
  const isForm = opts.body instanceof FormData;
  // The browser sets multipart's content type itself (with the boundary).
  if (opts.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (unsafeMethods.has(method) && session.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  if (opts.version !== undefined) headers['if-match'] = etagOf(opts.version);

  let res: Response;
  try {
    res = await fetch(apiBase + path + toQueryString(opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ type: 'about:blank', title: session.networkErrorTitle(), status: 0 });
  }

  if (res.status === 401 && !opts.allowUnauthenticated) session.onUnauthorized();
  if (!res.ok) throw new ApiError(await readProblem(res));
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function readProblem(res: Response): Promise<Problem> {
  const fallback: Problem = { type: 'about:blank', title: res.statusText || `HTTP ${res.status}`, status: res.status };
  try {
    const body = (await res.json()) as Partial<Problem> | null;
    if (body && typeof body.title === 'string') return { ...fallback, ...body, status: body.status ?? res.status };
  } catch {
    // not JSON (a proxy error page, for example): keep the fallback
  }
  return fallback;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, opts?: Omit<RequestOptions, 'query' | 'body'>) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  /** Multipart POST (file uploads). */
  postForm: <T>(path: string, form: FormData, opts?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...opts, body: form }),
  patch: <T>(path: string, body: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T = void>(path: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, opts),
};

/** Absolute URL of a GET endpoint, for links and downloads that the browser fetches itself. */
export function apiUrl(path: string, query?: QueryParams): string {
  return apiBase + path + toQueryString(query);
}

/** The list envelope every paged endpoint returns. */
export type PageOf<T> = { items: T[]; nextCursor: string | null; total: number; totalExact?: boolean };
