/**
 * Monitoring intake (issue #7 part 4): Alertmanager webhook bodies posted by `concurrency` senders for `seconds`,
 * then a loss check: every alert the server answered 200 for must be counted on an event (notification_count), and
 * every fingerprint must have exactly one event. Each sender owns its fingerprints and alternates firing → resolved
 * per fingerprint, so a notification is a create, a repeat, a resolve or a re-open — never an ignored resolution.
 */
export type MonitoringBenchOptions = {
  baseUrl: string;
  /** Headers that authenticate the bench admin (an API token, or a session cookie with its CSRF token). */
  auth: Record<string, string>;
  /** Events and counted notifications from Alertmanager (through SQL on PostgreSQL, through the API on PGlite). */
  counts: () => Promise<{ events: number; notifications: number }>;
  seconds: number;
  concurrency: number;
  alertsPerRequest: number;
  fingerprintsPerSender: number;
  log: (s: string) => void;
};

export type MonitoringBenchResult = {
  seconds: number;
  concurrency: number;
  alertsPerRequest: number;
  requests: number;
  alerts: number;
  requestsPerSecond: number;
  alertsPerSecond: number;
  p50: number;
  p95: number;
  errors: number;
  firstError: string | null;
  check: { events: number; fingerprints: number; notifications: number; sentAlerts: number; lost: number };
};

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);

export async function benchMonitoring(o: MonitoringBenchOptions): Promise<MonitoringBenchResult> {
  const created = await fetch(`${o.baseUrl}/api/v1/monitoring/hook-tokens`, {
    method: 'POST',
    headers: { ...o.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', sources: ['alertmanager'] }),
  });
  if (created.status !== 201) throw new Error(`hook token: ${created.status} ${await created.text()}`);
  const hookToken = ((await created.json()) as { token: string }).token;

  const baseline = await o.counts();
  const latencies: number[] = [];
  let requests = 0;
  let alerts = 0;
  let errors = 0;
  let firstError: string | null = null;
  const fingerprints = new Set<string>();
  const deadline = performance.now() + o.seconds * 1000;
  o.log(`monitoring: ${o.concurrency} senders × ${o.alertsPerRequest} alerts per webhook for ${o.seconds} s`);

  const sender = async (s: number) => {
    const firing = new Array<boolean>(o.fingerprintsPerSender).fill(false);
    let next = 0;
    while (performance.now() < deadline) {
      const batch = [];
      for (let k = 0; k < o.alertsPerRequest; k++) {
        const i = next++ % o.fingerprintsPerSender;
        firing[i] = !firing[i];
        const fp = `bench-${s}-${i}`;
        const now = new Date().toISOString();
        batch.push({
          status: firing[i] ? 'firing' : 'resolved',
          labels: { alertname: 'BenchAlert', instance: `host-${s}-${i}:9100`, job: 'node', severity: i % 7 === 0 ? 'critical' : 'warning' },
          annotations: { summary: `bench alert ${fp}` },
          startsAt: now,
          endsAt: firing[i] ? '0001-01-01T00:00:00Z' : now,
          generatorURL: 'http://prometheus.bench/graph',
          fingerprint: fp,
        });
      }
      const body = JSON.stringify({ version: '4', receiver: 'unyo', status: batch[0].status, groupKey: `{}:{bench="${s}"}`, alerts: batch });
      const t0 = performance.now();
      const res = await fetch(`${o.baseUrl}/api/v1/hooks/alertmanager`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hookToken}`, 'content-type': 'application/json' },
        body,
      });
      const text = await res.text();
      latencies.push(performance.now() - t0);
      requests++;
      if (res.status !== 200) {
        errors++;
        firstError ??= `${res.status} ${text.slice(0, 300)}`;
        // The alerts of a failed call were not stored: undo their toggles so the next call repeats them.
        for (const a of batch) firing[Number(a.fingerprint.split('-')[2])] = a.status !== 'firing';
        continue;
      }
      alerts += batch.length;
      for (const a of batch) fingerprints.add(a.fingerprint);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: o.concurrency }, (_, s) => sender(s)));
  const ms = performance.now() - started;

  const after = await o.counts();
  // What was there before the run (demo events) does not count.
  const events = after.events - baseline.events;
  const notifications = after.notifications - baseline.notifications;
  latencies.sort((a, b) => a - b);
  return {
    seconds: o.seconds,
    concurrency: o.concurrency,
    alertsPerRequest: o.alertsPerRequest,
    requests,
    alerts,
    requestsPerSecond: requests / (ms / 1000),
    alertsPerSecond: alerts / (ms / 1000),
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    errors,
    firstError,
    check: { events, fingerprints: fingerprints.size, notifications, sentAlerts: alerts, lost: alerts - notifications },
  };
}

/** Counts through the API (PGlite: the server process owns the data folder). */
export async function countEventsByApi(baseUrl: string, auth: Record<string, string>) {
  let events = 0;
  let notifications = 0;
  let cursor: string | null = null;
  do {
    const url = `${baseUrl}/api/v1/monitoring/events?source=alertmanager&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await fetch(url, { headers: auth });
    if (!res.ok) throw new Error(`events ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as { items: { notificationCount: number }[]; nextCursor: string | null };
    events += page.items.length;
    for (const e of page.items) notifications += e.notificationCount;
    cursor = page.nextCursor;
  } while (cursor);
  return { events, notifications };
}

/** A session for the bench admin: the cookie and the CSRF token unsafe requests need. */
export async function loginHeaders(baseUrl: string, email: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${res.status}: ${await res.text()}`);
  const me = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { cookie, 'x-csrf-token': me.csrfToken };
}

type Row = (measure: string, value: string, floor?: string, ratio?: string, target?: string, pass?: string) => void;
const ms = (v: number) => `${v.toFixed(1)} ms`;

/** The two report rows of one engine's run: the rate, and the no-loss check (the verdict). */
export function reportMonitoring(row: Row, verdict: (ok: boolean) => string, engine: string, m: MonitoringBenchResult) {
  const ok = m.errors === 0 && m.check.lost === 0 && m.check.events === m.check.fingerprints;
  row(
    `monitoring (${engine}): Alertmanager webhooks for ${m.seconds} s (${m.concurrency} senders × ${m.alertsPerRequest} alerts)`,
    `${m.alertsPerSecond.toFixed(0)} alerts/s, ${m.requestsPerSecond.toFixed(0)} req/s, p95 ${ms(m.p95)} (p50 ${m.p50.toFixed(1)})`,
  );
  row(
    `monitoring (${engine}): no loss (notifications counted = alerts sent; one event per fingerprint)`,
    `${m.check.notifications.toLocaleString('en')} / ${m.check.sentAlerts.toLocaleString('en')}; ${m.check.events} events / ${m.check.fingerprints} fingerprints${m.errors ? `; ${m.errors} errors: ${m.firstError}` : ''}`,
    '',
    '',
    'equal, 0 errors',
    verdict(ok),
  );
}
