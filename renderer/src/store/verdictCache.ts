// Verdicts by hash: the renderer's one cache of what the engine said about each file. Fed by 'verdict' events and
// by answers that carry a verdict (a file's detail, a stored look-up result after a reload); read by the Live rows,
// the look-up results and anything else that shows a file's verdict. Whatever order they arrive in, the newest
// answer wins (newerVerdict), so an older fetch never undoes what an event already said.
import type { Verdict } from '../../../shared/contract';

/** The newer of two verdicts: an answer beats "pending", then the later checkedAt; a tie goes to `next`. */
export function newerVerdict(current: Verdict | null, next: Verdict): Verdict {
  if (!current) return next;
  if (next.state === 'pending' && current.state !== 'pending') return current;
  if (current.state === 'pending' && next.state !== 'pending') return next;
  const a = Date.parse(current.checkedAt ?? '') || 0;
  const b = Date.parse(next.checkedAt ?? '') || 0;
  return b >= a ? next : current;
}

interface Known {
  verdict: Verdict;
  /** every hash the answer named for this file (md5, sha1, sha256) */
  hashes: string[];
}

type MaybeHash = string | null | undefined;

export class VerdictCache {
  /** grows with every change: views that read verdicts re-render when it does */
  version = 0;
  private readonly byHash = new Map<string, Known>();

  /** Record a verdict for a file known by these hashes; true when something shown changes. */
  put(hashes: readonly MaybeHash[], verdict: Verdict): boolean {
    const named = hashes.filter((h): h is string => !!h);
    let changed = false;
    for (const hash of named) {
      const known = this.byHash.get(hash);
      const winner = newerVerdict(known?.verdict ?? null, verdict);
      const all = known ? [...new Set([...known.hashes, ...named])] : named;
      if (winner === known?.verdict && all.length === known.hashes.length) continue;
      this.byHash.set(hash, { verdict: winner, hashes: all });
      changed = true;
    }
    if (changed) this.version += 1;
    return changed;
  }

  /** The newest verdict known under any of these hashes, or null. */
  of(hashes: readonly MaybeHash[]): Verdict | null {
    let best: Verdict | null = null;
    for (const hash of hashes) {
      const known = hash ? this.byHash.get(hash) : undefined;
      if (known) best = newerVerdict(best, known.verdict);
    }
    return best;
  }

  /**
   * A row's verdict as shown: what it carried, unless the cache knows a newer one about its file. The file is the
   * one its strongest hash names (as in the engine): an alert's weaker hashes may belong to another answer.
   */
  verdictOf(row: { sha256: string | null; sha1: string | null; md5: string | null; verdict: Verdict }): Verdict {
    const known =
      (row.sha256 && this.byHash.get(row.sha256)) ||
      (row.sha1 && this.byHash.get(row.sha1)) ||
      (row.md5 && this.byHash.get(row.md5)) ||
      null;
    return known ? newerVerdict(row.verdict, known.verdict) : row.verdict;
  }

  /** Every hash an answer named together with this one (itself included once known). */
  hashesOf(hash: string): string[] {
    return this.byHash.get(hash)?.hashes ?? [];
  }
}
