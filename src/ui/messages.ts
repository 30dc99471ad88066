/**
 * The engine's messages name fields for both audiences, "n_ini (--n-ini)", and sweep axes as
 * flags, "--x n-syn". The page rewrites them once, here, for where they are read.
 */

/** For a notice about a link: the control's label and the link's parameter, "n_ini (n-ini=)", "x=n-syn". */
export function linkMessage(message: string): string {
  return message.replace(/\(--([a-z-]+)\)/g, '($1=)').replace(/--([a-z-]+) ([a-z-]+)/g, '$1=$2');
}

/** For the page itself (a run's error, a loaded file): the control as the page labels it, "n_ini". */
export function pageMessage(message: string): string {
  return message.replace(/ \(--[a-z-]+\)/g, '');
}
