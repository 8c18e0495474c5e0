import type { AnyJob } from '../../platform/jobs/jobs.ts';

// Placeholder: filled by its slice of issue #4.
export const stocktakeJobs: AnyJob[] = [];
