/** The first picture of a model drawn on the page: a performance mark that the page benchmark reads. */
export const FIRST_GENERATION_MARK = 'mad:first-generation-drawn';
let firstDrawn = false;

/** Called by every panel of G^t once it has drawn; only the first call of the page sets the mark. */
export function markFirstGeneration(): void {
  if (firstDrawn) return;
  firstDrawn = true;
  performance.mark(FIRST_GENERATION_MARK);
}
