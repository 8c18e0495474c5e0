import type { HardwareAssetDto, NaptRule, PersonRef } from '@unyo/contracts';
import type { Actor } from '../../platform/auth/actor.ts';
import { abilitiesOf } from '../../platform/authz/policy.ts';
import { iso, presentSiteRef } from '../org/org.presenter.ts';
import { assetPolicy } from './assets.policy.ts';
import type { AssetWithRefs } from './assets.repo.ts';

export function presentPersonRef(
  p: { id: string; employeeNumber: string; nameKanji: string; nameRomaji: string | null; status: string } | null,
): PersonRef | null {
  return p ? { id: p.id, employeeNumber: p.employeeNumber, nameKanji: p.nameKanji, nameRomaji: p.nameRomaji, status: p.status } : null;
}

export function presentAsset(row: AssetWithRefs, actor: Actor): HardwareAssetDto {
  return {
    id: row.id,
    assetNumber: row.assetNumber,
    ledger: row.ledger as HardwareAssetDto['ledger'],
    name: row.name,
    category: row.category as HardwareAssetDto['category'],
    manufacturer: row.manufacturer,
    model: row.model,
    serialNumber: row.serialNumber,
    site: presentSiteRef(row.site),
    building: row.building,
    floor: row.floor,
    room: row.room,
    rack: row.rack,
    department: row.department ? { id: row.department.id, code: row.department.code, nameJa: row.department.nameJa, nameEn: row.department.nameEn } : null,
    user: presentPersonRef(row.user),
    purpose: row.purpose,
    ipAddresses: row.ipAddresses,
    macAddresses: row.macAddresses,
    napt: row.napt as NaptRule[],
    osName: row.osName,
    osVersion: row.osVersion,
    status: row.status as HardwareAssetDto['status'],
    acquisition: row.acquisition as HardwareAssetDto['acquisition'],
    purchaseDate: row.purchaseDate,
    priceYen: row.priceYen,
    leaseEnd: row.leaseEnd,
    vendor: row.vendor,
    maintenanceContract: row.maintenanceContract,
    warrantyEnd: row.warrantyEnd,
    parent: row.parent ? { id: row.parent.id, assetNumber: row.parent.assetNumber, name: row.parent.name } : null,
    guidanceSentOn: row.guidanceSentOn,
    entraRegisteredOn: row.entraRegisteredOn,
    intuneRegisteredOn: row.intuneRegisteredOn,
    standardSoftwareCheckedOn: row.standardSoftwareCheckedOn,
    notes: row.notes,
    attributes: row.attributes as Record<string, string>,
    draft: row.draft,
    lastInventoryAt: iso(row.lastInventoryAt),
    inventoryFacts: (row.inventoryFacts as Record<string, unknown> | null) ?? null,
    version: row.version,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    abilities: abilitiesOf(assetPolicy, actor, row),
  };
}
