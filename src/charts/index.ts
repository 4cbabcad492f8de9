// Public API of src/charts (re-exports only).
