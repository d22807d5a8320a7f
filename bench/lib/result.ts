export interface BenchResult {
  name: string;
  target: string;
  /** null when the target could not be evaluated (e.g. the stack lacked a part). */
  met: boolean | null;
  figures: Record<string, number | string>;
  notes?: string;
}
