import type { AgentTokenDto } from '@unyo/contracts';
import { iso } from '../org/org.presenter.ts';
import type { AgentTokenRow } from './agent-tokens.service.ts';

export function presentAgentToken(row: AgentTokenRow): AgentTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: `uagt_${row.prefix}_…`,
    createdAt: iso(row.createdAt)!,
    createdBy: row.createdByLabel,
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  };
}
