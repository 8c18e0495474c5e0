import type { HardwareAssetDto, HardwareAssetListItem, NaptRule, PersonRef } from '@unyo/contracts';
import type { Actor } from '../../platform/auth/actor.ts';
import { abilitiesOf } from '../../platform/authz/policy.ts';
import { iso, presentSiteRef } from '../org/org.presenter.ts';
import { assetPolicy } from './assets.policy.ts';
import type { AssetListRow, AssetWithRefs } from './assets.repo.ts';

export function presentPersonRef(
  p: { id: string; employeeNumber: string; nameKanji: string; nameRomaji: string | null; status: string } | null,
): PersonRef | null {
  return p ? { id: p.id, employeeNumber: p.employeeNumber, nameKanji: p.nameKanji, nameRomaji: p.nameRomaji, status: p.status } : null;
}

/** The whole record: the list row's fields plus the rest of the ledger entry. */
export function presentAsset(row: AssetWithRefs, actor: Actor): HardwareAssetDto {
  return {
    ...presentAssetListItem(row, actor),
    napt: row.napt as NaptRule[],
    osVersion: row.osVersion,
    acquisition: row.acquisition as HardwareAssetDto['acquisition'],
    priceYen: row.priceYen,
    leaseEnd: row.leaseEnd,
    vendor: row.vendor,
    maintenanceContract: row.maintenanceContract,
    guidanceSentOn: row.guidanceSentOn,
    entraRegisteredOn: row.entraRegisteredOn,
    intuneRegisteredOn: row.intuneRegisteredOn,
    standardSoftwareCheckedOn: row.standardSoftwareCheckedOn,
    notes: row.notes,
    attributes: row.attributes as Record<string, string>,
    inventoryFacts: (row.inventoryFacts as Record<string, unknown> | null) ?? null,
    createdAt: iso(row.createdAt)!,
  };
}

/** A row of the ledger list (HardwareAssetListItem): the fields the list shows and edits in bulk. */
export function presentAssetListItem(row: AssetListRow, actor: Actor): HardwareAssetListItem {
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
    osName: row.osName,
    status: row.status as HardwareAssetDto['status'],
    purchaseDate: row.purchaseDate,
    warrantyEnd: row.warrantyEnd,
    parent: row.parent ? { id: row.parent.id, assetNumber: row.parent.assetNumber, name: row.parent.name } : null,
    draft: row.draft,
    lastInventoryAt: iso(row.lastInventoryAt),
    version: row.version,
    updatedAt: iso(row.updatedAt)!,
    abilities: abilitiesOf(assetPolicy, actor, row),
  };
}
