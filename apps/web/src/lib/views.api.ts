import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SavedViewCreateInput, SavedViewDto, SavedViewList, SavedViewUpdateInput } from '@unyo/contracts';
import { api } from './api.ts';

export const viewKeys = {
  all: ['views'] as const,
  list: (ledger: string) => ['views', ledger] as const,
};

/** The signed-in user's saved views of one list. */
export function useSavedViews(ledger: string, enabled = true) {
  return useQuery({
    queryKey: viewKeys.list(ledger),
    queryFn: async () => (await api.get<SavedViewList>('/views', { ledger })).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

type ViewChange =
  | { kind: 'create'; input: SavedViewCreateInput }
  | { kind: 'update'; id: string; input: SavedViewUpdateInput }
  | { kind: 'delete'; id: string };

/** Create / update / delete a view; the list is reloaded afterwards (a new default clears the old one). */
export function useSavedViewMutation(ledger: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: ViewChange): Promise<SavedViewDto | undefined> => {
      if (change.kind === 'create') return api.post<SavedViewDto>('/views', change.input);
      if (change.kind === 'update') return api.patch<SavedViewDto>(`/views/${change.id}`, change.input);
      return api.delete(`/views/${change.id}`);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: viewKeys.list(ledger) }),
  });
}
