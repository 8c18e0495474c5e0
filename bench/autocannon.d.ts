// The part of autocannon's API the bench uses (the package ships no types; @types/autocannon lags behind v9).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export type Histogram = { average: number; mean: number; stddev: number; min: number; max: number; total: number; p50: number; p90: number; p99: number };
  export type Result = {
    latency: Histogram;
    requests: Histogram;
    throughput: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  };
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    headers?: Record<string, string>;
    method?: string;
  };
  export type Instance = EventEmitter & PromiseLike<Result> & { stop(): void };

  function autocannon(opts: Options): Instance;
  export default autocannon;
}
