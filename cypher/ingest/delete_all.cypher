// Delete every node and relationship, in chunks (constraints and indexes stay). Benchmarks start from empty.
// Must run in an auto-commit transaction (CALL ... IN TRANSACTIONS). Parameters: none. Returns: nothing.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
