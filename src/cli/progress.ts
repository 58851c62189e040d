import { Presets, SingleBar } from 'cli-progress'

const clock = (seconds: number) => {
  const s = Math.round(seconds)
  const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60]
  return (hms[0] ? hms : hms.slice(1)).map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, '0'))).join(':')
}

/**
 * Rate and time left over the whole run so far. Outcomes arrive a batch (64 articles) at a time,
 * so a window of the last few updates (cli-progress's own ETA) reads a burst as infinite speed.
 */
export function progressStats(done: number, total: number, articles: number, seconds: number): { rate: string; left: string } {
  // the first second is too short to measure, unless the run is already over
  const measured = done > 0 && seconds > 0 && (seconds >= 1 || done === total)
  return {
    rate: measured ? String(Math.round(articles / seconds)) : '-',
    left: measured ? clock(((total - done) * seconds) / done) : '-',
  }
}

/** A progress bar on stderr (drawn only on a terminal) counting `unit`s, with articles/s and time left. */
export function progressBar(unit: string) {
  const started = Date.now()
  const bar = new SingleBar(
    {
      format: `{bar} {value}/{total} ${unit} | {rate} articles/s | {left} left | {file}`,
      hideCursor: true,
    },
    Presets.shades_classic,
  )
  let articles = 0
  const payload = (done: number, file: string) => ({
    file,
    ...progressStats(done, bar.getTotal(), articles, (Date.now() - started) / 1000),
  })
  return {
    start: (total: number) => bar.start(total, 0, { file: '', rate: '-', left: '-' }),
    /** `done` units so far, `stored` articles written by this step. */
    update(done: number, stored: number, file = '') {
      articles += stored
      bar.update(done, payload(done, file))
    },
    stop: () => bar.stop(),
  }
}
