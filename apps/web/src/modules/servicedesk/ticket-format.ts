import type { Locale, TicketCategoryDto, TicketCategoryRef } from '@unyo/contracts';
import { useMemo } from 'react';
import { formatDateTime, localName } from '../../lib/format.ts';
import { useSiteLookup } from '../org/org.api.ts';

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    zoneFormats.set(timeZone, f);
  }
  return f;
}

/**
 * A time as the site's clock showed it (an overseas office's inquiry is read in its own hours), in the
 * UI's date style; the browser's zone when the site's zone is unknown.
 */
export function formatSiteTime(iso: string | null | undefined, timeZone: string | undefined, locale: Locale): string {
  if (!iso) return '';
  if (!timeZone) return formatDateTime(iso, locale);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    zoneFormat(timeZone)
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const sep = locale === 'ja' ? '/' : '-';
  return `${parts.year}${sep}${parts.month}${sep}${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Site id → IANA time zone, from the site lookup the selects already load. */
export function useSiteZones(): ReadonlyMap<string, string> {
  const { data } = useSiteLookup();
  return useMemo(() => new Map((data ?? []).map((s) => [s.id, s.timeZone])), [data]);
}

/** "Hardware / Printer": a category with its parent's name. */
export function categoryPath(tree: readonly TicketCategoryDto[] | undefined, ref: TicketCategoryRef | null, locale: Locale): string {
  if (!ref) return '';
  for (const top of tree ?? []) {
    if (top.id === ref.id) return localName(top, locale);
    const child = top.children.find((c) => c.id === ref.id);
    if (child) return `${localName(top, locale)} / ${localName(child, locale)}`;
  }
  return localName(ref, locale);
}

/** The tree as antd TreeSelect data (inactive categories hidden unless currently chosen). */
export function categoryTreeData(tree: readonly TicketCategoryDto[] | undefined, locale: Locale, keep?: string | null) {
  return (tree ?? [])
    .filter((c) => c.active || c.id === keep || c.children.some((x) => x.id === keep))
    .map((c) => ({
      value: c.id,
      title: localName(c, locale),
      children: c.children.filter((x) => x.active || x.id === keep).map((x) => ({ value: x.id, title: localName(x, locale) })),
    }));
}

/** The owning department's hint of a business-system category (5.1.b), if the chosen category has one. */
export function categoryOwnerHint(tree: readonly TicketCategoryDto[] | undefined, id: string | null | undefined, locale: Locale): string | null {
  if (!id) return null;
  for (const top of tree ?? []) {
    const node = top.id === id ? top : top.children.find((c) => c.id === id);
    if (!node) continue;
    const owner = node.ownerDepartment ?? top.ownerDepartment;
    const note = node.ownerNote ?? top.ownerNote;
    if (!owner && !note) return null;
    return [owner ? localName(owner, locale) : null, note].filter(Boolean).join(' — ');
  }
  return null;
}

/** The department a business-system category refers requesters to (the child's own, else its parent's). */
export function categoryOwnerDepartment(tree: readonly TicketCategoryDto[] | undefined, id: string | null | undefined): TicketCategoryDto['ownerDepartment'] {
  if (!id) return null;
  for (const top of tree ?? []) {
    const node = top.id === id ? top : top.children.find((c) => c.id === id);
    if (node) return node.ownerDepartment ?? top.ownerDepartment;
  }
  return null;
}
