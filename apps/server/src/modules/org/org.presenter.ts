import type { DepartmentDto, PersonDto, SiteDto, SiteRef } from '@unyo/contracts';
import type { Actor } from '../../platform/auth/actor.ts';
import { abilitiesOf } from '../../platform/authz/policy.ts';
import type { DepartmentWithSite } from './departments.repo.ts';
import { departmentPolicy, personPolicy, sitePolicy } from './org.policy.ts';
import type { PersonWithRefs } from './people.repo.ts';
import type { SiteRow } from './sites.repo.ts';

export const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function presentSiteRef(s: { id: string; code: string; nameJa: string; nameEn: string }): SiteRef {
  return { id: s.id, code: s.code, nameJa: s.nameJa, nameEn: s.nameEn };
}

export function presentSite(row: SiteRow, actor: Actor): SiteDto {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind as SiteDto['kind'],
    nameJa: row.nameJa,
    nameEn: row.nameEn,
    country: row.country,
    timeZone: row.timeZone,
    officeCode: row.officeCode,
    accountCode: row.accountCode,
    active: row.active,
    version: row.version,
    updatedAt: iso(row.updatedAt)!,
    abilities: abilitiesOf(sitePolicy, actor, row),
  };
}

export function presentDepartment(row: DepartmentWithSite, actor: Actor): DepartmentDto {
  return {
    id: row.id,
    code: row.code,
    nameJa: row.nameJa,
    nameEn: row.nameEn,
    site: presentSiteRef(row.site),
    parentId: row.parentId,
    mail: row.mail,
    active: row.active,
    version: row.version,
    updatedAt: iso(row.updatedAt)!,
    abilities: abilitiesOf(departmentPolicy, actor, row),
  };
}

export function presentPerson(row: PersonWithRefs, actor: Actor): PersonDto {
  return {
    id: row.id,
    employeeNumber: row.employeeNumber,
    nameKanji: row.nameKanji,
    nameKana: row.nameKana,
    nameRomaji: row.nameRomaji,
    staffType: row.staffType as PersonDto['staffType'],
    site: presentSiteRef(row.site),
    department: row.department ? { id: row.department.id, code: row.department.code, nameJa: row.department.nameJa, nameEn: row.department.nameEn } : null,
    email: row.email,
    extension: row.extension,
    status: row.status as PersonDto['status'],
    startDate: row.startDate,
    endDate: row.endDate,
    version: row.version,
    updatedAt: iso(row.updatedAt)!,
    abilities: abilitiesOf(personPolicy, actor, row),
  };
}
