// Public API of src/explain (re-exports only).
