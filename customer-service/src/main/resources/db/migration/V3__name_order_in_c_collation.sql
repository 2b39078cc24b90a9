-- Name search is a prefix match and name order must come from the index. A text_pattern_ops index serves LIKE
-- but not ORDER BY; an index in the "C" collation serves both (names then sort by code point, not linguistically).
DROP INDEX customer_name_order;
CREATE INDEX customer_name_order ON customer ((lower(name) COLLATE "C"), id);
