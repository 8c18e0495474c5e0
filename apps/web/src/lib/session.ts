import type { Locale, MeDto, Permission } from '@unyo/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from './api.ts';

export const meKey = ['me'] as const;

/** The signed-in user, or null when there is no session (401). */
export async function fetchMe(): Promise<MeDto | null> {
  try {
    const me = await api.get<MeDto>('/me', undefined, { allowUnauthenticated: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (isApiError(err) && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** The signed-in user; only for components rendered inside the authenticated layout. */
export function useCurrentUser(): MeDto {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser() outside the authenticated layout');
  return data;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      api.post<MeDto>('/auth/login', input, { allowUnauthenticated: true }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      qc.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (everywhere: boolean) => api.post<void>(everywhere ? '/auth/logout-all' : '/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}

export function useUpdateMyLocale() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale) => api.patch<MeDto>('/me', { locale }),
    // The server may answer with the updated MeDto or with 204; keep the cache right either way.
    onSuccess: (me, locale) => {
      const full = me && typeof me === 'object' && 'id' in me ? me : null;
      if (full) setCsrfToken(full.csrfToken);
      qc.setQueryData<MeDto | null>(meKey, (old) => full ?? (old ? { ...old, locale } : old));
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => api.post<void>('/me/password', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

/** Where a user lands after login: the dashboard, or the portal for requesters. */
export function homePathOf(me: MeDto): string {
  const perms = me.permissions as readonly Permission[];
  if (perms.includes('dashboard.read')) return '/';
  if (perms.includes('portal.use')) return '/portal';
  return '/';
}
