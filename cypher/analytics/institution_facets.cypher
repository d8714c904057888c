// The keys an institution is counted under in institutionsGroupBy, over `i`. Sections start with "// piece: <name>".
// piece: COUNTRY
[x IN [i.countryCode] WHERE x IS NOT NULL | {key: x, label: x}]
// piece: TYPE
[x IN [i.type] WHERE x IS NOT NULL | {key: x, label: x}]
