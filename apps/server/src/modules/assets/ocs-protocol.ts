import { isIP } from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { normalizeIp, normalizeMac } from '@unyo/contracts';
import { AppError } from '../../platform/http/errors.ts';

// The OCS Inventory protocol as Debian's fusioninventory-agent 2.6 speaks it: zlib-compressed XML requests
// (PROLOG, then INVENTORY) and XML replies. See ../shared/PEERS.md for what was verified against the real agent.

const inflate = promisify(zlib.inflate);
const gunzip = promisify(zlib.gunzip);
const deflate = promisify(zlib.deflate);

/** Compressed bodies are capped by Fastify's bodyLimit; this caps what they inflate to (zip bombs). */
export const MAX_INFLATED_BYTES = 20 * 1024 * 1024;

/** The XML text of a request body: zlib (the agent's default), gzip or plain XML. The agent sniffs, so do we. */
export async function decodeOcsBody(body: Buffer): Promise<string> {
  if (body.length === 0) throw new AppError(400, 'problem.bad_request');
  let xml: Buffer;
  try {
    if (body[0] === 0x78) xml = await inflate(body, { maxOutputLength: MAX_INFLATED_BYTES });
    else if (body[0] === 0x1f && body[1] === 0x8b) xml = await gunzip(body, { maxOutputLength: MAX_INFLATED_BYTES });
    else xml = body;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new AppError(413, 'problem.payload_too_large');
    throw new AppError(400, 'problem.bad_request');
  }
  return xml.toString('utf8');
}

/** A reply body as the agent accepts it: zlib at the default level (level 9 and gzip make it fail). */
export async function encodeOcsReply(fields: Record<string, string | number>): Promise<Buffer> {
  const inner = Object.entries(fields)
    .map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`)
    .join('');
  return deflate(Buffer.from(`<?xml version="1.0" encoding="UTF-8" ?>\n<REPLY>${inner}</REPLY>`, 'utf8'));
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type Node = Record<string, unknown>;

// A reader for the element-only XML the agent writes (no attributes in use, no mixed content). A general XML
// parser (fast-xml-parser 5) took 20–50 ms per full inventory here, too much of the event loop for ≥ 20
// inventories/s; this takes ~2 ms. Attributes are ignored; a repeated element becomes an array.
const TOKEN = /<(\/?)([A-Za-z_][\w.:-]*)(?:\s[^>]*?)?(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>/g;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_, e: string) => {
    if (e[0] !== '#') return NAMED[e];
    const cp = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
}

function addChild(parent: Node, name: string, value: unknown) {
  const prev = parent[name];
  if (prev === undefined) parent[name] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else parent[name] = [prev, value];
}

/** Parses element-only XML into nested objects; leaf elements become their (trimmed, decoded) text. */
export function parseElementXml(xml: string): Node {
  type Frame = { name: string; node: Node; children: boolean; text: string };
  const root: Frame = { name: '', node: {}, children: false, text: '' };
  const stack: Frame[] = [root];
  let last = 0;
  for (const m of xml.matchAll(TOKEN)) {
    const top = stack[stack.length - 1];
    if (m.index > last) top.text += xml.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[4] !== undefined) {
      top.text += m[4].replaceAll('&', '&amp;');
      continue;
    }
    const name = m[2];
    if (!name) continue; // declaration, comment, doctype
    if (m[1]) {
      if (stack.length === 1 || top.name !== name) throw new Error(`unexpected </${name}>`);
      stack.pop();
      const parent = stack[stack.length - 1];
      parent.children = true;
      addChild(parent.node, name, top.children ? top.node : decodeEntities(top.text.trim()));
    } else if (m[3]) {
      top.children = true;
      addChild(top.node, name, '');
    } else {
      stack.push({ name, node: {}, children: false, text: '' });
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  return root.node;
}

export type OcsRequest = { query: string; deviceId: string | null; content: Node | null };

export function parseOcsRequest(xml: string): OcsRequest {
  let doc: Node;
  try {
    doc = parseElementXml(xml);
  } catch {
    throw new AppError(400, 'problem.bad_request');
  }
  const request = doc?.REQUEST;
  if (!request || typeof request !== 'object') throw new AppError(400, 'problem.bad_request');
  const r = request as Node;
  const content = r.CONTENT && typeof r.CONTENT === 'object' ? (r.CONTENT as Node) : null;
  return { query: str(r.QUERY)?.toUpperCase() ?? '', deviceId: str(r.DEVICEID), content };
}

/** A text value, or null when absent or blank. */
function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  return null;
}
const obj = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : Array.isArray(v) ? obj(v[0]) : {});
const list = (v: unknown): Node[] =>
  Array.isArray(v) ? v.filter((x): x is Node => !!x && typeof x === 'object') : v && typeof v === 'object' ? [v as Node] : [];
const int = (v: unknown): number | null => {
  const n = Number.parseInt(str(v) ?? '', 10);
  return Number.isFinite(n) ? n : null;
};

export type InventorySoftware = { name: string; version: string; arch: string; publisher: string | null; source: string | null };

/** What one INVENTORY says about a device, normalized; facts are kept as reported (read-only in the ledger). */
export type InventoryReport = {
  deviceId: string;
  hostName: string | null;
  osName: string | null;
  osVersion: string | null;
  biosUuid: string | null;
  serialNumber: string | null;
  manufacturer: string | null;
  model: string | null;
  chassis: string | null;
  vmSystem: string | null;
  ipAddresses: string[];
  macAddresses: string[];
  facts: Record<string, unknown>;
  software: InventorySoftware[];
};

// Values firmware vendors leave in place of a real serial or UUID: matching on them would merge devices.
const PLACEHOLDER_SERIAL =
  /^(to be filled.*|default string|system serial number|chassis serial number|serial number|not specified|not applicable|not available|none|null|n\/a|na|unknown|0+|x+|1234567890?|0123456789|\.+|-+)$/i;
const PLACEHOLDER_UUID = /^(0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12}|03000200-0400-0500-0006-000700080009)$/i;

export function usableSerial(v: string | null): string | null {
  const s = v?.trim();
  return s && !PLACEHOLDER_SERIAL.test(s) ? s : null;
}

function usableUuid(v: string | null): string | null {
  const u = v?.trim().toLowerCase();
  return u && /^[0-9a-f-]{32,36}$/.test(u) && !PLACEHOLDER_UUID.test(u) ? u : null;
}

export function inventoryReportOf(req: OcsRequest): InventoryReport {
  if (!req.deviceId || !req.content) throw new AppError(400, 'problem.bad_request');
  const c = req.content;
  const hw = obj(c.HARDWARE);
  const bios = obj(c.BIOS);
  const os = obj(c.OPERATINGSYSTEM);

  const ips = new Set<string>();
  const macs = new Set<string>();
  for (const n of list(c.NETWORKS)) {
    // Loopback and virtual interfaces (bridges, veth, ifb) carry random or shared MACs: useless for matching.
    if (str(n.TYPE)?.toLowerCase() === 'loopback' || str(n.VIRTUALDEV) === '1') continue;
    const mac = normalizeMac(str(n.MACADDR) ?? '');
    if (mac) macs.add(mac);
    for (const raw of [str(n.IPADDRESS), str(n.IPADDRESS6)]) {
      const ip = raw && isIP(raw) ? normalizeIp(raw) : null;
      if (ip && !ip.startsWith('127.') && !ip.startsWith('fe80:') && ip !== '::1') ips.add(ip);
    }
  }

  const software = new Map<string, InventorySoftware>();
  for (const s of list(c.SOFTWARES)) {
    const name = str(s.NAME);
    if (!name) continue;
    const item = { name, version: str(s.VERSION) ?? '', arch: str(s.ARCH) ?? '', publisher: str(s.PUBLISHER), source: str(s.FROM) };
    software.set(`${item.name}\u0000${item.version}\u0000${item.arch}`, item);
  }

  const cpus = list(c.CPUS);
  const cpu = cpus[0];
  const facts: Record<string, unknown> = {
    cpu: cpu
      ? { name: str(cpu.NAME), manufacturer: str(cpu.MANUFACTURER), cores: int(cpu.CORE), threads: int(cpu.THREAD), count: cpus.length, arch: str(cpu.ARCH) }
      : null,
    memoryMb: int(hw.MEMORY),
    bios: {
      manufacturer: str(bios.BMANUFACTURER),
      version: str(bios.BVERSION),
      date: str(bios.BDATE),
      motherboard: str(bios.MMODEL),
      motherboardSerial: str(bios.MSN),
    },
    chassis: str(bios.TYPE) ?? str(hw.CHASSIS_TYPE),
    vmSystem: str(hw.VMSYSTEM),
    os: { fullName: str(os.FULL_NAME), kernel: str(os.KERNEL_VERSION), arch: str(os.ARCH), fqdn: str(os.FQDN) },
    disks: list(c.STORAGES)
      .filter((s) => str(s.TYPE)?.toLowerCase() === 'disk')
      .map((s) => ({ name: str(s.NAME), sizeMb: int(s.DISKSIZE), model: str(s.MODEL) })),
    agent: str(c.VERSIONCLIENT),
  };

  return {
    deviceId: req.deviceId,
    hostName: str(hw.NAME),
    osName: str(hw.OSNAME) ?? str(os.FULL_NAME) ?? str(os.NAME),
    osVersion: str(os.VERSION) ?? str(hw.OSVERSION),
    biosUuid: usableUuid(str(hw.UUID)),
    serialNumber: usableSerial(str(bios.SSN)),
    manufacturer: str(bios.SMANUFACTURER) ?? str(bios.MMANUFACTURER),
    model: str(bios.SMODEL),
    chassis: facts.chassis as string | null,
    vmSystem: facts.vmSystem as string | null,
    ipAddresses: [...ips],
    macAddresses: [...macs],
    facts,
    software: [...software.values()],
  };
}

const NOTEBOOK = /notebook|laptop|portable|hand ?held|sub ?notebook|convertible|detachable|tablet/i;
const SERVER = /rack|server|blade|multi-system|main server/i;

/** The ledger category of an agent-created asset, from the chassis type the firmware reports. */
export function guessCategory(r: Pick<InventoryReport, 'chassis' | 'vmSystem' | 'osName'>): string {
  if (r.chassis && NOTEBOOK.test(r.chassis)) return 'notebook_pc';
  if (r.chassis && SERVER.test(r.chassis)) return 'server';
  if (r.vmSystem && !/^physical$/i.test(r.vmSystem))
    return /windows/i.test(r.osName ?? '') && !/server/i.test(r.osName ?? '') ? 'virtual_pc' : 'virtual_server';
  return 'desktop_pc';
}
