/**
 * Shares `total` among columns in proportion to their `weights`, but gives
 * each at least its `minimums` (the width of its header) when all minimums
 * fit: a header cut to "Commi…" helps nobody. The columns held at their
 * minimum give up the difference, the others share the rest by weight.
 */
export function columnWidths(
  weights: readonly number[],
  minimums: readonly number[],
  total: number,
): number[] {
  const neededTotal = minimums.reduce((sum, minimum) => sum + minimum, 0);
  if (neededTotal > total) return proportional(weights, total);

  const pinned = new Set<number>();
  let widths = proportional(weights, total);
  // Each round pins at least one more column, so this ends within n rounds.
  for (let round = 0; round < weights.length; round++) {
    const short = widths.flatMap((width, i) => (!pinned.has(i) && width < minimums[i] ? [i] : []));
    if (short.length === 0) break;
    for (const i of short) pinned.add(i);
    const pinnedWidth = [...pinned].reduce((sum, i) => sum + minimums[i], 0);
    const free = proportional(
      weights.map((weight, i) => (pinned.has(i) ? 0 : weight)),
      total - pinnedWidth,
    );
    widths = free.map((width, i) => (pinned.has(i) ? minimums[i] : width));
  }
  return widths;
}

function proportional(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  return weights.map((weight) => (sum > 0 ? (total * weight) / sum : 0));
}
