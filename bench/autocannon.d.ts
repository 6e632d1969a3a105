// Types for the part of autocannon 9 the benchmark uses (the package ships none; @types/autocannon is not needed).
declare module 'autocannon' {
  export interface Options {
    readonly url: string;
    readonly connections?: number;
    readonly pipelining?: number;
    /** Seconds. */
    readonly duration?: number;
    /** Seconds before a request counts as timed out. */
    readonly timeout?: number;
    readonly headers?: Readonly<Record<string, string>>;
    /** Worker threads that fire the requests (connections are divided between them); default: the main thread. */
    readonly workers?: number;
    /** Requests sent in turn on each connection instead of the plain GET of `url`. */
    readonly requests?: readonly Request[];
    /** Requests per second over all connections (paced); default: as fast as the server answers. */
    readonly overallRate?: number;
  }

  /** One request of `requests`: fixed fields, or built anew each time by setupRequest. */
  export interface Request {
    readonly method?: string;
    readonly path?: string;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: string;
    readonly setupRequest?: (request: Request) => Request;
  }

  /** Percentiles of a histogram; latencies in milliseconds, requests in requests per sampled second. */
  export interface Histogram {
    readonly average: number;
    readonly mean: number;
    readonly stddev: number;
    readonly min: number;
    readonly max: number;
    readonly total: number;
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
  }

  export interface Result {
    readonly url: string;
    /** Seconds the measurement actually ran. */
    readonly duration: number;
    readonly errors: number;
    readonly timeouts: number;
    readonly non2xx: number;
    readonly latency: Histogram;
    readonly requests: Histogram & { readonly sent: number };
    readonly throughput: Histogram;
  }

  export default function autocannon(options: Options): PromiseLike<Result>;
}
