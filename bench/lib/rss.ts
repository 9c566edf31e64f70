/**
 * Resident-set-size sampling. A timer samples `process.memoryUsage.rss()` (cheap) while work runs;
 * long synchronous stretches delay the timer, so the process-wide high-water mark
 * (`process.resourceUsage().maxRSS`) is reported too. With PGlite the database runs inside this
 * process, so its memory is included.
 */
export class RssSampler {
  #timer: NodeJS.Timeout | undefined;
  #peak = 0;
  #start = 0;

  start(intervalMs = 25): this {
    this.#start = process.memoryUsage.rss();
    this.#peak = this.#start;
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
    return this;
  }

  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.#peak) this.#peak = rss;
    return rss;
  }

  /** Stops sampling; bytes. */
  stop(): { startRss: number; peakRss: number; endRss: number } {
    const endRss = this.sample();
    clearInterval(this.#timer);
    this.#timer = undefined;
    return { startRss: this.#start, peakRss: this.#peak, endRss };
  }
}

/** The process's peak RSS so far, in bytes. */
export function maxRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
