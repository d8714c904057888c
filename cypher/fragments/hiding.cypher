// Fragment: hiding(field)
// The ids of the authors whose claimants hide `field` (a quoted field name) from $viewer: a list expression, read
// once by a query that tests many authors (a listing filter, a slice, a path, a work's authorships), where an index
// seek per author would cost more: claims are far fewer than authors. The query takes $viewer: {id, admin}.
COLLECT { MATCH (claim:Claim) WHERE {field} IN claim.hiddenFields AND NOT $viewer.admin AND NOT coalesce(claim.userId = $viewer.id, false) RETURN claim.authorId }
