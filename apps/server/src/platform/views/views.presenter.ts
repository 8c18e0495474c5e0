import type { SavedViewDto } from '@unyo/contracts';
import { SavedViewState } from '@unyo/contracts';
import type { SavedViewRow } from './views.repo.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentSavedView(row: SavedViewRow): SavedViewDto {
  return {
    id: row.id,
    ledger: row.ledger,
    name: row.name,
    // Parsed again so views saved by an older state shape get today's defaults.
    state: SavedViewState.parse(row.state),
    isDefault: row.isDefault,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
