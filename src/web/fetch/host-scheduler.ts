export interface HostScheduler {
  /** Waits until the host has a free slot and its politeness gap has passed; call the returned function when the request is over. */
  acquire(host: string): Promise<() => void>
  /** Raises the host's gap between request starts (robots.txt Crawl-delay); never lowers it. */
  raiseDelay(host: string, delayMs: number): void
  /** Lets every waiting request through at once and stops the timers (the fetcher is closing). */
  close(): void
}

interface HostQueue {
  active: number
  lastStartAt: number
  delayMs: number
  waiting: Array<() => void>
  timer: NodeJS.Timeout | null
}

/** Per-host queues: at most `concurrency` requests in flight per host, request starts at least `delayMs` apart; hosts run in parallel. */
export function createHostScheduler({ concurrency, delayMs }: { concurrency: number; delayMs: number }): HostScheduler {
  const queues = new Map<string, HostQueue>()
  const slots = Math.max(1, concurrency)
  let closed = false

  const queueOf = (host: string): HostQueue => {
    let queue = queues.get(host)
    if (!queue) {
      queue = { active: 0, lastStartAt: Number.NEGATIVE_INFINITY, delayMs, waiting: [], timer: null }
      queues.set(host, queue)
    }
    return queue
  }

  const pump = (queue: HostQueue): void => {
    while (queue.waiting.length > 0 && (closed || queue.active < slots)) {
      const wait = queue.lastStartAt + queue.delayMs - Date.now()
      if (wait > 0 && !closed) {
        // timers may fire a millisecond early: pump() measures again and waits the rest
        queue.timer ??= setTimeout(() => {
          queue.timer = null
          pump(queue)
        }, wait)
        return
      }
      queue.active += 1
      queue.lastStartAt = Date.now()
      queue.waiting.shift()!()
    }
  }

  const releaser = (queue: HostQueue) => {
    let released = false
    return () => {
      if (released) return
      released = true
      queue.active -= 1
      pump(queue)
    }
  }

  return {
    acquire(host) {
      const queue = queueOf(host)
      return new Promise((resolve) => {
        queue.waiting.push(() => resolve(releaser(queue)))
        pump(queue)
      })
    },
    raiseDelay(host, hostDelayMs) {
      const queue = queueOf(host)
      queue.delayMs = Math.max(queue.delayMs, hostDelayMs)
    },
    close() {
      closed = true
      for (const queue of queues.values()) {
        if (queue.timer) clearTimeout(queue.timer)
        queue.timer = null
        pump(queue)
      }
    },
  }
}
