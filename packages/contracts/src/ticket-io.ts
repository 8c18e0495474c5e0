import { z } from 'zod';
import { Id, OptionalText, YearMonth } from './common.ts';
import { ExportQuery } from './io.ts';
import { noResponseReasons, ticketChannels, ticketLanguages } from './servicedesk.ts';

/**
 * Inquiry-ledger import/export (3.1.1.q: the previous contractor's history) and the reception sheet (5.1.a).
 * Times in the files are wall-clock times of the ticket's site (the way the ledger was kept) unless they carry an offset.
 */

const Instant = z.iso.datetime({ offset: true });
const Month = YearMonth;

/** One imported ledger row after the cells were read (times already resolved to instants on the row's site). */
export const TicketImportInput = z.object({
  number: z.string().trim().min(1).max(40),
  channel: ticketChannels.schema,
  language: ticketLanguages.schema.nullable().optional(),
  siteId: Id,
  requesterName: OptionalText(200),
  requesterEmail: z.string().trim().toLowerCase().pipe(z.email()).nullable().optional(),
  requesterPersonId: Id.nullable().optional(),
  categoryCode: OptionalText(50),
  subject: z.string().trim().min(1).max(300),
  description: z.string().max(20_000).nullable().optional(),
  installRequest: z.boolean().nullable().optional(),
  receivedAt: Instant,
  firstAnsweredAt: Instant.nullable().optional(),
  escalationStartedAt: Instant.nullable().optional(),
  escalationEndedAt: Instant.nullable().optional(),
  vendor: OptionalText(200),
  resolvedAt: Instant.nullable().optional(),
  reopenedAt: Instant.nullable().optional(),
  closedAt: Instant.nullable().optional(),
  noResponse: z.boolean().nullable().optional(),
  noResponseReason: noResponseReasons.schema.nullable().optional(),
});
export type TicketImportInput = z.infer<typeof TicketImportInput>;

/** GET /tickets/export: the inquiry ledger in the import's columns; month = received in that site-local month. */
export const TicketExportQuery = ExportQuery.extend({
  siteId: Id.optional(),
  month: Month.optional(),
});
export type TicketExportQuery = z.infer<typeof TicketExportQuery>;

/** GET /tickets/reception-sheet.xlsx: the month's reception sheet (one row per ticket received, site-local month). */
export const ReceptionSheetMonthQuery = z.object({
  month: Month,
  siteId: Id.optional(),
});
export type ReceptionSheetMonthQuery = z.infer<typeof ReceptionSheetMonthQuery>;
