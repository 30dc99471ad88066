/**
 * Who may run TensorFlow.js operations, and on which backend. tfjs has one backend per worker at a
 * time, while a worker interleaves several runs' generations, each yielding mid-training, and
 * runs of different learners or sizes may have measured different backends fastest. So a
 * generation holds the backend it trains on: holders of one backend share it; one of another
 * backend waits until they have all released it, and the switch happens then. Requests are
 * served in order, so a run waiting to switch is not starved by runs that keep the current backend
 * busy. An exclusive hold (timing a backend) shares it with nobody, so that other runs' steps do
 * not count in its figures.
 *
 * The gate knows no tfjs: whoever is granted a backend selects it (backend.ts).
 */
import type { BackendName } from './protocol';

interface Request {
  backend: BackendName;
  exclusive: boolean;
  grant(release: () => void): void;
}

export class BackendGate {
  private holders = 0;
  private current: BackendName | null = null;
  private exclusive = false;
  private readonly queue: Request[] = [];

  /** The backend held now, or held last; null before the first hold. */
  get backend(): BackendName | null {
    return this.current;
  }

  /** Resolves once `backend` is held; call the function it resolves to, once, to release it. */
  hold(backend: BackendName, exclusive = false): Promise<() => void> {
    return new Promise((resolve) => {
      this.queue.push({ backend, exclusive, grant: resolve });
      this.serve();
    });
  }

  private serve(): void {
    while (this.queue.length > 0) {
      const next = this.queue[0];
      const joins = this.holders > 0 && !this.exclusive && !next.exclusive && next.backend === this.current;
      if (this.holders > 0 && !joins) return;
      this.queue.shift();
      this.holders += 1;
      this.current = next.backend;
      this.exclusive = next.exclusive;
      let released = false;
      next.grant(() => {
        if (released) return;
        released = true;
        this.holders -= 1;
        this.serve();
      });
    }
  }
}
