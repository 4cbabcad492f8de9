-- Understudy model: HandTrees, 6 features, SQL dialect spark.
-- Classes: "Adelie", "Chinstrap", "Gentoo".
-- Returns every column of the table, "prediction" (ties go to the first class listed) and "probability" (of the predicted class).
-- Missing input values are NULL, blank text or a missing marker (spaces and tabs trimmed).
WITH
us_features AS (
  SELECT
    struct(`us_input`.*) AS `_us_row`,
    -- bill length
    COALESCE(TRY_CAST(`us_input`.`bill length` AS DOUBLE), 46.5D) AS `_us_f0`,
    -- island = Biscoe
    CASE WHEN CAST(`us_input`.`island` AS STRING) = 'Biscoe' THEN 1D ELSE 0D END AS `_us_f2`
  FROM `lab`.`penguins` AS `us_input`
),
us_stage1 AS (
  SELECT
    *,
    -- probability of "Adelie"
    CASE
  WHEN `_us_f0` <= 42.8D OR `_us_f0` IS NULL THEN 1D
  ELSE 0D
END AS `_us_p0`,
    -- probability of "Chinstrap"
    CASE
  WHEN `_us_f0` <= 42.8D OR `_us_f0` IS NULL THEN 0D
  ELSE CASE
    WHEN `_us_f2` <= 0.5D THEN 1D
    ELSE 0D
  END
END AS `_us_p1`,
    -- probability of "Gentoo"
    CASE
  WHEN `_us_f0` <= 42.8D OR `_us_f0` IS NULL THEN 0D
  ELSE CASE
    WHEN `_us_f2` <= 0.5D THEN 0D
    ELSE 1D
  END
END AS `_us_p2`
  FROM us_features
)
SELECT
  `_us_row`.`bill length` AS `bill length`,
  `_us_row`.`island` AS `island`,
  `_us_row`.`species` AS `species`,
  CASE WHEN `_us_p0` >= `_us_p1` AND `_us_p0` >= `_us_p2` THEN 'Adelie' WHEN `_us_p1` >= `_us_p2` THEN 'Chinstrap' ELSE 'Gentoo' END AS `prediction`,
  GREATEST(`_us_p0`, `_us_p1`, `_us_p2`) AS `probability`
FROM us_stage1

-- Understudy model: HandLinear, 6 features, SQL dialect spark.
-- Classes: "no", "yes".
-- Returns every column of the table, "prediction" (ties go to the first class listed) and "probability" (of the predicted class).
-- Missing input values are NULL, blank text or a missing marker (spaces and tabs trimmed).
WITH
us_features AS (
  SELECT
    struct(`us_input`.*) AS `_us_row`,
    -- bill length
    COALESCE(TRY_CAST(`us_input`.`bill length` AS DOUBLE), 46.5D) AS `_us_f0`,
    -- bill length is missing
    CASE WHEN TRY_CAST(`us_input`.`bill length` AS DOUBLE) IS NULL THEN 1D ELSE 0D END AS `_us_f1`,
    -- island = Dream
    CASE WHEN CAST(`us_input`.`island` AS STRING) = 'Dream' THEN 1D ELSE 0D END AS `_us_f3`,
    -- island = Torgersen
    CASE WHEN CAST(`us_input`.`island` AS STRING) = 'Torgersen' THEN 1D ELSE 0D END AS `_us_f4`,
    -- island = (other)
    CASE WHEN `us_input`.`island` IS NULL OR LOWER(TRIM(BOTH ' \u0009' FROM CAST(`us_input`.`island` AS STRING))) IN ('', 'na', 'n/a', 'nan', 'null') THEN 1D WHEN CAST(`us_input`.`island` AS STRING) IN ('Biscoe', 'Dream', 'Torgersen') THEN 0D ELSE 1D END AS `_us_f5`
  FROM `lab`.`penguins` AS `us_input`
),
us_stage1 AS (
  SELECT
    *,
    -- log-odds of "yes"
    (-3.5D)
  + 0.25D * `_us_f0`
  - 1D * `_us_f1`
  + 0.5D * `_us_f3`
  - 0.125D * `_us_f4`
  + 2D * `_us_f5` AS `_us_score`
  FROM us_features
),
us_stage2 AS (
  SELECT
    *,
    -- probability of "yes"
    CASE WHEN `_us_score` >= 0 THEN 1D / (1D + EXP(GREATEST(-`_us_score`, (-700D)))) ELSE EXP(GREATEST(`_us_score`, (-700D))) / (1D + EXP(GREATEST(`_us_score`, (-700D)))) END AS `_us_p1`
  FROM us_stage1
),
us_stage3 AS (
  SELECT
    *,
    -- probability of "no"
    1D - `_us_p1` AS `_us_p0`
  FROM us_stage2
)
SELECT
  `_us_row`.`bill length` AS `bill length`,
  `_us_row`.`island` AS `island`,
  CASE WHEN `_us_p0` >= `_us_p1` THEN 'no' ELSE 'yes' END AS `prediction`,
  GREATEST(`_us_p0`, `_us_p1`) AS `probability`
FROM us_stage3
