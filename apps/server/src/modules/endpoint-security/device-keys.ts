import { type SQL, sql } from 'drizzle-orm';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * How consoles and the ledger name one device: upper case, without the domain (CORP\PC-01, pc-01.corp.local and
 * PC-01 are one device). The ledger has no separate hostname field; its asset name is the computer name.
 */
export function deviceKeyOf(name: string): string {
  let s = name.normalize('NFKC').trim();
  const slash = s.lastIndexOf('\\');
  if (slash >= 0) s = s.slice(slash + 1);
  if (!IPV4.test(s)) s = s.split('.')[0];
  return s.toUpperCase();
}

/** The same key in SQL, for hardware_assets.name. */
export const assetKeySql = (name: SQL) => sql`upper(split_part(${name}, '.', 1))`;

/**
 * Device key → asset id for the given keys (a JSON array parameter), only where exactly one asset has that name:
 * an ambiguous name stays unmatched rather than pinned on the wrong device.
 */
export const assetMatchSql = (keysJson: string) =>
  sql`select ${assetKeySql(sql`h.name`)} as k, (array_agg(h.id))[1] as id from hardware_assets h
      where ${assetKeySql(sql`h.name`)} in (select jsonb_array_elements_text(${keysJson}::jsonb))
      group by 1 having count(*) = 1`;

/** Numeric parts compared in order: 19.523.00 < 19.525.00, 1.403.99.0 < 1.403.100.0; text as a tie-break. */
export function compareVersions(a: string, b: string): number {
  const pa = a
    .split(/[^0-9]+/)
    .filter(Boolean)
    .map(Number);
  const pb = b
    .split(/[^0-9]+/)
    .filter(Boolean)
    .map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}
