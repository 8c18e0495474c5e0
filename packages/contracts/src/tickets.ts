import { z } from 'zod';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery } from './common.ts';
import { DepartmentRef, SiteRef } from './org.ts';
import {
  noResponseReasons,
  requesterTypes,
  resolutionCodes,
  TicketDetailsInput,
  ticketChannels,
  ticketEventTypes,
  ticketLanguages,
  ticketPriorities,
  ticketStatuses,
  ticketTeams,
} from './servicedesk.ts';

/** API shapes of tickets (inquiries), their timeline, categories and the requester portal (5.1–5.6, S-4-6-1-1). */

/**
 * The first-answer clock (S-4-6-1-1: 2 h of business time on the site's calendar).
 * running / at_risk (≥ 75 % used) / breached (past due, still unanswered) while no answer;
 * met / missed once answered; excluded for install requests and unavoidable no-response.
 */
export const ticketClockStates = choiceSet([
  { value: 'running', ja: '計測中', en: 'Running', color: 'processing' },
  { value: 'at_risk', ja: '期限間近', en: 'At risk', color: 'orange' },
  { value: 'breached', ja: '期限超過', en: 'Breached', color: 'red' },
  { value: 'met', ja: '達成', en: 'Met', color: 'green' },
  { value: 'missed', ja: '未達', en: 'Missed', color: 'volcano' },
  { value: 'excluded', ja: '対象外', en: 'Excluded', color: 'default' },
]);
export type TicketClockState = (typeof ticketClockStates.values)[number];

export const TicketClock = z.object({
  /** receivedAt + 2 h of business time; null when excluded. */
  dueAt: z.string().nullable(),
  state: ticketClockStates.schema,
  /**
   * Business milliseconds left until dueAt: from now while unanswered (negative once breached), at the first answer
   * once answered (negative = missed by that much). Null when excluded.
   */
  remainingMs: z.number().nullable(),
  /** Business time used / target (0.75 = at-risk threshold; > 1 breached). Null when excluded. */
  elapsedRatio: z.number().nullable(),
  /** When the numbers were computed (the web counts down from here between refreshes). */
  computedAt: z.string(),
});
export type TicketClock = z.infer<typeof TicketClock>;

export const TicketCategoryRef = z.object({ id: Id, code: z.string(), nameJa: z.string(), nameEn: z.string() });
export type TicketCategoryRef = z.infer<typeof TicketCategoryRef>;
export const TicketUserRef = z.object({ id: Id, displayName: z.string() });
export type TicketUserRef = z.infer<typeof TicketUserRef>;

export const TicketRequesterDto = z.object({
  personId: Id.nullable(),
  /** The person's name (kanji) when linked, else the free name. */
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  organization: z.string().nullable(),
});
export type TicketRequesterDto = z.infer<typeof TicketRequesterDto>;

/** 5.1.b: the department a `referred` inquiry was sent to, with its contact point. */
export const TicketReferralDepartmentDto = DepartmentRef.extend({ mail: z.string().nullable() });
export type TicketReferralDepartmentDto = z.infer<typeof TicketReferralDepartmentDto>;

export const TicketDto = z.object({
  id: Id,
  number: z.string(),
  channel: ticketChannels.schema,
  language: ticketLanguages.schema,
  requester: TicketRequesterDto,
  requesterType: requesterTypes.schema,
  site: SiteRef,
  category: TicketCategoryRef.nullable(),
  priority: ticketPriorities.schema,
  subject: z.string(),
  description: z.string(),
  status: ticketStatuses.schema,
  assignee: TicketUserRef.nullable(),
  team: ticketTeams.schema,
  installRequest: z.boolean(),
  noResponse: z.boolean(),
  noResponseReason: noResponseReasons.schema.nullable(),
  noResponseNote: z.string().nullable(),
  receivedAt: z.string(),
  firstAnsweredAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reopenCount: z.number().int(),
  escalated: z.boolean(),
  /** Vendor of the open escalation, else null. */
  escalationVendor: z.string().nullable(),
  /** The vendor's own ticket / query reference of the open escalation (5.3.a, 5.4.c, 5.5.a), else null. */
  vendorReference: z.string().nullable(),
  /** How it ended (set when resolved; cleared when reopened). */
  resolutionCode: resolutionCodes.schema.nullable(),
  /** With resolutionCode `referred`: the department the requester was sent to (5.1.b). */
  resolutionDepartment: TicketReferralDepartmentDto.nullable(),
  /** Category-specific task attributes (ticket-details.ts); {} when none. */
  details: z.record(z.string(), z.unknown()),
  firstContactResolution: z.boolean(),
  handlingSeconds: z.number().int(),
  clock: TicketClock,
  importedFrom: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** update, reply, note, status, escalate, noResponse. */
  abilities: Abilities,
});
export type TicketDto = z.infer<typeof TicketDto>;

export const TicketListItemDto = TicketDto.pick({
  id: true,
  number: true,
  channel: true,
  language: true,
  site: true,
  category: true,
  priority: true,
  subject: true,
  status: true,
  assignee: true,
  team: true,
  installRequest: true,
  noResponse: true,
  receivedAt: true,
  firstAnsweredAt: true,
  resolvedAt: true,
  escalated: true,
  clock: true,
  requesterType: true,
  resolutionCode: true,
}).extend({ requesterName: z.string().nullable() });
export type TicketListItemDto = z.infer<typeof TicketListItemDto>;
export const TicketPage = Page(TicketListItemDto);

const commaList = <V extends string>(values: readonly V[]) =>
  z
    .string()
    .trim()
    .max(300)
    .refine((s) => s.split(',').every((v) => (values as readonly string[]).includes(v.trim())), { message: 'error.invalid' });

export const ticketSorts = ['received', '-received', 'due'] as const;
export const TicketListQuery = PageQuery.extend({
  /** Free text over number, subject, description, requester (1–2 character Japanese is exact). */
  q: z.string().trim().max(100).optional(),
  /** One status or a comma list (`new,in_progress`); `open` = every status that still needs work. */
  status: z.union([z.literal('open'), commaList(ticketStatuses.values)]).optional(),
  siteId: Id.optional(),
  channel: ticketChannels.schema.optional(),
  /** A user id, `me`, or `none` (unassigned). */
  assigneeId: z.union([Id, z.enum(['me', 'none'])]).optional(),
  categoryId: Id.optional(),
  priority: ticketPriorities.schema.optional(),
  team: ticketTeams.schema.optional(),
  language: ticketLanguages.schema.optional(),
  requesterType: requesterTypes.schema.optional(),
  resolutionCode: resolutionCodes.schema.optional(),
  /** Clock state; live states (running/at_risk/breached) are computed in SQL from the stored due time. */
  clock: ticketClockStates.schema.optional(),
  /** received = oldest first, -received = newest first (default), due = nearest first-answer deadline first. */
  sort: z.enum(ticketSorts).default('-received'),
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

export const TicketAttachmentDto = z.object({ id: Id, fileName: z.string(), contentType: z.string(), size: z.number().int() });
export type TicketAttachmentDto = z.infer<typeof TicketAttachmentDto>;

export const TicketEventDto = z.object({
  id: Id,
  seq: z.number().int(),
  type: ticketEventTypes.schema,
  at: z.string(),
  actor: z.object({ userId: Id.nullable(), label: z.string() }),
  visibility: z.enum(['public', 'internal']),
  body: z.string().nullable(),
  /** Type-specific facts (status from/to, vendor, call, mail message id, changed fields…). */
  data: z.record(z.string(), z.unknown()),
  attachments: z.array(TicketAttachmentDto),
});
export type TicketEventDto = z.infer<typeof TicketEventDto>;
export const TicketEventList = z.object({ items: z.array(TicketEventDto), total: z.number().int() });
export type TicketEventList = z.infer<typeof TicketEventList>;

const Body = z.string().trim().min(1).max(20_000);
const FileIds = z.array(Id).max(20).optional();

/** PATCH: only the named fields change; send If-Match: "v<version>" like other ledgers. */
export const TicketUpdateInput = z
  .object({
    categoryId: Id.nullable(),
    priority: ticketPriorities.schema,
    assigneeId: Id.nullable(),
    team: ticketTeams.schema,
    installRequest: z.boolean(),
    subject: z.string().trim().min(1).max(300),
    /** Trimmed; may be empty only on tickets the desk wrote (the requester's own text stays non-empty). */
    description: z.string().trim().max(20_000),
    language: ticketLanguages.schema,
    siteId: Id,
    requesterType: requesterTypes.schema,
    /** Replaces the details object (checked against the ticket's category after the change). */
    details: TicketDetailsInput,
  })
  .partial();
export type TicketUpdateInput = z.infer<typeof TicketUpdateInput>;

/**
 * How a resolution is recorded: the code (default `answered`) and, for `referred`, the department (default: the
 * category's owner department). Only with a move to resolved or closed.
 */
const ResolutionFields = {
  resolutionCode: resolutionCodes.schema.optional(),
  resolutionDepartmentId: Id.optional(),
};
const resolutionOnlyWhenDone = (v: { status?: string; resolutionCode?: string; resolutionDepartmentId?: string }, ctx: z.RefinementCtx) => {
  const done = v.status === 'resolved' || v.status === 'closed';
  if (!done && v.resolutionCode) ctx.addIssue({ code: 'custom', message: 'error.resolution_status', path: ['resolutionCode'] });
  if (v.resolutionDepartmentId && v.resolutionCode !== 'referred') {
    ctx.addIssue({ code: 'custom', message: 'error.resolution_department', path: ['resolutionDepartmentId'] });
  }
};

/** A public reply (mailed to the requester). `status` moves the ticket in the same step, e.g. resolve with the reply. */
export const TicketReplyInput = z
  .object({
    body: Body,
    attachmentFileIds: FileIds,
    status: z.enum(['in_progress', 'waiting', 'resolved']).optional(),
    ...ResolutionFields,
  })
  .superRefine(resolutionOnlyWhenDone);
export type TicketReplyInput = z.infer<typeof TicketReplyInput>;

export const TicketNoteInput = z.object({ body: Body, attachmentFileIds: FileIds });
export type TicketNoteInput = z.infer<typeof TicketNoteInput>;

/** Status change; `escalated` goes through /escalations, `reopened` is allowed from resolved/closed only. */
export const TicketStatusInput = z
  .object({
    status: ticketStatuses.schema.exclude(['new', 'escalated']),
    note: OptionalText(4000),
    ...ResolutionFields,
  })
  .superRefine(resolutionOnlyWhenDone);
export type TicketStatusInput = z.infer<typeof TicketStatusInput>;

export const TicketEscalationInput = z.object({
  vendor: z.string().trim().min(1).max(200),
  /** The provider's / maintenance company's / contractor's ticket or query reference (5.3.a, 5.4.c, 5.5.a). */
  vendorReference: OptionalText(200),
  note: OptionalText(4000),
});
export type TicketEscalationInput = z.infer<typeof TicketEscalationInput>;
export const TicketEscalationEndInput = z.object({ note: OptionalText(4000) });
export type TicketEscalationEndInput = z.infer<typeof TicketEscalationEndInput>;

/** Unavoidable no-response (S-4-6-1-3 exclusion): a reason is required when set. */
export const TicketNoResponseInput = z
  .object({
    noResponse: z.boolean(),
    reason: noResponseReasons.schema.nullable().optional(),
    note: OptionalText(2000),
  })
  .refine((v) => !v.noResponse || !!v.reason, { message: 'error.required', path: ['reason'] });
export type TicketNoResponseInput = z.infer<typeof TicketNoResponseInput>;

// ---- Categories ----

export const TicketCategoryNodeDto = z.object({
  id: Id,
  code: z.string(),
  parentId: Id.nullable(),
  nameJa: z.string(),
  nameEn: z.string(),
  /** Spec item the category comes from (5.5.a…). */
  specRef: z.string().nullable(),
  /** 5.1.b: business-system inquiries are answered by pointing to this department. */
  ownerDepartment: DepartmentRef.nullable(),
  ownerNote: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type TicketCategoryNodeDto = z.infer<typeof TicketCategoryNodeDto>;
/** Two levels: top categories with their children. */
export const TicketCategoryDto = TicketCategoryNodeDto.extend({ children: z.array(TicketCategoryNodeDto) });
export type TicketCategoryDto = z.infer<typeof TicketCategoryDto>;
export const TicketCategoryTree = z.object({ items: z.array(TicketCategoryDto) });
export type TicketCategoryTree = z.infer<typeof TicketCategoryTree>;
export const TicketCategoryQuery = z.object({ includeInactive: z.enum(['true', 'false']).optional() });

/**
 * Category administration (ticket-category.manage). The code is the stable key (imports, reports, details map) and
 * cannot change; a category that is no longer used is deactivated, never deleted, so old tickets keep it.
 */
const CategoryFields = {
  parentId: Id.nullable(),
  nameJa: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  specRef: OptionalText(20),
  ownerDepartmentId: Id.nullable(),
  ownerNote: OptionalText(2000),
  sortOrder: z.number().int().min(0).max(1_000_000),
  active: z.boolean(),
};
export const TicketCategoryCreateInput = z.object({
  code: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)?$/, 'error.category_code'),
  ...CategoryFields,
  parentId: CategoryFields.parentId.optional(),
  ownerDepartmentId: CategoryFields.ownerDepartmentId.optional(),
  sortOrder: CategoryFields.sortOrder.default(0),
  active: CategoryFields.active.default(true),
});
export type TicketCategoryCreateInput = z.infer<typeof TicketCategoryCreateInput>;
export const TicketCategoryUpdateInput = z.object(CategoryFields).partial();
export type TicketCategoryUpdateInput = z.infer<typeof TicketCategoryUpdateInput>;

// ---- Requester portal (6) ----

export const PortalTicketCreateInput = z.object({
  categoryId: Id.nullable().optional(),
  subject: z.string().trim().min(1).max(300),
  description: z.string().trim().min(1).max(20_000),
  /** Defaults to the portal user's locale. */
  language: ticketLanguages.schema.optional(),
  /** Needed only when the user has no person record (hence no home site). */
  siteId: Id.optional(),
  attachmentFileIds: FileIds,
});
export type PortalTicketCreateInput = z.infer<typeof PortalTicketCreateInput>;

export const PortalReplyInput = z.object({ body: Body, attachmentFileIds: FileIds });
export type PortalReplyInput = z.infer<typeof PortalReplyInput>;

/** What the requester sees of an event: public events only, without internal data. */
export const PortalTicketEventDto = TicketEventDto.pick({ id: true, seq: true, type: true, at: true, body: true, attachments: true }).extend({
  actorLabel: z.string(),
  /** True for the requester's own messages (shown on the right, like a chat). */
  mine: z.boolean(),
});
export type PortalTicketEventDto = z.infer<typeof PortalTicketEventDto>;

export const PortalTicketListItemDto = z.object({
  id: Id,
  number: z.string(),
  subject: z.string(),
  status: ticketStatuses.schema,
  category: TicketCategoryRef.nullable(),
  receivedAt: z.string(),
  /** Last public activity, for "new reply" hints. */
  lastPublicAt: z.string().nullable(),
});
export type PortalTicketListItemDto = z.infer<typeof PortalTicketListItemDto>;
export const PortalTicketPage = Page(PortalTicketListItemDto);
export const PortalTicketListQuery = PageQuery.extend({ status: z.enum(['open', 'done']).optional() });
export type PortalTicketListQuery = z.infer<typeof PortalTicketListQuery>;

export const PortalTicketDto = PortalTicketListItemDto.extend({
  channel: ticketChannels.schema,
  language: ticketLanguages.schema,
  site: SiteRef,
  /** The requester's own text (portal/mail tickets); null when the desk wrote it (phone, walk-in…). */
  description: z.string().nullable(),
  firstAnsweredAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  events: z.array(PortalTicketEventDto),
  /** reply, close. */
  abilities: Abilities,
});
export type PortalTicketDto = z.infer<typeof PortalTicketDto>;

/** Sites a portal user without a person record may file for. */
export const PortalSiteList = z.object({ items: z.array(SiteRef), defaultSiteId: Id.nullable() });
export type PortalSiteList = z.infer<typeof PortalSiteList>;
