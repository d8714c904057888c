// Note, in the same transaction as a batch that created works, that references to them still need linking.
// Parameters: none. Returns: nothing.
MERGE (s:_ImportState {name: 'citations'})
SET s.pending = true
