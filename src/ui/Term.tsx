/**
 * A term of the paper (n_ini, λ, Gᵗ, FD, replicate…) with its meaning in plain words, shown on
 * hover and on keyboard focus, and read by screen readers as the term's description.
 */
import { type ReactNode, useId } from 'react';

export function Term({ children, tip, name }: { children: ReactNode; tip: string; /** Accessible name where the visible mark is only a sign. */ name?: string }) {
  const id = useId();
  return (
    <span className="term">
      <span className="term-word" tabIndex={0} aria-describedby={id} aria-label={name} role={name ? 'img' : undefined}>
        {children}
      </span>
      <span role="tooltip" id={id} className="term-tip">
        {tip}
      </span>
    </span>
  );
}

/** Words of the loop that are not spec fields or metrics (those carry their own plain words). */
export const MODEL_TIP = 'Gᵗ is the model of generation t: trained on the training set Dᵗ, its samples are the synthetic part of the next generation’s training set.';
