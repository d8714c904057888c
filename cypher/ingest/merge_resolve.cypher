// Where each merge stands before it is applied: the survivor it resolves to (a survivor that was itself merged
// since resolves to where that went: merged ids are kept flat, one hop to the surviving node), what the old id is
// recorded as merged into so far, and whether a node with the old id is in the graph.
// Parameters: $rows: [{old, new, date}], $kind ('author' | 'work'). Returns: old, into, recorded (intoId or
//   null), present (boolean).
UNWIND $rows AS row
OPTIONAL MATCH (seen:MergedId {id: row.new})
OPTIONAL MATCH (known:MergedId {id: row.old})
RETURN row.old AS old, coalesce(seen.intoId, row.new) AS into, known.intoId AS recorded,
  CASE $kind
    WHEN 'author' THEN EXISTS { MATCH (:Author {id: row.old}) }
    ELSE EXISTS { MATCH (:Work {id: row.old}) }
  END AS present
