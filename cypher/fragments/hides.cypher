// Fragment: hides(author, field)
// Whether the claimant of `author` (an Author node) hides `field` (a quoted field name, e.g. 'ORCID') from $viewer:
// a boolean expression, one index seek (for a query about a few authors). The query takes $viewer: {id, admin}.
EXISTS { MATCH (claim:Claim {authorId: {author}.id}) WHERE {field} IN claim.hiddenFields AND NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) }
