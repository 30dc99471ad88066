/**
 * The page's threads: up to `size` Web Workers of one script, each made on first use and routed
 * to by index. The lab (long-lived runs, src/ui/runs) and the explorer (one message per cell,
 * src/ui/explorer) keep their own scheduling on top; what they share is here: making workers
 * lazily, telling the owner which one answered or failed to load, and stopping them all, which is
 * the only way to stop a computation in flight.
 */
export interface WorkerPoolOptions<From> {
  size: number;
  /**
   * Makes worker `index`. A factory rather than a URL: Vite bundles a worker only where it sees
   * `new Worker(new URL(..., import.meta.url))` written out.
   */
  create(index: number): Worker;
  receive(index: number, message: From): void;
  /** Worker `index` could not be loaded or threw outside a message handler. */
  fail(index: number, message: string): void;
}

export class WorkerPool<To, From> {
  private readonly workers: (Worker | undefined)[] = [];

  constructor(private readonly options: WorkerPoolOptions<From>) {}

  get size(): number {
    return this.options.size;
  }

  /** Sends to worker `index` (taken modulo the pool's size), making it first if needed. */
  post(index: number, message: To): void {
    this.worker(index % this.options.size).postMessage(message);
  }

  /** Makes worker `index` now rather than on its first message, so that its script loads meanwhile. */
  prepare(index: number): void {
    this.worker(index % this.options.size);
  }

  /** Stops every worker; later messages make new ones. */
  terminate(): void {
    for (const worker of this.workers) worker?.terminate();
    this.workers.length = 0;
  }

  private worker(index: number): Worker {
    let worker = this.workers[index];
    if (!worker) {
      worker = this.options.create(index);
      worker.onmessage = (event: MessageEvent<From>) => this.options.receive(index, event.data);
      worker.onerror = (event) => this.options.fail(index, event.message || 'it could not be loaded');
      this.workers[index] = worker;
    }
    return worker;
  }
}
