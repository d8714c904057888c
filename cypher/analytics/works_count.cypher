// How many works match a compiled WorkFilter (`/*FILTER*/`, see works_group_by.cypher).
// Parameters: the filter's $f0 .... Returns: total.
/*MATCH*/
WHERE /*FILTER*/
RETURN count(w) AS total
