import type { MovementDto, PortDto, RepairDto, WorkLogDto } from '@unyo/contracts';
import { iso, presentSiteRef } from '../org/org.presenter.ts';
import { presentPersonRef } from './assets.presenter.ts';
import type { assetRepairs, assetWorkLogs } from './assets.table.ts';
import type { MovementWithRefs, PortWithRefs } from './assets-history.repo.ts';

type Loc = { building?: string | null; floor?: string | null; room?: string | null; rack?: string | null };
const loc = (site: MovementWithRefs['fromSite'], l: unknown) => {
  const x = (l ?? {}) as Loc;
  return { site: site ? presentSiteRef(site) : null, building: x.building ?? null, floor: x.floor ?? null, room: x.room ?? null, rack: x.rack ?? null };
};

export function presentMovement(r: MovementWithRefs): MovementDto {
  const m = r.movement;
  return {
    id: m.id,
    kind: m.kind as MovementDto['kind'],
    movedOn: m.movedOn,
    from: loc(r.fromSite, m.fromLocation),
    to: loc(r.toSite, m.toLocation),
    fromUser: presentPersonRef(r.fromUser),
    toUser: presentPersonRef(r.toUser),
    requestRef: m.requestRef,
    note: m.note,
    operator: m.operatorLabel,
    createdAt: iso(m.createdAt)!,
  };
}

export function presentRepair(r: typeof assetRepairs.$inferSelect): RepairDto {
  return {
    id: r.id,
    reportedOn: r.reportedOn,
    symptom: r.symptom,
    vendor: r.vendor,
    action: r.action,
    costYen: r.costYen,
    sentOn: r.sentOn,
    returnedOn: r.returnedOn,
    version: r.version,
    createdBy: r.createdByLabel,
    createdAt: iso(r.createdAt)!,
  };
}

export function presentWorkLog(r: typeof assetWorkLogs.$inferSelect): WorkLogDto {
  return {
    id: r.id,
    performedAt: iso(r.performedAt)!,
    content: r.content,
    worker: r.worker,
    requestRef: r.requestRef,
    source: r.source,
    createdBy: r.createdByLabel,
    createdAt: iso(r.createdAt)!,
  };
}

export function presentPort(r: PortWithRefs): PortDto {
  return {
    id: r.port.id,
    port: r.port.port,
    vlan: r.port.vlan,
    connectedAsset: r.connected,
    description: r.port.description,
    version: r.port.version,
    updatedAt: iso(r.port.updatedAt)!,
  };
}
