// Fragment: institution(node)
// An institution as every read returns one (schema/institution.py's InstitutionRow reads it). A map projection.
{node} {.id, .name, .countryCode, .ror, .type, .worksCount, .isStub}
