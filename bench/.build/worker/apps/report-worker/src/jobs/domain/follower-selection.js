/**
 * The followers a monthly run reports to: enabled ones only (`enabled: true`;
 * missing or any other value counts as disabled). Given `ids`, only those
 * among them: ids narrow the set and never bring back a disabled follower, so
 * a re-run for one follower cannot mail someone who opted out. An empty
 * `ids` list selects no one, rather than everyone.
 */
export function selectFollowers(followers, ids) {
    const wanted = ids === undefined ? undefined : new Set(ids);
    return [...followers].filter(({ _id: id, enabled }) => enabled === true && (wanted === undefined || wanted.has(String(id))));
}
//# sourceMappingURL=follower-selection.js.map