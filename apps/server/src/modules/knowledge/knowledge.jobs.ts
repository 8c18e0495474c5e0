import type { AnyJob } from '../../platform/jobs/jobs.ts';
import { noticeBroadcastJob, noticeBroadcastSweep } from './notices.broadcast.ts';

export const knowledgeJobs: AnyJob[] = [noticeBroadcastJob, noticeBroadcastSweep];
