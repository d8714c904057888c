// Pairs of parties (institutions, countries or authors: `/*PARTY*/`, a piece of parties.cypher) ranked by how many
// of the works matching a compiled WorkFilter (`/*MATCH*/`, `/*FILTER*/`: see works_group_by.cypher) they share. A
// work with more than $maxParties parties gives no pairs: the 5,103-author work alone would give 13 million author pairs.
// Order: shared works (most first), then the two keys. Each pair once, its lower key first.
// As $viewer may see it (docs/privacy.md): an author whose claimant hides the collaborators from the viewer is no
// party (`unlinked`, read once: the claims are few), so no pair tells who they worked with.
// Parameters: the filter's $f0 ..., $maxParties, $first, $viewer: {id, admin}.
// Returns: totalCount (pairs in all), pairs: [{a: {key, label}, b: {key, label}, works, citedByCount}], at most
//   $first; skippedWorks (matching works left out for their many parties).
/*MATCH*/
WHERE /*FILTER*/
WITH collect(w) AS works
WITH works, COLLECT { MATCH (claim:Claim) WHERE 'COLLABORATORS' IN claim.hiddenFields AND NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) RETURN claim.authorId } AS unlinked
UNWIND works AS w
WITH w, unlinked, /*PARTY*/ AS parties
WITH collect({w: w, parties: parties}) AS matched
CALL (matched) {
  UNWIND matched AS item
  WITH item WHERE 1 < size(item.parties) <= $maxParties
  WITH item.w AS w, item.parties AS parties
  UNWIND parties AS a
  UNWIND parties AS b
  WITH w, a, b WHERE a.key < b.key
  WITH a.key AS ka, b.key AS kb, min(a.label) AS la, min(b.label) AS lb, count(w) AS works,
    sum(coalesce(w.citedByCount, 0)) AS citedByCount
  ORDER BY works DESC, ka, kb
  RETURN collect({a: {key: ka, label: la}, b: {key: kb, label: lb}, works: works, citedByCount: citedByCount}) AS pairs
}
RETURN size(pairs) AS totalCount, pairs[0..$first] AS pairs,
  size([item IN matched WHERE size(item.parties) > $maxParties]) AS skippedWorks
