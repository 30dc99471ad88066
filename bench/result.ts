/** What every benchmark returns: a title and label/value rows to print. */
export interface BenchResult {
  title: string;
  rows: [string, string][];
}
