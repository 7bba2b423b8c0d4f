/**
 * Scores a story clustering against events grouped by hand: B-cubed precision, recall and F1
 * (Bagga & Baldwin 1998: per article, the share of its cluster that is its event and of its event
 * that is its cluster), pairwise precision and recall, cross-language events joined, and near-miss
 * false merges. Pure: ids in, numbers out.
 */

/** One evaluated article: its hand-made event and the story the system put it in. */
export interface Placement {
  article: string;
  event: string;
  cluster: string;
  language: string;
}

export interface NearMissPair {
  event: string;
  nearMissOf: string;
  kind: string;
}

export interface StoryScores {
  articles: number;
  events: number;
  clusters: number;
  bcubed: { precision: number; recall: number; f1: number };
  pairwise: { precision: number; recall: number; f1: number; truePairs: number; predictedPairs: number };
  crossLanguage: { events: number; joined: number; ids: string[]; missed: string[] };
  nearMiss: { pairs: number; mergedPairs: number; articlePairs: number; mergedArticlePairs: number; rate: number; merged: string[] };
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const pairsOf = (n: number) => (n * (n - 1)) / 2;

/** Scores `placements`; `nearMisses` are the event pairs that must stay apart. */
export function scoreStories(placements: readonly Placement[], nearMisses: readonly NearMissPair[] = []): StoryScores {
  const byEvent = groupBy(placements, (p) => p.event);
  const byCluster = groupBy(placements, (p) => p.cluster);
  const overlap = new Map<string, number>();
  for (const p of placements) overlap.set(`${p.event}\u0000${p.cluster}`, (overlap.get(`${p.event}\u0000${p.cluster}`) ?? 0) + 1);

  let precision = 0;
  let recall = 0;
  for (const p of placements) {
    const both = overlap.get(`${p.event}\u0000${p.cluster}`)!;
    precision += both / byCluster.get(p.cluster)!.length;
    recall += both / byEvent.get(p.event)!.length;
  }
  const n = Math.max(placements.length, 1);
  const bp = precision / n;
  const br = recall / n;

  const correctPairs = [...overlap.values()].reduce((sum, k) => sum + pairsOf(k), 0);
  const truePairs = [...byEvent.values()].reduce((sum, list) => sum + pairsOf(list.length), 0);
  const predictedPairs = [...byCluster.values()].reduce((sum, list) => sum + pairsOf(list.length), 0);
  const pp = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const pr = truePairs === 0 ? 1 : correctPairs / truePairs;

  // A multilingual event is joined when one story holds every one of its languages.
  const crossIds: string[] = [];
  const missed: string[] = [];
  let joined = 0;
  for (const [event, list] of byEvent) {
    const languages = new Set(list.map((p) => p.language));
    if (languages.size < 2) continue;
    crossIds.push(event);
    const perCluster = groupBy(list, (p) => p.cluster);
    if ([...perCluster.values()].some((members) => new Set(members.map((m) => m.language)).size === languages.size)) joined++;
    else missed.push(event);
  }

  let mergedPairs = 0;
  let articlePairs = 0;
  let mergedArticlePairs = 0;
  const merged: string[] = [];
  for (const pair of nearMisses) {
    const a = byEvent.get(pair.event) ?? [];
    const b = byEvent.get(pair.nearMissOf) ?? [];
    if (a.length === 0 || b.length === 0) continue;
    let any = false;
    for (const x of a) {
      for (const y of b) {
        articlePairs++;
        if (x.cluster === y.cluster) {
          mergedArticlePairs++;
          any = true;
        }
      }
    }
    if (any) {
      mergedPairs++;
      merged.push(`${pair.event}~${pair.nearMissOf}`);
    }
  }
  const countedPairs = nearMisses.filter((p) => byEvent.has(p.event) && byEvent.has(p.nearMissOf)).length;

  return {
    articles: placements.length,
    events: byEvent.size,
    clusters: byCluster.size,
    bcubed: { precision: bp, recall: br, f1: f1(bp, br) },
    pairwise: { precision: pp, recall: pr, f1: f1(pp, pr), truePairs, predictedPairs },
    crossLanguage: { events: crossIds.length, joined, ids: crossIds, missed },
    nearMiss: {
      pairs: countedPairs,
      mergedPairs,
      articlePairs,
      mergedArticlePairs,
      rate: articlePairs === 0 ? 0 : mergedArticlePairs / articlePairs,
      merged,
    },
  };
}

/** Union-find over article indexes: the "shared capitalised names" baseline joins by it. */
export function unionClusters(count: number, linked: (i: number, j: number) => boolean): number[] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < i; j++) if (linked(i, j)) parent[find(i)] = find(j);
  }
  return parent.map((_, i) => find(i));
}
