// The importer's state nodes (`_ImportState {name}`: the citation flag, the graph version) are one per name: the
// graph version is merged by concurrent import batches, and this constraint makes that MERGE race-free.
// Parameters: none. Returns: nothing. Each statement is idempotent (IF NOT EXISTS).
CREATE CONSTRAINT import_state_name IF NOT EXISTS FOR (n:_ImportState) REQUIRE n.name IS UNIQUE;
