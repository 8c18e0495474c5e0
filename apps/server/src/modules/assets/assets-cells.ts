import { IpAddress, type NaptRule, normalizeMac } from '@unyo/contracts';
import type { CellCodec } from '../../platform/files/ledger-io.ts';
import type { Parsed } from '../../platform/files/normalize.ts';

// The network cells of the hardware ledger file: NAPT rules, IP and MAC lists (one item each).

// ---------------------------------------------------------------------------------------------
// NAPT設定情報 in one cell
//
//   rules    := rule { (";" | newline) rule }
//   rule     := [ protocol ] inside "=" outside [ "#" note ]      protocol: tcp | udp | any (default any)
//   endpoint := IPv4 [ ":" port ] | "[" IPv6 "]" [ ":" port ] | IPv6
//
// e.g. `tcp 10.0.0.5:443=203.0.113.5:8443 #Web公開; udp 10.0.0.6=203.0.113.6`. "->" and "→" work
// as "=" too. The export writes the same form, so a ledger re-imports unchanged.

const RULE = /^(?:(tcp|udp|any)\s+)?(\S+?)\s*(?:=|->|→)\s*(\S+?)(?:\s*#\s*(.*))?$/i;

function endpoint(s: string): { address: string; port: number | null } | null {
  const m = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(s) ?? (s.split(':').length === 2 ? /^([^:]+):(\d{1,5})$/.exec(s) : null);
  const address = m ? m[1] : s;
  const port = m?.[2] === undefined ? null : Number(m[2]);
  const ip = IpAddress.safeParse(address);
  if (!ip.success || (port !== null && port > 65535)) return null;
  return { address: ip.data, port };
}

const endpointText = (address: string, port: number | null | undefined) => {
  const a = address.includes(':') && port != null ? `[${address}]` : address;
  return port == null ? a : `${a}:${port}`;
};

export const naptCodec: CellCodec = {
  parse(text): Parsed<unknown> {
    const rules: NaptRule[] = [];
    for (const raw of text.normalize('NFKC').split(/[;\n\r]+/)) {
      const s = raw.trim();
      if (!s) continue;
      const m = RULE.exec(s);
      const inside = m && endpoint(m[2]);
      const outside = m && endpoint(m[3]);
      if (!m || !inside || !outside) return { ok: false, error: 'import.invalid_napt', params: { value: s } };
      rules.push({
        protocol: (m[1]?.toLowerCase() ?? 'any') as NaptRule['protocol'],
        insideAddress: inside.address,
        insidePort: inside.port,
        outsideAddress: outside.address,
        outsidePort: outside.port,
        note: m[4]?.trim() || null,
      });
    }
    return { ok: true, value: rules };
  },
  format(value) {
    if (!Array.isArray(value)) return '';
    return (value as NaptRule[])
      .map((r) => {
        const proto = r.protocol && r.protocol !== 'any' ? `${r.protocol} ` : '';
        const note = r.note ? ` #${r.note}` : '';
        return `${proto}${endpointText(r.insideAddress, r.insidePort)}=${endpointText(r.outsideAddress, r.outsidePort)}${note}`;
      })
      .join('; ');
  },
};

export const ipItem = (s: string): Parsed<string> => {
  const r = IpAddress.safeParse(s);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: 'import.invalid_ip' };
};
export const macItem = (s: string): Parsed<string> => {
  const mac = normalizeMac(s);
  return mac ? { ok: true, value: mac } : { ok: false, error: 'import.invalid_mac' };
};
