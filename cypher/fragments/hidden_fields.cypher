// Fragment: hidden_fields(author)
// What the claimant of `author` (an Author node) hides from $viewer: a list of field names (docs/privacy.md). The
// viewer's rule is the one every read applies (VIEWER_CLAUSE in loaders/privacy.py): not an admin, not the claimant.
// An expression; the query takes $viewer: {id, admin}.
COLLECT { MATCH (claim:Claim {authorId: {author}.id}) WHERE NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) UNWIND claim.hiddenFields AS hiddenField RETURN hiddenField }
