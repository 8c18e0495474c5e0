import type { SoftwareLicenseDto } from '@unyo/contracts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { iso } from '../org/org.presenter.ts';
import type { LicenseWithRefs } from './licenses.repo.ts';
import { renewalNoticeDate, renewalNoticeMonths } from './versions.ts';

export const licensePolicy: Policy<unknown> = {
  update: (a) => can(a, 'software-license.manage'),
  delete: (a) => can(a, 'software-license.manage'),
};

export function presentLicense(row: LicenseWithRefs, actor: Actor): SoftwareLicenseDto {
  const noticeSent = row.renewalNoticeSentAt !== null && row.renewalNoticeFor === row.renewalDate;
  return {
    id: row.id,
    assetNumber: row.assetNumber,
    licenseType: row.licenseType as SoftwareLicenseDto['licenseType'],
    licenseForm: row.licenseForm as SoftwareLicenseDto['licenseForm'],
    softwareName: row.softwareName,
    products: row.products,
    usableEditions: row.usableEditions,
    usableVersions: row.usableVersions,
    usableLanguages: row.usableLanguages,
    licensedVersion: row.licensedVersion,
    downgradeAllowed: row.downgradeAllowed,
    ownedCount: row.ownedCount,
    manufacturer: row.manufacturer,
    certificateNumber: row.certificateNumber,
    storageLocation: row.storageLocation,
    acquiredOn: row.acquiredOn,
    approvalDocument: row.approvalDocument,
    unitPrice: row.unitPrice,
    totalCost: row.totalCost,
    contractAmount: row.contractAmount,
    conditions: row.conditions,
    upgradeValidUntil: row.upgradeValidUntil,
    renewalDate: row.renewalDate,
    renewalNoticeDate: renewalNoticeDate(row.renewalDate, row.contractAmount),
    renewalNoticeMonths: row.renewalDate ? renewalNoticeMonths(row.contractAmount) : null,
    // A notice sent for an earlier renewal date does not count for the current one.
    renewalNoticeSentAt: noticeSent ? iso(row.renewalNoticeSentAt) : null,
    upgradeFrom: row.upgradeFrom,
    upgradeTo: row.upgradeTo,
    boundDevice: row.boundDevice,
    procuredBy: row.procuredBy,
    vendorRegisteredOn: row.vendorRegisteredOn,
    note: row.note,
    version: row.version,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    abilities: abilitiesOf(licensePolicy, actor, row),
  };
}
