import type { Permission } from '@unyo/contracts';

/** The permissions that each show one card of the operations dashboard; the page is open to a user holding any of them. */
export const operationsPermissions = [
  'incident.read',
  'security-case.read',
  'backup.read',
  'monitoring.read',
  'endpoint-security.read',
] as const satisfies readonly Permission[];
