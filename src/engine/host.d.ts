/**
 * The host globals of the core (engine, spec, results), declared by hand: the core compiles
 * without the DOM and Node libraries (tsconfig.core.json) because it runs unchanged in Node (CLI,
 * tests), in Web Workers and in the page, and may rely only on what all of them provide. The one
 * such global it uses is AbortSignal, by which a caller cancels a fit; the engine only reads it.
 * In the page's and Node's programs this declaration merges with theirs (the same members).
 */
interface AbortSignal {
  readonly aborted: boolean;
  throwIfAborted(): void;
}
