import type { AddressObject, HeaderValue, ParsedMail } from 'mailparser';

/**
 * Mail that must never become a ticket (decision 0013). Answering any of these would start a mail loop or file a
 * machine's message as an inquiry: auto-replies (RFC 3834 Auto-Submitted, Precedence, vendor X- headers), bounces
 * (null envelope sender, MAILER-DAEMON, multipart/report delivery status) and our own mail coming back.
 */
export type DropReason =
  | 'auto_submitted'
  | 'precedence'
  | 'autoreply_header'
  | 'bounce'
  | 'delivery_report'
  | 'own_message'
  | 'own_address'
  | 'no_sender'
  | 'spam'
  | 'too_large';

const headerText = (v: HeaderValue | undefined): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in v && typeof v.value === 'string') return v.value;
  return String(v);
};

export function firstAddress(a: AddressObject | AddressObject[] | undefined): { address: string; name: string } | null {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const obj of list) {
    for (const v of obj.value ?? []) {
      if (v.address) return { address: v.address.toLowerCase(), name: v.name ?? '' };
    }
  }
  return null;
}

/** The address part of a `Name <addr>` string, lower-cased. */
export function bareAddress(s: string): string {
  return (/<([^>]+)>/.exec(s)?.[1] ?? s).trim().toLowerCase();
}

const bounceSenders = /^(mailer-daemon|postmaster|mail-daemon|mailer)@/i;

/**
 * Classifies by headers alone; `envelopeFrom` is the SMTP MAIL FROM when the mail came over SMTP (`''` = the null
 * sender of a bounce). Our own Message-IDs are checked separately against the database.
 */
export function dropReasonOf(mail: ParsedMail, opts: { envelopeFrom?: string | null; ownAddress: string; ownIdDomain: string }): DropReason | null {
  const h = mail.headers;
  const autoSubmitted = headerText(h.get('auto-submitted')).trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return 'auto_submitted';
  const precedence = headerText(h.get('precedence')).trim().toLowerCase();
  if (['bulk', 'junk', 'list', 'auto_reply', 'auto-reply'].includes(precedence)) return 'precedence';
  if (h.has('x-autoreply') || h.has('x-autorespond') || h.has('x-autoresponder')) return 'autoreply_header';
  // The agency's relay runs a spam filter (SpamAssassin style headers). Filing spam would acknowledge forged senders
  // (backscatter) and bury the desk; the mail stays in the inbound log for anyone to check.
  if (/^\s*yes\b/i.test(headerText(h.get('x-spam-flag'))) || /^\s*yes\b/i.test(headerText(h.get('x-spam-status')))) return 'spam';
  const contentType = h.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value?.toLowerCase() === 'multipart/report') return 'delivery_report';
  // mailparser gives Return-Path as an address list; `<>` is one empty address.
  const returnPath = h.has('return-path') ? (firstAddress(h.get('return-path') as AddressObject)?.address ?? '') : null;
  if (opts.envelopeFrom === '' || returnPath === '') return 'bounce';
  const from = firstAddress(mail.from);
  if (!from) return 'no_sender';
  if ([from.address, returnPath, opts.envelopeFrom].some((a) => a && bounceSenders.test(a))) return 'bounce';
  if (from.address === opts.ownAddress) return 'own_address';
  if (mail.messageId && isOwnMessageId(mail.messageId, opts.ownIdDomain)) return 'own_message';
  return null;
}

/** Our Message-IDs look like `<ticket-HD-2026-000123-…@domain>` (see newTicketMessageId). */
export function isOwnMessageId(id: string, domain: string): boolean {
  const m = /^<?ticket-[^@]*@([^>]+)>?$/i.exec(id.trim());
  return !!m && m[1].toLowerCase() === domain.toLowerCase();
}

/** The ticket number inside one of our Message-IDs, if it is one. */
export function ticketNumberInMessageId(id: string, domain: string): string | null {
  if (!isOwnMessageId(id, domain)) return null;
  return /ticket-(HD-\d{4}-\d{6})/i.exec(id)?.[1]?.toUpperCase() ?? null;
}

/** A fresh Message-ID naming the ticket, so a reply finds its ticket even from the id alone. */
export function newTicketMessageId(number: string, kind: string, domain: string): string {
  return `<ticket-${number}-${kind}-${crypto.randomUUID().slice(0, 8)}@${domain}>`;
}

/** `[HD-2026-000123]` (or the bare number) in a subject. */
export function ticketNumberInSubject(subject: string): string | null {
  return /\b(HD-\d{4}-\d{6})\b/i.exec(subject)?.[1]?.toUpperCase() ?? null;
}

/** Japanese when the text has kana or kanji; otherwise English (the desk's two languages). */
export function guessLanguage(text: string): 'ja' | 'en' {
  return /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/.test(text) ? 'ja' : 'en';
}

/** All Message-IDs a reply names: In-Reply-To, then References, without duplicates. */
export function threadIdsOf(mail: ParsedMail): string[] {
  const refs = Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [];
  const inReplyTo = mail.inReplyTo ? (mail.inReplyTo.match(/<[^>]+>/g) ?? [mail.inReplyTo]) : [];
  return [...new Set([...inReplyTo, ...refs].map((s) => s.trim()).filter(Boolean))];
}
