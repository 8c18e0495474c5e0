import { z } from 'zod';
import { Abilities, Id, OptionalText, Page, PageQuery } from './common.ts';

// ---------------------------------------------------------------- business systems and their responsible departments (4.1.3.a)

const Code = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'error.code_format' });

export const BusinessSystemCreateInput = z.object({
  code: Code,
  name: z.string().trim().min(1).max(200),
  nameEn: OptionalText(200),
  /** The department responsible for the system (contacted when it behaves abnormally). */
  departmentId: Id,
  contactName: OptionalText(100),
  contactPhone: OptionalText(50),
  contactEmail: z.string().trim().toLowerCase().pipe(z.email()).nullable().optional(),
  /** The maintenance contractor, contacted if needed. */
  contractor: OptionalText(200),
  contractorContact: OptionalText(300),
  notes: OptionalText(2000),
  active: z.boolean().default(true),
});
export type BusinessSystemCreateInput = z.infer<typeof BusinessSystemCreateInput>;

export const BusinessSystemUpdateInput = BusinessSystemCreateInput.partial();
export type BusinessSystemUpdateInput = z.infer<typeof BusinessSystemUpdateInput>;

export const BusinessSystemDepartmentRef = z.object({ id: Id, code: z.string(), nameJa: z.string(), nameEn: z.string() });

export const BusinessSystemDto = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  department: BusinessSystemDepartmentRef,
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contractor: z.string().nullable(),
  contractorContact: z.string().nullable(),
  notes: z.string().nullable(),
  active: z.boolean(),
  /** Incidents that point at the system (a referenced system can be deactivated, not deleted). */
  incidentCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type BusinessSystemDto = z.infer<typeof BusinessSystemDto>;

export const BusinessSystemListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  active: z.enum(['true', 'false']).optional(),
  departmentId: Id.optional(),
});
export type BusinessSystemListQuery = z.infer<typeof BusinessSystemListQuery>;
export const BusinessSystemPage = Page(BusinessSystemDto);

/** What an incident shows of its business system: the master as it is now (ownerDepartment keeps the snapshot). */
export const IncidentBusinessSystemRef = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  departmentName: z.string(),
  departmentNameEn: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contractor: z.string().nullable(),
  contractorContact: z.string().nullable(),
});
export type IncidentBusinessSystemRef = z.infer<typeof IncidentBusinessSystemRef>;
