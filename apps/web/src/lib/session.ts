import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Locale, MeDto, Permission } from '@unyo/contracts';
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

/**
 * Signs in. `locale` is the language picked on the login page, if the user picked one: it becomes
 * the account's preference; otherwise the UI follows the preference stored on the server.
 */
export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { email: string; password: string; locale?: Locale }): Promise<MeDto> => {
      const me = await api.post<MeDto>('/auth/login', { email: input.email, password: input.password }, { allowUnauthenticated: true });
      setCsrfToken(me.csrfToken);
      const locale = input.locale;
      if (!locale || locale === me.locale) return me;
      return api
        .patch<MeDto | undefined>('/me', { locale })
        .then((updated) => (updated && typeof updated === 'object' && 'id' in updated ? updated : { ...me, locale }))
        .catch(() => me);
    },
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      qc.setQueryData(meKey, me);
    },
  });
}

/**
 * Signs out and reloads the login page: a fresh page drops every cached record of this user,
 * and the login page does not offer to return to where the previous user was.
 */
export function useLogout() {
  return useMutation({
    mutationFn: (everywhere: boolean) => api.post<void>(everywhere ? '/auth/logout-all' : '/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      window.location.replace('/login');
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
