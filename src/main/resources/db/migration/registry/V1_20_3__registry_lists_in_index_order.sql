-- The residents' and households' lists are read in the order of an index, so that their first page (and the next,
-- from a position) is read without sorting the whole scope. Residents are listed household by household within
-- their grid (they were ordered by the household's address, which no index of theirs can give: 1.1 s for a grid as
-- a village cadre at 500,000 residents); households by place, then by when they were registered. Each new index
-- begins with the path, so the path-only indexes they replace are dropped.
CREATE INDEX registry_resident_place_ix ON registry_resident (region_path, household_id, id);
DROP INDEX registry_resident_path_ix;
CREATE INDEX registry_household_place_ix ON registry_household (region_path, id);
DROP INDEX registry_household_path_ix;
