/**
 * How long something takes, in words for people: the page's estimates and times left, and the
 * CLI's progress line, all say it the same way.
 */
export function duration(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `${(seconds / 3600).toFixed(1)} hours`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** "about 3 min left", an estimate; "under a second left" needs no "about". */
export function timeLeft(seconds: number): string {
  return seconds < 1 ? 'under a second left' : `about ${duration(seconds)} left`;
}
