/** One frame of an MNIST run's film strip: a 10 × 10 grid of digits on canvas, with its caption. */
import { memo, useLayoutEffect, useRef } from 'react';
import { DIGIT_PIXELS } from '../../results/run-view';
import { DIGIT_GRID_PX, drawDigitGrid } from './digit-grid';
import { markFirstGeneration } from './first-draw';

interface Props {
  title: string;
  /** n×784 grey levels; null while none have arrived. */
  images: Uint8Array | null;
  /** What the digits are, for screen readers ("real training digits", "digits sampled from G^3"). */
  what: string;
  /** A panel of G^t (not of the real data): its first drawing sets the first-generation mark. */
  model: boolean;
}

export const DigitPanel = memo(function DigitPanel({ title, images, what, model }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    if (!canvas.current) return;
    drawDigitGrid(canvas.current, images);
    if (model && images) markFirstGeneration();
  }, [images, model]);
  const count = images ? images.length / DIGIT_PIXELS : 0;
  return (
    <figure className="film-panel" data-export-block>
      <div className="plot square">
        <canvas ref={canvas} width={DIGIT_GRID_PX} height={DIGIT_GRID_PX} role="img" data-testid="digit-panel" aria-label={`${title}: ${count} ${what}`} />
      </div>
      {/* Word by word for the exports, which write each marked element as one line of text where it
          sits: a caption that wraps in a narrow panel stays wrapped in the PNG and SVG. */}
      <figcaption>
        {title.split(' ').map((word, i, words) => (
          <span key={i} data-export-text>
            {word}
            {i < words.length - 1 && ' '}
          </span>
        ))}
      </figcaption>
    </figure>
  );
});
