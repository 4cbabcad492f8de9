-- Understudy model: HandTrees, 6 features, SQL dialect postgres.
-- Classes: "Adelie", "Chinstrap", "Gentoo".
-- Returns every column of the table, "prediction" (ties go to the first class listed) and "probability" (of the predicted class).
-- Missing input values are NULL, blank text or a missing marker (spaces and tabs trimmed).
WITH
us_features AS MATERIALIZED (
  SELECT
    "us_input" AS "_us_row",
    -- bill length
    COALESCE(CAST(NULLIF(TRIM(BOTH (' ' || chr(9)) FROM CAST("us_input"."bill length" AS TEXT)), '') AS DOUBLE PRECISION), 46.5e0::float8) AS "_us_f0",
    -- island = Biscoe
    CASE WHEN CAST("us_input"."island" AS TEXT) = 'Biscoe' THEN 1e0::float8 ELSE 0e0::float8 END AS "_us_f2"
  FROM "lab"."penguins" AS "us_input"
),
us_stage1 AS MATERIALIZED (
  SELECT
    *,
    -- probability of "Adelie"
    CASE
  WHEN "_us_f0" <= 42.8e0::float8 OR "_us_f0" IS NULL THEN 1e0::float8
  ELSE 0e0::float8
END AS "_us_p0",
    -- probability of "Chinstrap"
    CASE
  WHEN "_us_f0" <= 42.8e0::float8 OR "_us_f0" IS NULL THEN 0e0::float8
  ELSE CASE
    WHEN "_us_f2" <= 0.5e0::float8 THEN 1e0::float8
    ELSE 0e0::float8
  END
END AS "_us_p1",
    -- probability of "Gentoo"
    CASE
  WHEN "_us_f0" <= 42.8e0::float8 OR "_us_f0" IS NULL THEN 0e0::float8
  ELSE CASE
    WHEN "_us_f2" <= 0.5e0::float8 THEN 0e0::float8
    ELSE 1e0::float8
  END
END AS "_us_p2"
  FROM us_features
)
SELECT
  ("_us_row")."bill length" AS "bill length",
  ("_us_row")."island" AS "island",
  ("_us_row")."species" AS "species",
  CASE WHEN "_us_p0" >= "_us_p1" AND "_us_p0" >= "_us_p2" THEN 'Adelie' WHEN "_us_p1" >= "_us_p2" THEN 'Chinstrap' ELSE 'Gentoo' END AS "prediction",
  GREATEST("_us_p0", "_us_p1", "_us_p2") AS "probability"
FROM us_stage1

-- Understudy model: HandLinear, 6 features, SQL dialect postgres.
-- Classes: "no", "yes".
-- Returns every column of the table, "prediction" (ties go to the first class listed) and "probability" (of the predicted class).
-- Missing input values are NULL, blank text or a missing marker (spaces and tabs trimmed).
WITH
us_features AS MATERIALIZED (
  SELECT
    "us_input" AS "_us_row",
    -- bill length
    COALESCE(CAST(NULLIF(TRIM(BOTH (' ' || chr(9)) FROM CAST("us_input"."bill length" AS TEXT)), '') AS DOUBLE PRECISION), 46.5e0::float8) AS "_us_f0",
    -- bill length is missing
    CASE WHEN CAST(NULLIF(TRIM(BOTH (' ' || chr(9)) FROM CAST("us_input"."bill length" AS TEXT)), '') AS DOUBLE PRECISION) IS NULL THEN 1e0::float8 ELSE 0e0::float8 END AS "_us_f1",
    -- island = Dream
    CASE WHEN CAST("us_input"."island" AS TEXT) = 'Dream' THEN 1e0::float8 ELSE 0e0::float8 END AS "_us_f3",
    -- island = Torgersen
    CASE WHEN CAST("us_input"."island" AS TEXT) = 'Torgersen' THEN 1e0::float8 ELSE 0e0::float8 END AS "_us_f4",
    -- island = (other)
    CASE WHEN "us_input"."island" IS NULL OR LOWER(TRIM(BOTH (' ' || chr(9)) FROM CAST("us_input"."island" AS TEXT))) IN ('', 'na', 'n/a', 'nan', 'null') THEN 1e0::float8 WHEN CAST("us_input"."island" AS TEXT) IN ('Biscoe', 'Dream', 'Torgersen') THEN 0e0::float8 ELSE 1e0::float8 END AS "_us_f5"
  FROM "lab"."penguins" AS "us_input"
),
us_stage1 AS MATERIALIZED (
  SELECT
    *,
    -- log-odds of "yes"
    (-3.5e0::float8)
  + 0.25e0::float8 * "_us_f0"
  - 1e0::float8 * "_us_f1"
  + 0.5e0::float8 * "_us_f3"
  - 0.125e0::float8 * "_us_f4"
  + 2e0::float8 * "_us_f5" AS "_us_score"
  FROM us_features
),
us_stage2 AS MATERIALIZED (
  SELECT
    *,
    -- probability of "yes"
    CASE WHEN "_us_score" >= 0 THEN 1e0::float8 / (1e0::float8 + EXP(GREATEST(-"_us_score", (-700e0::float8)))) ELSE EXP(GREATEST("_us_score", (-700e0::float8))) / (1e0::float8 + EXP(GREATEST("_us_score", (-700e0::float8)))) END AS "_us_p1"
  FROM us_stage1
),
us_stage3 AS MATERIALIZED (
  SELECT
    *,
    -- probability of "no"
    1e0::float8 - "_us_p1" AS "_us_p0"
  FROM us_stage2
)
SELECT
  ("_us_row")."bill length" AS "bill length",
  ("_us_row")."island" AS "island",
  CASE WHEN "_us_p0" >= "_us_p1" THEN 'no' ELSE 'yes' END AS "prediction",
  GREATEST("_us_p0", "_us_p1") AS "probability"
FROM us_stage3
