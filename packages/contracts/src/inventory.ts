import { z } from 'zod';
import { Id } from './common.ts';

/** Tokens the inventory agents (FusionInventory / OCS protocol) authenticate with (3.1.1.d, 3.3.1.a). */
export const AgentTokenCreateInput = z.object({ name: z.string().trim().min(1).max(100) });
export type AgentTokenCreateInput = z.infer<typeof AgentTokenCreateInput>;

export const AgentTokenDto = z.object({
  id: Id,
  name: z.string(),
  /** The first characters of the token, to tell tokens apart; the secret is shown only once. */
  prefix: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type AgentTokenDto = z.infer<typeof AgentTokenDto>;

/** The create response: the only time the secret is sent. */
export const AgentTokenCreated = AgentTokenDto.extend({ token: z.string() });
export type AgentTokenCreated = z.infer<typeof AgentTokenCreated>;

export const AgentTokenList = z.object({ items: z.array(AgentTokenDto) });
export type AgentTokenList = z.infer<typeof AgentTokenList>;

/** Query of the agent URL: `?site=CODE` puts the assets this agent creates at that site. */
export const InventoryAgentQuery = z.object({ site: z.string().trim().min(1).max(40).optional() });
export type InventoryAgentQuery = z.infer<typeof InventoryAgentQuery>;
