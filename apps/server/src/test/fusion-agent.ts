import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

// What Debian's fusioninventory-agent 2.6 sends (OCS protocol), built by hand for tests and the bench, and a
// runner for the real agent. The element layout follows a real `--local` inventory of a Debian 12 machine.

export const AGENT_BIN = '/usr/bin/fusioninventory-agent';
export const agentInstalled = () => fs.existsSync(AGENT_BIN);

export type FakeSoftware = { name: string; version: string; arch?: string; publisher?: string };
export type FakeDevice = {
  deviceId: string;
  hostName: string;
  uuid?: string;
  serial?: string;
  manufacturer?: string;
  model?: string;
  chassis?: string;
  vmSystem?: string;
  /** Physical interfaces: [mac, ipv4]. */
  nics?: [string, string][];
  osName?: string;
  osVersion?: string;
  software?: FakeSoftware[];
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (name: string, fields: Record<string, string | number | undefined>, indent = '    ') =>
  `${indent}<${name}>\n${Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${indent}  <${k}>${esc(String(v))}</${k}>`)
    .join('\n')}\n${indent}</${name}>`;

export function prologXml(deviceId: string): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<REQUEST>\n  <DEVICEID>${esc(deviceId)}</DEVICEID>\n  <QUERY>PROLOG</QUERY>\n  <TOKEN>12345678</TOKEN>\n</REQUEST>\n`;
}

export function inventoryXml(d: FakeDevice): string {
  const parts: string[] = [];
  parts.push(el('ACCESSLOG', { LOGDATE: '2026-04-01 09:00:00' }));
  parts.push(
    el('BIOS', {
      BDATE: '04/01/2014',
      BMANUFACTURER: 'SeaBIOS',
      BVERSION: '1.16.2-debian-1.16.2-1',
      MMODEL: d.model,
      SMANUFACTURER: d.manufacturer,
      SMODEL: d.model,
      SSN: d.serial ?? '',
      TYPE: d.chassis,
    }),
  );
  parts.push(el('CPUS', { ARCH: 'x86_64', CORE: 4, MANUFACTURER: 'Intel', NAME: 'Intel(R) Core(TM) i5-8500 CPU @ 3.00GHz', THREAD: 1 }));
  parts.push(el('DRIVES', { FILESYSTEM: 'ext4', FREE: 80324, TOTAL: 258019, TYPE: '/', VOLUMN: '/dev/sda1' }));
  parts.push(
    el('HARDWARE', {
      CHECKSUM: 131071,
      IPADDR: d.nics?.[0]?.[1],
      MEMORY: 15872,
      NAME: d.hostName,
      OSNAME: d.osName ?? 'Debian GNU/Linux 12 (bookworm)',
      OSVERSION: '6.1.0-18-amd64',
      PROCESSORN: 1,
      PROCESSORT: 'Intel(R) Core(TM) i5-8500 CPU @ 3.00GHz',
      UUID: d.uuid,
      VMSYSTEM: d.vmSystem ?? 'Physical',
    }),
  );
  parts.push(el('NETWORKS', { DESCRIPTION: 'lo', IPADDRESS: '127.0.0.1', MACADDR: '00:00:00:00:00:00', STATUS: 'Up', TYPE: 'loopback', VIRTUALDEV: 1 }));
  for (const [i, [mac, ip]] of (d.nics ?? []).entries()) {
    parts.push(
      el('NETWORKS', {
        DESCRIPTION: `eth${i}`,
        DRIVER: 'e1000e',
        IPADDRESS: ip,
        IPMASK: '255.255.255.0',
        MACADDR: mac,
        STATUS: 'Up',
        TYPE: 'ethernet',
        VIRTUALDEV: 0,
      }),
    );
  }
  parts.push(el('NETWORKS', { DESCRIPTION: 'docker0', MACADDR: '02:42:ac:11:00:01', STATUS: 'Down', VIRTUALDEV: 1 }));
  parts.push(
    el('OPERATINGSYSTEM', {
      ARCH: 'x86_64',
      FQDN: d.hostName,
      FULL_NAME: d.osName ?? 'Debian GNU/Linux 12 (bookworm)',
      KERNEL_NAME: 'linux',
      KERNEL_VERSION: '6.1.0-18-amd64',
      NAME: 'Debian GNU/Linux',
      VERSION: d.osVersion ?? '12.5',
    }),
  );
  for (const p of ['systemd', 'cron', 'sshd', 'postgres', 'node']) {
    parts.push(
      el('PROCESSES', {
        CMD: `/usr/sbin/${p} --flag`,
        CPUUSAGE: '0.0',
        MEM: '0.1',
        PID: 100,
        STARTED: '2026-04-01 08:00',
        TTY: '?',
        USER: 'root',
        VIRTUALMEMORY: 1024,
      }),
    );
  }
  for (const s of d.software ?? []) {
    parts.push(
      el('SOFTWARES', {
        ARCH: s.arch ?? 'amd64',
        FILESIZE: 102400,
        FROM: 'deb',
        NAME: s.name,
        PUBLISHER: s.publisher ?? 'Debian',
        SYSTEM_CATEGORY: 'libs',
        VERSION: s.version,
      }),
    );
  }
  parts.push(el('STORAGES', { DESCRIPTION: 'SATA', DISKSIZE: 256060, MANUFACTURER: 'Samsung', MODEL: 'SSD 860', NAME: 'sda', TYPE: 'disk' }));
  parts.push('    <VERSIONCLIENT>FusionInventory-Agent_v2.6-3</VERSIONCLIENT>');
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<REQUEST>\n  <CONTENT>\n${parts.join('\n')}\n  </CONTENT>\n  <DEVICEID>${esc(d.deviceId)}</DEVICEID>\n  <QUERY>INVENTORY</QUERY>\n</REQUEST>\n`;
}

/** The agent's request encoding: zlib (starts 78 9C). */
export const zlibBody = (xml: string) => zlib.deflateSync(Buffer.from(xml, 'utf8'));
export const inflateReply = (body: Buffer) => zlib.inflateSync(body).toString('utf8');

const STEMS = ['lib', 'python3-', 'fonts-', 'gir1.2-', 'node-', 'perl-', 'xserver-', 'gnome-', 'kde-', 'texlive-'];
const WORDS = ['ssl', 'xml', 'gtk', 'qt', 'glib', 'curl', 'zstd', 'pam', 'crypt', 'ldap', 'krb5', 'sasl', 'icu', 'png', 'jpeg', 'tiff', 'webp', 'cairo'];

/** n plausible Debian package names and versions; deterministic for a seed. */
export function fakeSoftware(n: number, seed = 1): FakeSoftware[] {
  let x = seed >>> 0 || 1;
  const rnd = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const out: FakeSoftware[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${STEMS[i % STEMS.length]}${WORDS[Math.floor(rnd() * WORDS.length)]}${i}`;
    out.push({
      name,
      version: `${1 + Math.floor(rnd() * 9)}.${Math.floor(rnd() * 20)}.${Math.floor(rnd() * 30)}-${1 + Math.floor(rnd() * 3)}`,
      arch: i % 7 ? 'amd64' : 'all',
    });
  }
  return out;
}

/** Runs the real agent once against `url` (inventory task only); resolves with its log. */
export async function runRealAgent(url: string, token: string, timeoutMs = 120_000): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)(
    AGENT_BIN,
    [
      '--server',
      url,
      '--user',
      'agent',
      '--password',
      token,
      '--tasks',
      'Inventory',
      '--no-category',
      'process,environment,user,local_user,local_group',
      '--no-httpd',
      '--logger',
      'stderr',
      '--debug',
    ],
    // env -i: the agent reports its environment otherwise; PATH is needed to find dpkg-query and friends.
    { env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }, timeout: timeoutMs },
  );
  return `${stdout}${stderr}`;
}
