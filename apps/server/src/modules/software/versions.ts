/**
 * Version ordering, renewal dates and the reporting-zone date shared by compliance, rules and the sweeps.
 * versionKey mirrors the SQL function unyo_version_key (migration 0018): digit runs padded to 10 places.
 */
export function versionKey(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const runs = v.match(/[0-9]{1,10}/g);
  if (!runs) return v.toLowerCase();
  return runs.map((r) => r.padStart(10, '0')).join('.');
}

/** -1, 0, 1 by version order; null (any version) sorts highest. */
export function compareVersions(a: string | null, b: string | null): number {
  const ka = versionKey(a);
  const kb = versionKey(b);
  if (ka === kb) return 0;
  if (ka === null) return 1;
  if (kb === null) return -1;
  return ka < kb ? -1 : 1;
}

/** The calendar date in a zone (the agency's reporting zone decides what "today" is). */
export const dateIn = (now: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

/** ¥10,000,000 or more → 6 months' notice, less → 3 (2.2.o). */
export const RENEWAL_LARGE_CONTRACT_YEN = 10_000_000;
export const renewalNoticeMonths = (contractAmount: number | null): 3 | 6 => ((contractAmount ?? 0) >= RENEWAL_LARGE_CONTRACT_YEN ? 6 : 3);

/** ISO date minus whole calendar months, clamped to the target month's last day (2027-08-31 − 6 → 2027-02-28). */
export function minusMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const index = y * 12 + (m - 1) - months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function renewalNoticeDate(renewalDate: string | null, contractAmount: number | null): string | null {
  return renewalDate ? minusMonths(renewalDate, renewalNoticeMonths(contractAmount)) : null;
}

/** A user's glob (`*`, `?`, case-insensitive at match time) as a LIKE pattern with LIKE's own wildcards escaped. */
export function globToLike(glob: string): string {
  let out = '';
  for (const ch of glob) {
    if (ch === '*') out += '%';
    else if (ch === '?') out += '_';
    else if (ch === '%' || ch === '_' || ch === '\\') out += `\\${ch}`;
    else out += ch;
  }
  return out;
}
