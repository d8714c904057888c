// Merged ids (docs/graph-model.md#merged-ids): one `MergedId` per id OpenAlex merged into another, found by its
// old id (the lookup a merged id's reader makes) and by its survivor (re-pointed when the survivor is merged too).
// Parameters: none. Returns: nothing. Each statement is idempotent (IF NOT EXISTS).
CREATE CONSTRAINT merged_id_id IF NOT EXISTS FOR (n:MergedId) REQUIRE n.id IS UNIQUE;
CREATE INDEX merged_id_into IF NOT EXISTS FOR (n:MergedId) ON (n.intoId);
