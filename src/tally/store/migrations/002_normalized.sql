-- Normalize: comparable values beside the raw ones. Recomputed wholesale by
-- `tally normalize` when tables or rules change; victim_record is never touched.

CREATE TABLE record_norm (
    record_id        VARCHAR PRIMARY KEY,
    name_script      VARCHAR,      -- arabic | latin | mixed | none
    given_key        VARCHAR,      -- cross-script token keys of each name part
    father_key       VARCHAR,
    grandfather_key  VARCHAR,
    family_key       VARCHAR,
    mother_key       VARCHAR,
    given_std        VARCHAR,      -- the name table's reading of each part, where known
    father_std       VARCHAR,      -- (keys pool Mahmoud with Muhammad; these do not)
    family_std       VARCHAR,
    name_keys        VARCHAR[],    -- keys of every name token, in order
    kunya_key        VARCHAR,      -- "Abu X": the key of the whole kunya
    unidentified     BOOLEAN NOT NULL DEFAULT false,  -- "مجهول الهوية", "unknown"...
    date_start       DATE,
    date_end         DATE,
    date_precision   VARCHAR,      -- day | month | year | range
    place_id         VARCHAR,      -- gazetteer unit (p-code where one exists)
    place_level      INTEGER,      -- 1 governorate, 2 district, 3 sub-district, 4 locality
    place_ambiguous  BOOLEAN,
    district_id      VARCHAR,
    governorate_id   VARCHAR,
    latitude         DOUBLE,
    longitude        DOUBLE,
    age_low          DOUBLE,
    age_high         DOUBLE,
    sex              VARCHAR,      -- male | female
    status           VARCHAR,      -- civilian | combatant | unknown
    community        VARCHAR,
    problems         VARCHAR[],
    normalizer       VARCHAR NOT NULL  -- version of the rules and tables used
);
