import type { operationsJa } from './operations.ja.ts';

/** English text of the operations dashboard; spread into `app/en.ts`. */
export const operationsEn: typeof operationsJa = {
  operations: {
    nav: 'Operations dashboard',
    title: 'Operations dashboard',
    description:
      'Open incidents and security cases, failed backups, firing monitoring alerts and outdated antivirus definitions at a glance. Each card leads to its full list.',
    showAll: 'Show all',
    none: 'Nothing to show',
    openIncidents: 'Open incidents',
    noClock: 'No target running',
    openSecurityCases: 'Open security cases',
    failedBackups: 'Failed or missed backups (yesterday and today)',
    firingAlerts: 'Firing monitoring alerts',
    outdatedAntivirus: 'Devices with outdated antivirus definitions',
    ageDays: 'Definitions {{days}} days old',
    versionsBehind: '{{count}} versions behind',
    chartTitle: 'Incidents per day (last 30 days)',
    chartTotal: '{{count}} in total',
    chartDay: '{{day}}: {{count}}',
    refreshed: 'Updated {{at}}',
  },
};
