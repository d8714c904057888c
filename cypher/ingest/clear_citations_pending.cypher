// References are linked: clear the pending flag.
// Parameters: none. Returns: nothing.
MATCH (s:_ImportState {name: 'citations'})
DELETE s
