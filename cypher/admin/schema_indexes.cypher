// Every index of the database with its state; a constraint shows as the index it owns (of the same name).
// Used to tell whether the migrations ran (peergraph/db/migrations.py).
// Parameters: none. Returns: name, state, owningConstraint (null for a plain index).
SHOW INDEXES YIELD name, state, owningConstraint
RETURN name, state, owningConstraint
