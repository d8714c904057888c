// The researchers of an institution for `connection`: the authors of the authorships that name it (the works'
// public record), by id.
// Parameters: $id: institution id. Returns: ids.
MATCH (a:Author)-[r:AUTHORED]->()
WHERE $id IN r.institutionIds OR $id IN coalesce(r.moreInstitutionIds, [])
WITH DISTINCT a.id AS id ORDER BY id
RETURN collect(id) AS ids
